package no.deling.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import no.deling.core.eventstore.kurrentdb.KurrentDbStandIn;
import no.deling.support.Await;
import no.deling.support.StreamClient;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Deling instances (separate Vert.x instances) on one KurrentDB log (the gRPC stand-in): what
 * one accepts reaches the other's read models and WebSockets, and an outage of the log loses no
 * acknowledged post.
 */
class MultiInstanceTest {
  @TempDir Path dir;
  private KurrentDbStandIn node;
  private TestServer a;
  private TestServer b;

  @BeforeEach
  void start() throws Exception {
    node = KurrentDbStandIn.start0();
    a = TestServer.start(dir.resolve("a"), env(1));
    b = TestServer.start(dir.resolve("b"), env(2));
  }

  private Map<String, String> env(int nodeId) {
    Map<String, String> env = new HashMap<>();
    env.put("DELING_STORE", "kurrentdb");
    env.put("DELING_KURRENTDB_URL", node.connectionString());
    env.put("DELING_NODE_ID", Integer.toString(nodeId));
    env.put("DELING_STORE_TIMEOUT_MS", "1500");
    env.put("DELING_KEYS_PATH", dir.resolve("keys.db").toString()); // one key store for the instances of one log
    return env;
  }

  @AfterEach
  void stop() throws Exception {
    node.start(); // schema check on close reads the log
    b.close();
    a.close();
    node.close();
  }

  @Test
  void aPostAcceptedByA_reachesAFollowerOnB_andSurvivesAnOutageOfTheLog() throws Exception {
    String alice = a.token("alice");
    String bob = b.token("bob");
    assertThat(a.get("/api/me", alice).status()).isEqualTo(200);
    Await.until(() -> b.get("/api/users/alice", bob).status() == 200, Duration.ofSeconds(10), "B learns alice's profile");
    assertThat(b.put("/api/me/following/users/alice", bob, null).status()).isBetween(200, 204);

    try (StreamClient bobsSocket = StreamClient.connect(b.vertx, b.server.port(), bob)) {
      bobsSocket.subscribe(new JsonObject().put("stream", "home"));
      Response created = a.post("/api/posts", alice, new JsonObject().put("text", "hello from instance A"));
      assertThat(created.status()).isEqualTo(201);
      String id = created.json().getString("id");
      JsonObject update = bobsSocket.next("update");
      assertThat(update.getJsonObject("post").getString("id")).isEqualTo(id);
      assertThat(update.getLong("position")).isEqualTo(created.json().getLong("position"));
      Await.until(() -> homeIds(b, bob).contains(id), Duration.ofSeconds(5), "B's home timeline converges");

      // Keep writing through A while the log goes away and comes back.
      List<String> acknowledged = new CopyOnWriteArrayList<>(List.of(id));
      Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
      AtomicBoolean writing = new AtomicBoolean(true);
      Thread writer = new Thread(() -> {
        int n = 0;
        while (writing.get()) {
          Response r = a.post("/api/posts", alice, new JsonObject().put("text", "post " + n++));
          statuses.merge(r.status(), 1, Integer::sum);
          if (r.status() == 201) acknowledged.add(r.json().getString("id"));
        }
      });
      writer.start();
      Await.until(() -> acknowledged.size() > 20, Duration.ofSeconds(10), "writes before the outage");
      node.stop();
      Await.until(() -> a.get("/health", null).status() == 503, Duration.ofSeconds(10), "A reports the log down");
      Thread.sleep(4_000); // well past the 1.5 s store timeout, so writes in this window must fail
      node.start();
      int atRestart = acknowledged.size();
      Await.until(() -> acknowledged.size() > atRestart + 20, Duration.ofSeconds(30), "writes after the outage");
      writing.set(false);
      writer.join();

      assertThat(statuses.keySet()).as("only 201 or 503 while the log was away: %s", statuses).isSubsetOf(201, 503);
      assertThat(statuses.get(503)).as("the outage was seen by clients: %s", statuses).isNotNull();
      Await.until(() -> a.get("/health", null).status() == 200 && b.get("/health", null).status() == 200,
          Duration.ofSeconds(15), "both instances healthy again");

      // every acknowledged post reached B (read model and WebSocket) exactly once
      for (String p : acknowledged) {
        Await.until(() -> b.get("/api/posts/" + p, bob).status() == 200, Duration.ofSeconds(15), "post " + p + " on B");
      }
      Set<String> delivered = new HashSet<>(List.of(id));
      List<String> duplicates = new ArrayList<>();
      Await.until(() -> {
        for (JsonObject m : bobsSocket.drain(100)) {
          if ("update".equals(m.getString("type")) && !delivered.add(m.getJsonObject("post").getString("id"))) {
            duplicates.add(m.getJsonObject("post").getString("id"));
          }
        }
        return delivered.containsAll(acknowledged);
      }, Duration.ofSeconds(15), "bob's socket on B received every acknowledged post");
      assertThat(duplicates).isEmpty();
      assertThat(homeIds(b, bob)).containsAll(acknowledged.subList(Math.max(0, acknowledged.size() - 50), acknowledged.size()));
    }
  }

  private static List<String> homeIds(TestServer s, String token) {
    Response r = s.get("/api/timelines/home?limit=100", token);
    assertThat(r.status()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    r.json().getJsonArray("items").forEach(o -> ids.add(((JsonObject) o).getString("id")));
    return ids;
  }
}
