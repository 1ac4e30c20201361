package no.deling.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.deling.Main;

/**
 * A Deling server in a JVM of its own, for what a test server in the test's JVM cannot show: a
 * SIGKILL, a SIGTERM, a process limit. It logs to {@code log} (appended to across restarts).
 */
public final class ServerProcess {
  // HTTP/1.1: Java 17's client fails every open HTTP/2 stream on a GOAWAY, even those the server
  // still answers (it processes streams up to the GOAWAY's last stream id), which a shutdown test would misread
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  private ServerProcess() {}

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * Starts the server on {@code dataDir} and {@code port} and answers once {@code /health} says 200.
   *
   * @param openFiles the process's limit on open files ({@code ulimit -n}), or 0 for the one the tests run with
   */
  public static Process start(Path dataDir, int port, Map<String, String> extra, Path log, int openFiles) throws Exception {
    List<String> command = new ArrayList<>();
    if (openFiles > 0) command.addAll(List.of("bash", "-c", "ulimit -n " + openFiles + " && exec \"$0\" \"$@\"")); // bash lowers it, then becomes the JVM
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.put("DELING_HTTP_PORT", String.valueOf(port));
    env.put("DELING_HTTP_HOST", "127.0.0.1");
    env.put("DELING_DATA_DIR", dataDir.toString());
    env.put("DELING_JWT_SECRET", TestServer.SECRET);
    env.put("DELING_DEV_LOGIN", "false");
    env.putAll(extra);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process p = pb.start();
    awaitHealth(p, port, log, 60);
    return p;
  }

  /**
   * The server's log holds no failure that nothing handled (a request answered 500, an exception at
   * an event loop's top): each is a bug, whatever the test was about, kills and restarts included.
   */
  public static void assertNoUnhandledFailures(Path log) throws IOException {
    if (!Files.exists(log)) return;
    try (var lines = Files.lines(log)) {
      assertThat(lines.filter(l -> l.contains("unhandled failure on") || l.matches(".*thread vert\\.x-eventloop-thread-\\d+ has been blocked.*")).toList())
          .as("failures nothing handled, in %s", log).isEmpty();
    }
  }

  /** Waits until the server answers {@code /health} with 200; fails at once should the process die. */
  public static void awaitHealth(Process p, int port, Path log, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      assertThat(p.isAlive()).as("server process died: %s", Files.readString(log)).isTrue();
      try {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("the server did not answer /health with 200 within " + seconds + " s");
  }
}
