package no.deling.pulse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.deling.support.EventSchemas;
import no.deling.support.StreamClient;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network figures' trend line lives in the log; and an organisation can turn the pulse off. */
class PulseHistoryTest {
  @TempDir Path dir;

  private static String leader(TestServer s) {
    return s.server.tokens().sign(new JsonObject().put("sub", "ph-leader").put("name", "Leader").put("roles", List.of("leader")), 60);
  }

  @Test
  void recordedFigures_surviveARestart_andARestartAddsNoPoint() throws Exception {
    Map<String, String> hourly = Map.of("DELING_PULSE_REFRESH_MS", "3600000");
    String first;
    try (TestServer s = TestServer.start(dir, Map.of("DELING_PULSE_REFRESH_MS", "1500"))) {
      // under k people nothing could be shown, so nothing is recorded: five colleagues arrive
      assertThat(s.events().stream().filter(e -> e.type().equals("NetworkFiguresRecorded.v1"))).isEmpty();
      for (int i = 0; i < 5; i++) assertThat(s.get("/api/me", s.token("ph-person" + i)).status()).isEqualTo(200);
      JsonArray trend = awaitTrend(s, 1, Duration.ofSeconds(10));
      first = trend.getJsonObject(trend.size() - 1).getString("refreshedAt");
      assertThat(EventSchemas.problems(s.events())).isEmpty();
    }
    try (TestServer s = TestServer.start(dir, hourly)) {
      JsonArray trend = awaitTrend(s, 1, Duration.ofSeconds(5));
      Thread.sleep(500);
      trend = s.get("/api/pulse/network", leader(s)).json().getJsonArray("trend");
      int points = trend.size();
      assertThat(trend.stream().map(o -> ((JsonObject) o).getString("refreshedAt"))).as("the trend line came back from the log").contains(first);
      Thread.sleep(1_000);
      assertThat(s.get("/api/pulse/network", leader(s)).json().getJsonArray("trend")).as("the next refresh is an hour after the last, restart or not")
          .hasSize(points);
    }
  }

  @Test
  void withThePulseOff_itsRoutesAndStreamDoNotExist() {
    try (TestServer s = TestServer.start(dir, Map.of("DELING_PULSE", "false"))) {
      String leader = leader(s);
      for (String route : List.of("/api/pulse/network", "/api/pulse/activity", "/api/pulse/trends", "/api/pulse/questions", "/api/pulse/ideas",
          "/api/pulse/new-voices", "/api/me/network", "/api/topics/anything/pulse")) {
        assertThat(s.get(route, leader).status()).as(route).isEqualTo(404);
      }
      try (StreamClient c = StreamClient.connect(s.vertx, s.server.port(), leader)) {
        assertThat(c.subscribe(new JsonObject().put("stream", "pulse")).getString("code")).isEqualTo("unknown_stream");
      }
      s.publish(s.token("ph-someone"), "Nothing is counted");
      assertThat(s.server.model().activity).isNull();
      assertThat(s.events().stream().filter(e -> e.type().startsWith("Pulse") || e.type().startsWith("NetworkFigures"))).isEmpty();
    }
  }

  private static JsonArray awaitTrend(TestServer s, int points, Duration within) throws InterruptedException {
    for (long end = System.nanoTime() + within.toNanos(); System.nanoTime() < end; ) {
      JsonObject pulse = s.get("/api/pulse/network", leader(s)).json();
      JsonArray trend = pulse.getJsonArray("trend");
      if (trend != null && trend.size() >= points) return trend;
      Thread.sleep(100);
    }
    throw new AssertionError("no recorded refresh");
  }
}
