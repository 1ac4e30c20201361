package no.deling.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import no.deling.support.StreamClient;
import no.deling.support.TestServer;

/**
 * Property-based fuzzing of WebSocket messages: whatever a client sends, the socket stays open,
 * and every answer is a typed message the AsyncAPI documents (StreamClient checks each one against
 * its schema and fails on close otherwise).
 */
class StreamFuzzTest {
  private static TestServer s;
  private static StreamClient socket;

  @BeforeContainer
  static void start() throws Exception {
    s = TestServer.startInTempDir("deling-stream-fuzz", Map.of("DELING_STREAM_MESSAGE_RATE", "0"));
    s.publish(s.token("bob"), "something to resume into #kotlin");
    socket = StreamClient.connect(s.vertx, s.server.port(), s.token("fuzzer"));
  }

  @AfterContainer
  static void stop() {
    socket.close();
    s.close();
  }

  @Property(tries = 400)
  void anyMessage_isAnsweredWithATypedMessage_andTheSocketStaysOpen(@ForAll("messages") String message) {
    socket.ws.writeTextMessage(message);
    socket.ws.writeTextMessage("{\"type\":\"ping\"}");
    // everything up to our ping's pong is the answer to the fuzzed message
    while (true) {
      JsonObject m = socket.next();
      assertThat(m.getValue("type")).as("answer to %s: %s", message, m).isInstanceOf(String.class);
      // (replayed entries may come too; StreamClient holds every message to its AsyncAPI schema)
      if (m.getString("type").equals("pong")) break;
    }
    assertThat(socket.ws.isClosed()).as("closed by %s", message).isFalse();
  }

  @Provide
  Arbitrary<String> messages() {
    Arbitrary<Object> values = Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(30).map(v -> (Object) v),
        Arbitraries.longs().map(v -> (Object) v),
        Arbitraries.doubles().map(v -> (Object) v),
        Arbitraries.just((Object) null),
        Arbitraries.just((Object) true),
        Arbitraries.just((Object) new JsonArray().add("home")),
        Arbitraries.of("home", "notifications", "user", "topic", "thread", "group", "pulse", "bob", "kotlin", "0384036914845450240",
            "0000000000000000000", "9999999999999999999", "-1").map(v -> (Object) v));
    Arbitrary<String> shaped = Arbitraries.of("type", "stream", "since", "tag", "user", "post", "group", "extra")
        .list().ofMaxSize(4).uniqueElements()
        .flatMap(keys -> values.list().ofSize(keys.size()).flatMap(vs -> Arbitraries.of("subscribe", "unsubscribe", "ping", "nope", "").map(type -> {
          JsonObject o = new JsonObject().put("type", type);
          for (int i = 0; i < keys.size(); i++) o.put(keys.get(i), vs.get(i));
          return o.encode();
        })));
    return Arbitraries.oneOf(shaped, Arbitraries.strings().all().ofMaxLength(100),
        Arbitraries.of("", "[]", "null", "1", "\"x\"", "{", "{\"type\":", "{\"type\":\"subscribe\",\"stream\":\"home\",\"since\":1e308}"));
  }
}
