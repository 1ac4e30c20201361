package no.deling.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import no.deling.load.replay.ReplayReport;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** What a replay's text report says: a run that only set the organisation up reports only that. */
class ReplayReportTest {
  private static ReplayReport report(long sent, int sockets, long expectedDeliveries) {
    Histogram commands = new Histogram(3);
    for (int i = 0; i < sent; i++) commands.recordValue(2_000);
    Histogram deliveries = new Histogram(3);
    for (int i = 0; i < expectedDeliveries; i++) deliveries.recordValue(3_000);
    return new ReplayReport("a run", 0, sockets, sent == 0 ? 0 : 1, new ReplayReport.Setup(12, 12, Map.of(), 0.5), 0,
        sent, sent, Map.of(), 0, commands, expectedDeliveries, expectedDeliveries, 0, deliveries, List.of(), null, null);
  }

  @Test
  void aSetupOnlyRun_reportsItsSetupAndNoZeroCommandLines() {
    assertThat(report(0, 0, 0).table().lines()).containsExactly("a run", "setup: 12 requests, 12 ok, errors {}, 0.5 s");
  }

  @Test
  void aRunWithCommands_reportsCommandsDeliveriesAndLatencies() {
    String text = report(5, 2, 10).table();
    assertThat(text).contains("commands: 5 sent, 5 ok, 0 errors {}").contains("deliveries: 10 expected, 10 delivered, 0 missing")
        .contains("latency (ms)").containsPattern("commands\\s+5\\s+2\\.0").containsPattern("deliveries\\s+10\\s+3\\.0");
  }

  @Test
  void aRunWithSocketsButNoCommands_stillReportsItsDeliveries() {
    assertThat(report(0, 3, 0).table()).contains("deliveries: 0 expected").contains("sockets: 3");
  }
}
