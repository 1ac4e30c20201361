package no.deling.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import no.deling.support.Await;
import no.deling.support.StreamClient;
import no.deling.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Caps on what one person can hold open: subscriptions per socket, sockets per person. */
class StreamLimitsTest {
  @TempDir Path dir;
  TestServer s;

  @BeforeEach
  void start() {
    s = TestServer.start(dir, Map.of("DELING_STREAM_MAX_SUBSCRIPTIONS", "3", "DELING_STREAM_MAX_SOCKETS_PER_USER", "2"));
  }

  @AfterEach
  void stop() {
    s.close();
  }

  private static JsonObject topic(String tag) {
    return new JsonObject().put("stream", "topic").put("tag", tag);
  }

  @Test
  void aSocket_holdsAtMostTheConfiguredSubscriptions() {
    try (StreamClient c = StreamClient.connect(s.vertx, s.server.port(), s.token("alice"))) {
      for (String tag : new String[] {"a", "b", "c"}) assertThat(c.subscribe(topic(tag)).getString("type")).isEqualTo("subscribed");
      JsonObject refused = c.subscribe(topic("d"));
      assertThat(refused.getString("type")).isEqualTo("error");
      assertThat(refused.getString("code")).isEqualTo("too_many_subscriptions");
      c.send(new JsonObject().put("type", "unsubscribe").put("stream", "topic").put("tag", "a"));
      c.next("unsubscribed");
      assertThat(c.subscribe(topic("d")).getString("type")).as("after letting one go").isEqualTo("subscribed");
    }
  }

  @Test
  void aPerson_holdsAtMostTheConfiguredSockets_othersAreUnaffected() {
    String alice = s.token("alice");
    StreamClient first = StreamClient.connect(s.vertx, s.server.port(), alice);
    StreamClient second = StreamClient.connect(s.vertx, s.server.port(), alice);
    assertThatThrownBy(() -> StreamClient.connect(s.vertx, s.server.port(), alice)).hasMessageContaining("429");
    try (StreamClient bob = StreamClient.connect(s.vertx, s.server.port(), s.token("bob"))) {
      assertThat(bob.subscribe(new JsonObject().put("stream", "home")).getString("type")).isEqualTo("subscribed");
    }
    first.close();
    Await.until(() -> s.server.streams().openSockets("alice") < 2, Duration.ofSeconds(5), "the closed socket to be let go");
    try (StreamClient third = StreamClient.connect(s.vertx, s.server.port(), alice)) {
      assertThat(third.subscribe(new JsonObject().put("stream", "home")).getString("type")).isEqualTo("subscribed");
    }
    second.close();
  }
}
