package no.deling.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import java.nio.file.Path;
import java.util.Map;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsApiTest {
  @TempDir Path dir;

  @Test
  void metrics_areOff_unlessATokenIsConfigured() {
    try (TestServer s = TestServer.start(dir)) {
      Response r = s.get("/metrics", null);
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }
  }

  @Test
  void metrics_needTheBearerToken_andExposeJvmAndDelingGauges() {
    try (TestServer s = TestServer.start(dir, Map.of("DELING_METRICS_TOKEN", "scrape-secret"))) {
      s.publish(s.token("alice"), "one post so the log has a head");
      assertThat(s.get("/metrics", null).status()).isEqualTo(401);
      assertThat(s.get("/metrics", "wrong").status()).isEqualTo(401);
      // a user's JWT is not the scrape token
      assertThat(s.get("/metrics", s.token("alice")).status()).isEqualTo(401);
      Response ok = s.call(HttpMethod.GET, "/metrics", "scrape-secret", null, Map.of());
      assertThat(ok.status()).isEqualTo(200);
      String text = ok.body().toString();
      assertThat(text).contains("jvm_memory_used_bytes{area=\"heap\"", "process_cpu_usage", "deling_readmodel_events_applied",
          "process_files_open_files", "deling_stream_closed_total{reason=\"consumer_too_slow\"", "deling_http_requests_total{event_loop=\"vert.x-eventloop-thread-");
      assertThat(text).containsPattern("deling_log_head_position [1-9]");
      // the JIT has compiled something by now: the counter is there and not zero
      assertThat(text).containsPattern("jvm_compilation_time_ms_total\\{[^}]*\\} [1-9]");
    }
  }

  @Test
  void metrics_tellHowManySnapshotsWereWritten_andHowLongTheNewestPausedTheProjection() throws InterruptedException {
    try (TestServer s = TestServer.start(dir, Map.of("DELING_METRICS_TOKEN", "scrape-secret", "DELING_SNAPSHOT_EVERY", "3",
        "DELING_SNAPSHOT_SPACING", "0"))) {
      String before = s.call(HttpMethod.GET, "/metrics", "scrape-secret", null, Map.of()).body().toString();
      assertThat(metric(before, "deling_readmodel_snapshots_written_total")).isZero();
      assertThat(metric(before, "deling_readmodel_snapshot_last_pause_seconds")).isZero();
      String alice = s.token("alice");
      for (int i = 0; i < 4; i++) s.publish(alice, "post " + i + " towards a snapshot");
      // the snapshot is written on the projection thread after the batch that makes it due
      String text = before;
      for (int tries = 0; tries < 100 && metric(text, "deling_readmodel_snapshots_written_total") == 0; tries++) {
        Thread.sleep(50);
        text = s.call(HttpMethod.GET, "/metrics", "scrape-secret", null, Map.of()).body().toString();
      }
      assertThat(metric(text, "deling_readmodel_snapshots_written_total")).isGreaterThanOrEqualTo(1);
      assertThat(metric(text, "deling_readmodel_snapshot_last_pause_seconds")).isGreaterThan(0).isLessThan(60);
      assertThat(metric(text, "deling_readmodel_snapshot_position")).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void metrics_countTheEmbeddedLogsCheckpoints_andShowItsWalSize() throws InterruptedException {
    try (TestServer s = TestServer.start(dir, Map.of("DELING_METRICS_TOKEN", "scrape-secret"))) {
      String before = s.call(HttpMethod.GET, "/metrics", "scrape-secret", null, Map.of()).body().toString();
      assertThat(metric(before, "deling_log_checkpoint_failures_total")).isZero();
      String alice = s.token("alice");
      for (int i = 0; i < 3; i++) s.publish(alice, "post " + i + " for the log to copy");
      // a quiet store is checkpointed within about two seconds of its last commit
      String text = before;
      for (int tries = 0; tries < 100 && metric(text, "deling_log_checkpoints_total") == metric(before, "deling_log_checkpoints_total"); tries++) {
        Thread.sleep(100);
        text = s.call(HttpMethod.GET, "/metrics", "scrape-secret", null, Map.of()).body().toString();
      }
      assertThat(metric(text, "deling_log_checkpoints_total")).isGreaterThan(metric(before, "deling_log_checkpoints_total"));
      assertThat(metric(text, "deling_log_checkpoint_seconds_total")).isGreaterThan(0).isLessThan(60);
      assertThat(metric(text, "deling_log_wal_pages")).isGreaterThan(0);
      assertThat(metric(text, "deling_log_checkpoint_failures_total")).isZero();
    }
  }

  @Test
  void metrics_splitEachAppendsWaitIntoStages_andCountReadYourWritesWaits() {
    try (TestServer s = TestServer.start(dir, Map.of("DELING_METRICS_TOKEN", "scrape-secret"))) {
      String alice = s.token("alice");
      s.publish(alice, "the first post records alice");
      String before = s.call(HttpMethod.GET, "/metrics", "scrape-secret", null, Map.of()).body().toString();
      long started = System.nanoTime();
      int posts = 5;
      for (int i = 0; i < posts; i++) s.publish(alice, "post " + i + " to be timed");
      double elapsed = (System.nanoTime() - started) / 1e9;
      String after = s.call(HttpMethod.GET, "/metrics", "scrape-secret", null, Map.of()).body().toString();
      assertThat(metric(after, "deling_log_appends_total") - metric(before, "deling_log_appends_total")).isEqualTo(posts);
      double stages = 0;
      for (String stage : new String[] {"queued", "commit", "sync", "applied", "handoff"}) {
        String name = "deling_log_append_seconds_total{stage=\"" + stage + "\"}";
        double spent = metric(after, name) - metric(before, name);
        assertThat(spent).as(stage).isGreaterThan(0);
        stages += spent;
      }
      // one post at a time: the appends' stages add up to less than the posts took from outside
      assertThat(stages).isLessThan(elapsed);
      assertThat(metric(after, "deling_readmodel_read_your_writes_waits_total") - metric(before, "deling_readmodel_read_your_writes_waits_total"))
          .isEqualTo(posts);
      double waited = metric(after, "deling_readmodel_read_your_writes_seconds_total") - metric(before, "deling_readmodel_read_your_writes_seconds_total");
      assertThat(waited).isGreaterThanOrEqualTo(0).isLessThan(elapsed - stages);
    }
  }

  private static double metric(String text, String name) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
    throw new AssertionError("no " + name + " in /metrics");
  }
}
