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

  /** A push service both instances may post to, and what reached it, by device. */
  private io.vertx.core.Vertx pushVertx;
  private String pushService;
  private final Map<String, List<byte[]>> pushed = new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeEach
  void start() throws Exception {
    pushVertx = io.vertx.core.Vertx.vertx();
    pushService = "http://127.0.0.1:" + pushVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      pushed.computeIfAbsent(req.path(), k -> new CopyOnWriteArrayList<>()).add(body.getBytes());
      req.response().setStatusCode(201).end();
    })).listen(0, "127.0.0.1").await().actualPort();
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
    // one push key pair for the instances of one log (RFC 8291's example server's)
    env.put("DELING_PUSH_PUBLIC_KEY", "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8");
    env.put("DELING_PUSH_PRIVATE_KEY", "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw");
    env.put("DELING_PUSH_SERVICES", pushService);
    env.put("DELING_PUSH_CHECK_MS", "100");
    env.put("DELING_WRITE_RATE", "0");
    return env;
  }

  @AfterEach
  void stop() throws Exception {
    node.start(); // schema check on close reads the log
    b.close();
    a.close();
    node.close();
    pushVertx.close().await();
  }

  @Test
  void bothInstancesLookForNotificationsToPush_andEachIsPushedOnce() throws Exception {
    String alice = a.token("alice", "Alice", "Sales");
    String bob = b.token("bob", "Bob", "Sales");
    assertThat(a.get("/api/me", alice).status()).isEqualTo(200);
    Await.until(() -> b.get("/api/users/alice", bob).status() == 200, Duration.ofSeconds(10), "B learns alice's profile");
    no.deling.push.PushTestDevice phone = no.deling.push.PushTestDevice.create();
    assertThat(a.post("/api/me/push-subscriptions", alice, new JsonObject().put("endpoint", pushService + "/alice")
        .put("keys", new JsonObject().put("p256dh", phone.p256dh()).put("auth", phone.auth()))).status()).isEqualTo(201);
    Await.until(() -> b.get("/api/me/push-subscriptions", alice).json().getJsonArray("items").size() == 1, Duration.ofSeconds(10),
        "B knows her phone");
    for (int i = 1; i <= 5; i++) {
      assertThat(b.post("/api/posts", bob, new JsonObject().put("text", "@alice question " + i)).status()).isEqualTo(201);
      int expected = i;
      Await.until(() -> pushed.getOrDefault("/alice", List.of()).size() >= expected, Duration.ofSeconds(10), "push " + i);
      Thread.sleep(400); // four more looks by each instance
      assertThat(pushed.get("/alice")).as("one push per mention, whichever instance looked first").hasSize(i);
    }
    long claims = a.events().stream().filter(e -> e.type().equals("NotificationsPushed.v1")).count();
    assertThat(claims).isEqualTo(5);
    for (byte[] body : pushed.get("/alice")) {
      assertThat(new JsonObject(new String(phone.decrypt(body), java.nio.charset.StandardCharsets.UTF_8)).getString("title"))
          .isEqualTo("Bob mentioned you");
    }
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
