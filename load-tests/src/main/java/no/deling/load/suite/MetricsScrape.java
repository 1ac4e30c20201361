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
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
          .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      for (String line : r.body().split("\n")) {
        if (line.startsWith(name + " ") || line.startsWith(name + "{")) return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
      return Double.NaN;
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
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
