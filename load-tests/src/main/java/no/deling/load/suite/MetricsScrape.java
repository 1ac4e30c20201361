package no.deling.load.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One figure from a Deling server's {@code /metrics} (Prometheus text), or NaN when it is not there. */
final class MetricsScrape {
  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final String token;

  MetricsScrape(int port, String token) {
    this.port = port;
    this.token = token;
  }

  /** The first sample of {@code name} (labels, if any, ignored). */
  double value(String name) {
    return value(scrape(), name);
  }

  /** The first sample of {@code name} in {@code text}; {@code name} may end in its labels ({@code a{b="c"}}). */
  static double value(String text, String name) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name + " ") || (!name.endsWith("}") && line.startsWith(name + "{"))) {
        try {
          return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        } catch (NumberFormatException e) {
          return Double.NaN;
        }
      }
    }
    return Double.NaN;
  }

  private String scrape() {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
          .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** Where appends' time went so far, and read-your-writes waits (see the server's {@code AppendLatency}). */
  WritePath writePath() {
    String text = scrape();
    double[] stages = new double[WritePath.STAGES.length];
    for (int i = 0; i < stages.length; i++) stages[i] = value(text, "deling_log_append_seconds_total{stage=\"" + WritePath.STAGES[i] + "\"}");
    return new WritePath(value(text, "deling_log_appends_total"), stages, value(text, "deling_readmodel_read_your_writes_waits_total"),
        value(text, "deling_readmodel_read_your_writes_seconds_total"));
  }

  /** Sums since the server started; {@link #since} turns two of them into means over what happened between. */
  record WritePath(double appends, double[] stageSeconds, double readYourWritesWaits, double readYourWritesSeconds) {
    static final String[] STAGES = {"queued", "commit", "sync", "applied", "handoff"};

    /** {@code "append 1.93 ms (queued 0.66, commit 0.28, sync 0.17, applied 0.10, handoff 0.72), read-your-writes 0.05 ms"} over the interval. */
    String since(WritePath before) {
      double n = appends - before.appends;
      if (!(n > 0)) return "no appends measured";
      StringBuilder parts = new StringBuilder();
      double total = 0;
      for (int i = 0; i < STAGES.length; i++) {
        double ms = (stageSeconds[i] - before.stageSeconds[i]) * 1e3 / n;
        total += ms;
        parts.append(i == 0 ? "" : ", ").append(STAGES[i]).append(String.format(java.util.Locale.ROOT, " %.2f", ms));
      }
      double waits = readYourWritesWaits - before.readYourWritesWaits;
      String ryw = waits > 0 ? String.format(java.util.Locale.ROOT, ", read-your-writes %.2f ms", (readYourWritesSeconds - before.readYourWritesSeconds) * 1e3 / waits) : "";
      return String.format(java.util.Locale.ROOT, "append %.2f ms (%s)%s", total, parts, ryw);
    }
  }

  /**
   * Runs {@code measured} and says which read-model snapshots were written meanwhile: a snapshot
   * stops the projection, so live entries wait for it, and a figure it fell into says so.
   */
  <T> Snapshotted<T> watchingSnapshots(Measured<T> measured) throws Exception {
    double before = value("deling_readmodel_snapshots_written_total");
    T result = measured.run();
    double after = value("deling_readmodel_snapshots_written_total");
    int written = Double.isNaN(before) || Double.isNaN(after) ? 0 : (int) (after - before);
    return new Snapshotted<>(result, written, written == 0 ? 0 : value("deling_readmodel_snapshot_last_pause_seconds"));
  }

  interface Measured<T> {
    T run() throws Exception;
  }

  /** A measurement, and the snapshots written during it (the pause of the newest). */
  record Snapshotted<T>(T result, int snapshots, double lastPauseSeconds) {
    /** {@code ""}, or a note such as {@code "; a read-model snapshot during the run paused the projection 2.6 s"}. */
    String note() {
      if (snapshots == 0) return "";
      return String.format("; %s during the run paused the projection%s %.1f s", snapshots == 1 ? "a read-model snapshot" : snapshots + " read-model snapshots",
          snapshots == 1 ? "" : " (the last)", lastPauseSeconds);
    }
  }
}
