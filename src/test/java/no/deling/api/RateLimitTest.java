package no.deling.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import no.deling.core.limits.TokenBucket;
import no.deling.support.StreamClient;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-person write limits, per-address login limits and per-socket message limits. */
class RateLimitTest {
  @TempDir Path dir;

  @Test
  void aBucket_refillsAtItsRate_upToItsBurst() {
    long t = 0;
    TokenBucket b = new TokenBucket(2, 3, t);
    for (int i = 0; i < 3; i++) assertThat(b.take(t)).isZero();
    assertThat(b.take(t)).as("empty: half a second to the next token").isEqualTo(500_000_000L);
    assertThat(b.take(t + 500_000_000L)).isZero();
    assertThat(b.full(t + 10_000_000_000L)).isTrue();
  }

  @Test
  void writesOverTheLimit_get429WithRetryAfter_andChangeNothing_whileOthersWriteOn() {
    try (TestServer s = TestServer.start(dir, Map.of("DELING_WRITE_RATE", "1", "DELING_WRITE_BURST", "3"))) {
      String flooder = s.token("flooder");
      for (int i = 0; i < 3; i++) s.publish(flooder, "post " + i);
      long head = s.head();
      Response refused = s.post("/api/posts", flooder, new JsonObject().put("text", "one too many"));
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.header("Retry-After")).isEqualTo("1");
      assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("writes");
      assertThat(s.head()).isEqualTo(head);
      assertThat(s.get("/api/me", flooder).status()).as("reads are not limited").isEqualTo(200);
      s.publish(s.token("bob"), "bob is not held back by someone else's flood");
    }
  }

  @Test
  void devLogins_areLimitedPerAddress() {
    try (TestServer s = TestServer.start(dir, Map.of("DELING_LOGIN_RATE", "1", "DELING_LOGIN_BURST", "2"))) {
      for (int i = 0; i < 2; i++) assertThat(s.post("/api/dev/login", null, new JsonObject().put("user", "u" + i)).status()).isEqualTo(200);
      Response refused = s.post("/api/dev/login", null, new JsonObject().put("user", "u9"));
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.header("Retry-After")).isNotNull();
    }
  }

  @Test
  void aSocketSendingTooFast_getsRateLimitedErrors_andStaysUsable() throws Exception {
    try (TestServer s = TestServer.start(dir, Map.of("DELING_STREAM_MESSAGE_RATE", "2"));
        StreamClient c = StreamClient.connect(s.vertx, s.server.port(), s.token("alice"))) {
      for (int i = 0; i < 30; i++) c.send(new JsonObject().put("type", "ping"));
      var got = c.drain(500);
      assertThat(got).anyMatch(m -> "rate_limited".equals(m.getString("code")));
      // the burst (10) is answered, plus whatever refilled (2/s) while the 30 were being sent
      assertThat(got.stream().filter(m -> "pong".equals(m.getString("type"))).count()).isBetween(10L, 12L);
      Thread.sleep(1_100);
      assertThat(c.subscribe(new JsonObject().put("stream", "home")).getString("type")).isEqualTo("subscribed");
    }
  }
}
