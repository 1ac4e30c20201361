package no.deling.load.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Runs a load, unmeasured, until the server's JIT has settled: slices of a few seconds until one
 * spends under a twentieth of its time compiling ({@code jvm_compilation_time_ms_total}), or a
 * limit. A fresh server posting at full speed compiled for 40–60 s on this machine (1.3 s of
 * compiling in every 10 s a minute in); a fixed 10-second warm-up left the suite's first post row
 * measuring the compiler.
 */
final class JitWarmUp {
  /** The load itself, for one slice. */
  interface Slice {
    void run(Duration length) throws InterruptedException;
  }

  private static final Duration SLICE = Duration.ofSeconds(5);
  private static final double SETTLED = 0.05;

  private JitWarmUp() {}

  /** @return a line saying how long it took and how much the last slice compiled */
  static String run(int port, String metricsToken, Duration limit, Slice load) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long started = System.nanoTime();
    double before = compiledMillis(http, port, metricsToken);
    double share = Double.NaN;
    do {
      load.run(SLICE);
      double after = compiledMillis(http, port, metricsToken);
      if (Double.isNaN(before) || Double.isNaN(after)) return "JIT warm-up: no jvm_compilation_time_ms_total; warmed " + SLICE.toSeconds() + " s";
      share = (after - before) / SLICE.toMillis();
      before = after;
    } while (share > SETTLED && System.nanoTime() - started < limit.toNanos());
    return String.format("JIT warm-up: %.0f s, the last %d s compiling %.0f%% of the time%s", (System.nanoTime() - started) / 1e9,
        SLICE.toSeconds(), share * 100, share > SETTLED ? " (limit reached)" : "");
  }

  private static double compiledMillis(HttpClient http, int port, String token) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
          .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      for (String line : r.body().split("\n")) {
        if (line.startsWith("jvm_compilation_time_ms_total")) return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
      return Double.NaN;
    } catch (IOException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }
}
