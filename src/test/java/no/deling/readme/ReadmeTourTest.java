package no.deling.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.deling.support.StreamClient;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's five-minute tour, run as a newcomer would type it: its shell block with bash and
 * curl, command by command in the order written, against a fresh server; then its WebSocket part
 * with a real WebSocket client. Every {@code # ->} line (and every {@code <} line of the socket
 * part) must match what the server printed, {@code …} standing for anything. A change to the
 * server that the page does not follow, or the other way round, fails here.
 */
class ReadmeTourTest {
  private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Z_]+)=");
  @TempDir Path dir;

  record Step(String command, List<String> expected) {}

  @Test
  void theTour_printsWhatTheReadmeSays_inTheOrderItIsWritten() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String tour = readme.substring(readme.indexOf("## A five-minute tour"));
    List<String> shell = block(tour, 0);
    List<String> socket = block(tour, tour.indexOf("### Live, over one WebSocket"));
    try (TestServer s = TestServer.start(dir)) {
      String base = "localhost:" + s.server.port();
      List<Step> steps = steps(shell);
      Map<String, String> vars = new LinkedHashMap<>();
      List<String> outputs = runShell(steps, base, vars);
      for (int i = 0; i < steps.size(); i++) {
        assertThat(outputs.get(i)).as("README command `%s` printed a server error", steps.get(i).command()).doesNotContain("\"status\":5");
        for (String expected : steps.get(i).expected()) {
          assertThat(matches(expected, outputs.get(i)))
              .as("README command:%n  %s%nprinted:%n  %s%nbut the README says:%n  %s", steps.get(i).command(), outputs.get(i), expected).isTrue();
        }
      }
      playSocket(socket, s, base, vars);
    }
  }

  /** The lines of the first ```sh block at or after {@code from}. */
  private static List<String> block(String text, int from) {
    int start = text.indexOf("```sh\n", from) + 6;
    int end = text.indexOf("\n```", start);
    return List.of(text.substring(start, end).split("\n"));
  }

  /** Commands (continuation lines joined) with the {@code # ->} lines that follow each. */
  private static List<Step> steps(List<String> lines) {
    List<Step> steps = new ArrayList<>();
    StringBuilder pending = null;
    for (String line : lines) {
      if (pending != null) {
        pending.append('\n').append(line);
        if (!line.endsWith("\\")) {
          steps.add(new Step(pending.toString(), new ArrayList<>()));
          pending = null;
        }
      } else if (line.startsWith("# -> ")) {
        assertThat(steps).as("a '# ->' line needs a command above it").isNotEmpty();
        steps.get(steps.size() - 1).expected().add(line.substring(5));
      } else if (line.isBlank() || line.startsWith("#")) {
        continue;
      } else if (line.endsWith("\\")) {
        pending = new StringBuilder(line);
      } else {
        steps.add(new Step(line, new ArrayList<>()));
      }
    }
    return steps;
  }

  /** Runs every step in one bash, as a terminal session would; returns each step's output and the variables it set. */
  private List<String> runShell(List<Step> steps, String base, Map<String, String> vars) throws IOException, InterruptedException {
    StringBuilder script = new StringBuilder("set -u\n");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      String command = steps.get(i).command();
      Matcher m = ASSIGNMENT.matcher(command);
      if (m.find() && !names.contains(m.group(1))) names.add(m.group(1));
      script.append(command.replace("localhost:8080", base)).append('\n');
      script.append("printf '\\n<<<END ").append(i).append(">>>\\n'\n");
    }
    for (String name : names) script.append("printf '<<<VAR %s=%s>>>\\n' ").append(name).append(" \"$").append(name).append("\"\n");
    Path file = dir.resolve("tour.sh");
    Files.writeString(file, script.toString());
    // in a folder of its own, as a newcomer's shell would be: the files the tour makes stay out of the repository
    Path home = Files.createDirectories(dir.resolve("newcomer"));
    Process bash = new ProcessBuilder("bash", file.toString()).directory(home.toFile()).redirectErrorStream(true).start();
    assertThat(bash.waitFor(60, TimeUnit.SECONDS)).as("the tour finishes within a minute").isTrue();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    List<String> outputs = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < steps.size(); i++) {
      String marker = "\n<<<END " + i + ">>>\n";
      int at = out.indexOf(marker, from);
      assertThat(at).as("step %d (%s) did not finish; output so far:%n%s", i, steps.get(i).command(), out).isGreaterThanOrEqualTo(0);
      outputs.add(out.substring(from, at).strip());
      from = at + marker.length();
    }
    Matcher v = Pattern.compile("<<<VAR ([A-Z_]+)=([^>]*)>>>").matcher(out);
    while (v.find()) vars.put(v.group(1), v.group(2));
    return outputs;
  }

  /**
   * The socket part: {@code wscat -c} connects, {@code >} sends, {@code <} must be the next message,
   * an indented {@code #   curl} is what "another terminal" runs, and "disconnect" reconnects.
   */
  private void playSocket(List<String> lines, TestServer s, String base, Map<String, String> vars) throws Exception {
    StreamClient socket = null;
    String token = null;
    try {
      for (String line : lines) {
        if (line.contains("wscat -c")) {
          Matcher bearer = Pattern.compile("Bearer \\$([A-Z_]+)").matcher(line);
          assertThat(bearer.find()).isTrue();
          token = vars.get(bearer.group(1));
          socket = StreamClient.connect(s.vertx, s.server.port(), token);
        } else if (line.startsWith("> ")) {
          socket.send(new JsonObject(line.substring(2)));
        } else if (line.startsWith("< ")) {
          String got = socket.next().encode();
          assertThat(matches(line.substring(2), got)).as("the README's socket part expects%n  %s%nbut the server sent%n  %s", line.substring(2), got).isTrue();
        } else if (line.startsWith("#   curl")) {
          StringBuilder script = new StringBuilder();
          vars.forEach((k, v) -> script.append(k).append("='").append(v).append("'\n"));
          script.append(line.substring(4).replace("localhost:8080", base)).append('\n');
          Process p = new ProcessBuilder("bash", "-c", script.toString()).redirectErrorStream(true).start();
          assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } else if (line.contains("disconnect")) {
          socket.close();
          socket = StreamClient.connect(s.vertx, s.server.port(), token);
        }
      }
    } finally {
      if (socket != null) socket.close();
    }
  }

  /** {@code expected} with {@code …} as "anything": its pieces appear in order, anchored at both ends unless a {@code …} is there. */
  static boolean matches(String expected, String actual) {
    String[] pieces = expected.split("…", -1);
    int at = 0;
    for (int i = 0; i < pieces.length; i++) {
      String piece = pieces[i];
      if (i == 0) {
        if (!actual.startsWith(piece)) return false;
        at = piece.length();
        continue;
      }
      if (i == pieces.length - 1 && !piece.isEmpty()) return actual.length() - piece.length() >= at && actual.endsWith(piece);
      int found = actual.indexOf(piece, at);
      if (found < 0) return false;
      at = found + piece.length();
    }
    return pieces.length > 1 || actual.equals(expected);
  }
}
