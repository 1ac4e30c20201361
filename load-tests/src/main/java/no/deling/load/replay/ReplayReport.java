package no.deling.load.replay;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What a replay measured. Latencies are in microseconds, commands from their intended send time
 * to the response, deliveries from the post's intended send time to its arrival at a socket.
 *
 * <p>The numbers add up: {@code sent = ok + errors}; {@code commandLatency} holds one value per
 * measured OK command; {@code deliveryLatency} one per measured delivery, and {@code delivered +
 * missing = expectedDeliveries}.
 */
public record ReplayReport(
    String title,
    double rate,
    int sockets,
    double measuredSeconds,
    Setup setup,
    long warmupCommands,
    long sent,
    long ok,
    Map<String, Long> errors,
    long skippedForDependency,
    Histogram commandLatency,
    long expectedDeliveries,
    long delivered,
    long unmatchedDeliveries,
    Histogram deliveryLatency,
    List<Second> timeline,
    Double avgServerCpu,
    Double maxServerHeapMb) {

  /** Setup (profiles and follows), sent as fast as possible before the measured run. */
  public record Setup(long sent, long ok, Map<String, Long> errors, double seconds) {}

  /** One second of the run. */
  public record Second(int second, boolean warmup, long commands, double commandP50Ms, double commandP99Ms, double commandMaxMs,
      long deliveries, double deliveryP50Ms, double deliveryP99Ms, double deliveryMaxMs, Double serverCpu, Double serverHeapMb) {}

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  public long missingDeliveries() {
    return Math.max(0, expectedDeliveries - delivered);
  }

  public double throughput() {
    return measuredSeconds <= 0 ? 0 : commandLatency.getTotalCount() / measuredSeconds;
  }

  public String table() {
    StringBuilder out = new StringBuilder();
    out.append(title).append('\n');
    out.append(String.format("setup: %,d requests, %,d ok, errors %s, %.1f s%n", setup.sent(), setup.ok(), new TreeMap<>(setup.errors()), setup.seconds()));
    // a run that only set the organisation up (the suite's first) has no commands or sockets to report: zeros read as a failure
    if (sent == 0 && sockets == 0 && expectedDeliveries == 0) return out.toString();
    out.append(String.format("offered rate: %s; sockets: %,d; measured %.1f s after %,d warm-up commands%n",
        rate > 0 ? String.format("%,.0f commands/s", rate) : "as fast as possible", sockets, measuredSeconds, warmupCommands));
    out.append(String.format("commands: %,d sent, %,d ok, %,d errors %s, %,d skipped (their post was never created); %,.0f ok/s%n",
        sent, ok, errorCount(), new TreeMap<>(errors), skippedForDependency, throughput()));
    out.append(String.format("deliveries: %,d expected, %,d delivered, %,d missing, %,d unmatched%n",
        expectedDeliveries, delivered, missingDeliveries(), unmatchedDeliveries));
    if (avgServerCpu != null) out.append(String.format("server: average CPU %.0f%%, max heap %,.0f MB%n", 100 * avgServerCpu, maxServerHeapMb));
    out.append(String.format("%-12s %10s %10s %10s %10s %10s %10s%n", "latency (ms)", "count", "p50", "p90", "p99", "p99.9", "max"));
    out.append(row("commands", commandLatency));
    out.append(row("deliveries", deliveryLatency));
    return out.toString();
  }

  private static String row(String name, Histogram h) {
    if (h.getTotalCount() == 0) return String.format("%-12s %10d %10s %10s %10s %10s %10s%n", name, 0, "-", "-", "-", "-", "-");
    return String.format("%-12s %,10d %10.1f %10.1f %10.1f %10.1f %10.1f%n", name, h.getTotalCount(),
        ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0);
  }

  static double ms(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1000.0;
  }
}
