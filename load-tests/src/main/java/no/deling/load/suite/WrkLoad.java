package no.deling.load.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.deling.bench.RebuildBenchmark;

/**
 * A second, independent load generator: {@code wrk} (Debian's package), run against the same
 * servers as {@link HttpLoad} so the suite's own client cannot flatter or hide a result. Skipped
 * with a note when wrk is not installed.
 */
final class WrkLoad {
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

  record Result(double perSecond, long non2xx) {}

  /**
   * Runs of one load on Deling, each beside a run of the plain endpoint made just before it: on
   * these machines the speed moves by a third within minutes, so each run is compared with its own
   * minute's ceiling, and the median of those ratios is the figure.
   */
  record Rounds(List<Result> plain, List<Result> deling) {
    double ratio() {
      double[] r = new double[deling.size()];
      for (int i = 0; i < r.length; i++) r[i] = deling.get(i).perSecond() / plain.get(i).perSecond();
      return RebuildBenchmark.median(r);
    }

    double delingMedian() {
      return RebuildBenchmark.median(deling.stream().mapToDouble(Result::perSecond).toArray());
    }

    double plainMedian() {
      return RebuildBenchmark.median(plain.stream().mapToDouble(Result::perSecond).toArray());
    }

    long non2xx() {
      return deling.stream().mapToLong(Result::non2xx).sum();
    }

    /** Each run's rate, in order: {@code "13,791 / 9,922 / 11,594"}. */
    String delingFigures() {
      return figures(deling);
    }

    String plainFigures() {
      return figures(plain);
    }

    private static String figures(List<Result> runs) {
      return String.join(" / ", runs.stream().map(r -> String.format("%,.0f", r.perSecond())).toList());
    }
  }

  private WrkLoad() {}

  static boolean available() {
    try {
      Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** GET {@code path}. */
  static Result get(int port, String path, int connections, int seconds, Path work) throws IOException, InterruptedException {
    return run(port, path, connections, seconds, null, work);
  }

  /** POST each body in turn with its author's token (one token: one author). */
  static Result post(int port, String path, List<String> tokens, List<String> bodies, int connections, int seconds, Path work)
      throws IOException, InterruptedException {
    Path script = Files.createTempFile(work, "wrk", ".lua");
    Files.writeString(script, script(tokens, bodies, path), StandardCharsets.UTF_8);
    return run(port, path, connections, seconds, script, work);
  }

  /** A wrk script posting each body in turn to {@code path} with its author's token. */
  static String script(List<String> tokens, List<String> bodies, String path) {
    // Every distinct request is formatted once, in init: formatting each one as it is sent cost wrk
    // about a tenth more CPU per request, taken from the server on a machine of two cores (the plain
    // endpoint's runs format nothing at all).
    StringBuilder lua = new StringBuilder("local tokens = {");
    for (String t : tokens) lua.append('"').append(t).append("\",");
    lua.append("}\nlocal bodies = {");
    for (String b : bodies) lua.append(luaString(b)).append(',');
    int distinct = Math.min(16_000, lcm(tokens.size(), bodies.size()));
    lua.append("}\nlocal reqs = {}\ninit = function(args)\n  for k = 1, ").append(distinct).append(" do\n")
        .append("    reqs[k] = wrk.format(\"POST\", \"").append(path).append("\", {[\"Content-Type\"]=\"application/json\", ")
        .append("[\"Authorization\"]=\"Bearer \" .. tokens[(k % #tokens) + 1]}, bodies[(k % #bodies) + 1])\n  end\nend\n")
        .append("local i = 0\nrequest = function()\n  i = i + 1\n  return reqs[(i % #reqs) + 1]\nend\n");
    return lua.toString();
  }

  private static int lcm(int a, int b) {
    return a / java.math.BigInteger.valueOf(a).gcd(java.math.BigInteger.valueOf(b)).intValue() * b;
  }

  private static String luaString(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == '"' || c == '\\' || c < 0x20 || c >= 0x7f) out.append('\\').append(String.format("%03d", c));
      else out.append((char) c);
    }
    return out.append('"').toString();
  }

  private static Result run(int port, String path, int connections, int seconds, Path script, Path work) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s"));
    if (script != null) command.addAll(List.of("-s", script.toString()));
    command.add("http://127.0.0.1:" + port + path);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(seconds + 30L, TimeUnit.SECONDS);
    Matcher m = RATE.matcher(out);
    if (!m.find()) throw new IllegalStateException("wrk printed no rate:\n" + out);
    Matcher bad = NON_2XX.matcher(out);
    return new Result(Double.parseDouble(m.group(1)), bad.find() ? Long.parseLong(bad.group(1)) : 0);
  }
}
