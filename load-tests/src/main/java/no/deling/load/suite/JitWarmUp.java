package no.deling.load.suite;

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
    MetricsScrape metrics = new MetricsScrape(port, metricsToken);
    long started = System.nanoTime();
    double before = metrics.value("jvm_compilation_time_ms_total");
    double share = Double.NaN;
    do {
      load.run(SLICE);
      double after = metrics.value("jvm_compilation_time_ms_total");
      if (Double.isNaN(before) || Double.isNaN(after)) return "JIT warm-up: no jvm_compilation_time_ms_total; warmed " + SLICE.toSeconds() + " s";
      share = (after - before) / SLICE.toMillis();
      before = after;
    } while (share > SETTLED && System.nanoTime() - started < limit.toNanos());
    return String.format("JIT warm-up: %.0f s, the last %d s compiling %.0f%% of the time%s", (System.nanoTime() - started) / 1e9,
        SLICE.toSeconds(), share * 100, share > SETTLED ? " (limit reached)" : "");
  }
}
