package no.deling.load.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite reads figures from a real server's /metrics, and says when a snapshot fell inside a measurement. */
class MetricsScrapeTest {
  @TempDir Path dir;

  @Test
  void aMeasurementDuringWhichASnapshotWasWritten_saysSo_andOneWithoutSaysNothing() throws Exception {
    try (TestServer s = TestServer.start(dir, Map.of("DELING_METRICS_TOKEN", "suite-metrics", "DELING_SNAPSHOT_EVERY", "3",
        "DELING_SNAPSHOT_SPACING", "0"))) {
      MetricsScrape metrics = new MetricsScrape(s.server.port(), "suite-metrics");
      assertThat(metrics.value("jvm_compilation_time_ms_total")).isPositive();
      assertThat(metrics.value("no_such_metric")).isNaN();
      assertThat(new MetricsScrape(s.server.port(), "wrong-token").value("jvm_compilation_time_ms_total")).isNaN();

      MetricsScrape.Snapshotted<String> quiet = metrics.watchingSnapshots(() -> "nothing posted");
      assertThat(quiet.snapshots()).isZero();
      assertThat(quiet.note()).isEmpty();

      String alice = s.token("alice");
      MetricsScrape.Snapshotted<Integer> busy = metrics.watchingSnapshots(() -> {
        for (int i = 0; i < 4; i++) s.publish(alice, "post " + i);
        // the snapshot is written on the projection thread after the batch that makes it due
        for (int tries = 0; tries < 100 && metrics.value("deling_readmodel_snapshots_written_total") < 1; tries++) Thread.sleep(50);
        return 4;
      });
      assertThat(busy.result()).isEqualTo(4);
      assertThat(busy.snapshots()).isGreaterThanOrEqualTo(1);
      assertThat(busy.lastPauseSeconds()).isPositive();
      assertThat(busy.note()).contains("snapshot").contains("paused the projection");
    }
  }

  @Test
  void theWritePathSummary_givesEachStagesMeanOverTheAppendsBetweenTwoScrapes() {
    try (TestServer s = TestServer.start(dir, Map.of("DELING_METRICS_TOKEN", "suite-metrics"))) {
      MetricsScrape metrics = new MetricsScrape(s.server.port(), "suite-metrics");
      String alice = s.token("alice");
      s.publish(alice, "recorded");
      MetricsScrape.WritePath before = metrics.writePath();
      assertThat(metrics.writePath().since(before)).isEqualTo("no appends measured");
      for (int i = 0; i < 3; i++) s.publish(alice, "post " + i);
      MetricsScrape.WritePath after = metrics.writePath();
      assertThat(after.appends() - before.appends()).isEqualTo(3);
      assertThat(after.since(before)).matches("append \\d+\\.\\d\\d ms \\(queued \\d+\\.\\d\\d, commit \\d+\\.\\d\\d, sync \\d+\\.\\d\\d, "
          + "applied \\d+\\.\\d\\d, handoff \\d+\\.\\d\\d\\), read-your-writes \\d+\\.\\d\\d ms");
      // the mean is the stages' sum over the appends between the scrapes: their total is the figure before the brackets
      double total = 0;
      for (int i = 0; i < 5; i++) total += (after.stageSeconds()[i] - before.stageSeconds()[i]) * 1e3 / 3;
      assertThat(after.since(before)).startsWith(String.format(java.util.Locale.ROOT, "append %.2f ms", total));
    }
  }
}
