package no.deling.load.replay;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples the server's CPU and heap once a second from its Prometheus endpoint ({@code /metrics},
 * bearer token), so the report can show what the server spent. Does nothing without a token.
 */
final class MetricsSampler {
  record Sample(double cpu, double heapMb) {}

  private final Vertx vertx;
  private final WebClient client;
  private final String token;
  private final List<Sample> samples = new ArrayList<>();
  private volatile Sample latest;
  private long timer = -1;

  MetricsSampler(Vertx vertx, ReplayOptions o) {
    this.vertx = vertx;
    this.token = o.metricsToken();
    this.client = token == null ? null : WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost(o.target().getHost()).setDefaultPort(o.target().getPort()), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(1));
    if (client != null) {
      scrape();
      timer = vertx.setPeriodic(1_000, t -> scrape());
    }
  }

  private void scrape() {
    client.get("/metrics").putHeader("Authorization", "Bearer " + token).timeout(2_000).send().onSuccess(r -> {
      if (r.statusCode() != 200) return;
      Sample s = parse(r.bodyAsString());
      if (s == null) return;
      latest = s;
      synchronized (samples) {
        samples.add(s);
      }
    });
  }

  /** process_cpu_usage (0..1 of the whole machine) and the sum of jvm_memory_used_bytes{area="heap"}. */
  static Sample parse(String text) {
    Double cpu = null;
    double heap = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("process_cpu_usage ")) cpu = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      else if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) heap += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
    return cpu == null ? null : new Sample(cpu, heap / 1024 / 1024);
  }

  Sample sample() {
    return latest;
  }

  Double averageCpu() {
    synchronized (samples) {
      return samples.isEmpty() ? null : samples.stream().mapToDouble(Sample::cpu).average().orElse(0);
    }
  }

  Double maxHeapMb() {
    synchronized (samples) {
      return samples.isEmpty() ? null : samples.stream().mapToDouble(Sample::heapMb).max().orElse(0);
    }
  }

  void close() {
    if (timer >= 0) vertx.cancelTimer(timer);
    if (client != null) client.close();
  }
}
