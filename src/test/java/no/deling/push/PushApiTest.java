package no.deling.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import no.deling.support.EventSchemas;
import no.deling.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications pushed to people's devices, from a server on a real store on disk, through a push
 * service in this JVM that takes what the server sends as Google's or Mozilla's would (RFC 8030),
 * to a test device that opens it as a browser does (RFC 8291). The server looks every 200 ms.
 */
class PushApiTest {
  @TempDir java.nio.file.Path dir;
  private Vertx pushVertx;
  private HttpServer pushService;
  private String base;
  private TestServer s;

  /** What reached the push service. */
  record Received(String path, Map<String, String> headers, byte[] body) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    pushVertx = Vertx.vertx();
    pushService = pushVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      Map<String, String> headers = new java.util.HashMap<>();
      req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
      received.add(new Received(req.path(), headers, body.getBytes()));
      // a device its browser dropped: the push service says it is gone; a slow one answers after three seconds;
      // a busy one says 503 "come back in a second" to the first try at each address (429 to a /busy/ address's), and
      // a refusing one always says 400
      long tries = received.stream().filter(r -> r.path().equals(req.path())).count();
      if (req.path().startsWith("/slow/")) pushVertx.setTimer(3_000, t -> req.response().setStatusCode(201).end());
      else if (req.path().startsWith("/flaky/") && tries == 1) req.response().setStatusCode(503).putHeader("Retry-After", "1").end();
      else if (req.path().startsWith("/busy/") && tries == 1) req.response().setStatusCode(429).putHeader("Retry-After", "2").end();
      else if (req.path().startsWith("/refusing/")) req.response().setStatusCode(400).end();
      // made with a key the server no longer has: refused for good; a shaky service refuses its first four and then takes them
      else if (req.path().startsWith("/denied/") || req.path().startsWith("/shaky/") && tries <= 4) req.response().setStatusCode(403).end();
      else req.response().setStatusCode(req.path().endsWith("/gone") ? 410 : 201).end();
    })).listen(0, "127.0.0.1").await();
    base = "http://127.0.0.1:" + pushService.actualPort();
    s = server();
  }

  private TestServer server() {
    return TestServer.start(dir, Map.of("DELING_PUSH_SERVICES", base, "DELING_PUSH_CHECK_MS", "200", "DELING_WRITE_RATE", "0",
        "DELING_PUSH_SUBJECT", "mailto:ops@example.org", "DELING_METRICS_TOKEN", "scrape"));
  }

  @AfterEach
  void stop() {
    if (s != null) s.close();
    pushVertx.close().await();
  }

  private JsonObject subscription(String path, PushTestDevice device) {
    return new JsonObject().put("endpoint", base + path).put("expirationTime", (Object) null)
        .put("keys", new JsonObject().put("p256dh", device.p256dh()).put("auth", device.auth())).put("label", "Firefox on Android").put("language", "en");
  }

  private List<Received> at(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  private List<Received> awaitAt(String path, int count) throws InterruptedException {
    for (int i = 0; i < 100 && at(path).size() < count; i++) Thread.sleep(50);
    return at(path);
  }

  @Test
  void aMention_isPushedOnce_encryptedForTheDevice_signedForItsService_withoutThePostsWords() throws Exception {
    String alice = s.token("alice", "Alice Aas", "Engineering");
    String bob = s.token("bob", "Bob Berg", "Engineering");
    JsonObject mine = s.get("/api/me/push-subscriptions", alice).json();
    assertThat(mine.getBoolean("available")).isTrue();
    String key = mine.getString("publicKey");
    assertThat(WebPushKeys.isPublicKey(key)).isTrue();
    assertThat(s.get("/api/client-config", null).json().getJsonObject("push").getString("publicKey")).isEqualTo(key);
    assertThat(mine.getJsonArray("items")).isEmpty();

    PushTestDevice phone = PushTestDevice.create();
    TestServer.Response added = s.post("/api/me/push-subscriptions", alice, subscription("/push/alice-phone", phone));
    assertThat(added.status()).as("%s", added.body()).isEqualTo(201);
    String id = added.json().getString("id");
    assertThat(added.json().getMap()).containsEntry("label", "Firefox on Android").containsEntry("service", "127.0.0.1").doesNotContainKey("endpoint");
    long head = s.head();
    TestServer.Response again = s.post("/api/me/push-subscriptions", alice, subscription("/push/alice-phone", phone));
    assertThat(again.status()).as("the browser says it again").isEqualTo(200);
    assertThat(again.json().getString("id")).isEqualTo(id);
    assertThat(s.head()).isEqualTo(head);

    String post = s.post("/api/posts", bob, new JsonObject().put("text", "Secret budget figures for @alice: 4.2 MNOK")).json().getString("id");
    List<Received> pushes = awaitAt("/push/alice-phone", 1);
    assertThat(pushes).hasSize(1);
    Received push = pushes.get(0);
    assertThat(push.headers()).containsEntry("content-encoding", "aes128gcm").containsEntry("ttl", "86400").containsEntry("urgency", "high")
        .containsEntry("topic", "deling-notifications");
    assertThat(push.headers().get("authorization")).startsWith("vapid t=").endsWith(", k=" + key);
    String jwt = push.headers().get("authorization").substring(8, push.headers().get("authorization").indexOf(','));
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    assertThat(claims.getString("aud")).as("signed for the push service's origin").isEqualTo(base);
    assertThat(claims.getString("sub")).isEqualTo("mailto:ops@example.org");
    assertThat(new String(push.body(), StandardCharsets.ISO_8859_1)).as("the push service sees none of it").doesNotContain("Bob", "mentioned");

    String opened = new String(phone.decrypt(push.body()), StandardCharsets.UTF_8);
    JsonObject message = new JsonObject(opened);
    assertThat(message.getString("title")).isEqualTo("Bob Berg mentioned you");
    assertThat(message.getString("url")).isEqualTo("/#/post/" + post);
    assertThat(message.getInteger("count")).isEqualTo(1);
    assertThat(opened).doesNotContain("budget", "4.2", "MNOK");

    Thread.sleep(1_000); // five more looks: nothing new
    assertThat(at("/push/alice-phone")).as("once").hasSize(1);
    assertThat(s.events().stream().filter(e -> e.type().equals("NotificationsPushed.v1")).count()).isEqualTo(1);

    // the next one, pushed in a moment; a restart pushes nothing again, and keeps the server's key
    assertThat(s.put("/api/me/following/users/alice", bob, null).status()).isEqualTo(200);
    List<Received> second = awaitAt("/push/alice-phone", 2);
    assertThat(second).hasSize(2);
    assertThat(new JsonObject(new String(phone.decrypt(second.get(1).body()), StandardCharsets.UTF_8)).getString("title"))
        .isEqualTo("Bob Berg followed you");
    assertThat(second.get(1).headers()).as("a follow waits for no one").containsEntry("urgency", "normal");
    s.close();
    s = server();
    Thread.sleep(1_000);
    assertThat(at("/push/alice-phone")).as("after a restart").hasSize(2);
    assertThat(s.get("/api/me/push-subscriptions", alice).json().getString("publicKey")).isEqualTo(key);
    assertThat(s.get("/api/me/push-subscriptions", alice).json().getJsonArray("items")).hasSize(1);

    assertThat(EventSchemas.problems(s.events())).isEmpty();
    assertThat(metric("sent")).isEqualTo(0.0); // counted since this start
  }

  @Test
  void aDeviceItsPushServiceSaysIsGone_isRemoved_andTheOthersStillGetIt() throws Exception {
    String carol = s.token("carol", "Carol", "Sales");
    String bob = s.token("bob", "Bob Berg", "Sales");
    PushTestDevice laptop = PushTestDevice.create(), old = PushTestDevice.create();
    assertThat(s.post("/api/me/push-subscriptions", carol, subscription("/push/carol-laptop", laptop)).status()).isEqualTo(201);
    assertThat(s.post("/api/me/push-subscriptions", carol, subscription("/push/carol-old/gone", old)).status()).isEqualTo(201);
    assertThat(s.get("/api/me/push-subscriptions", carol).json().getJsonArray("items")).hasSize(2);

    s.post("/api/posts", bob, new JsonObject().put("text", "@carol, the quote is ready"));
    assertThat(awaitAt("/push/carol-laptop", 1)).hasSize(1);
    assertThat(awaitAt("/push/carol-old/gone", 1)).hasSize(1);
    for (int i = 0; i < 100 && s.get("/api/me/push-subscriptions", carol).json().getJsonArray("items").size() > 1; i++) Thread.sleep(50);
    JsonArray left = s.get("/api/me/push-subscriptions", carol).json().getJsonArray("items");
    assertThat(left).hasSize(1);
    assertThat(s.events().stream().filter(e -> e.type().equals("PushUnsubscribed.v1")).map(e -> new JsonObject(new String(e.data(),
        StandardCharsets.UTF_8)).getString("reason")).toList()).containsExactly("gone");
    // counted once each answer is in, a moment after the push service took the request
    for (int i = 0; i < 100 && (metric("gone") < 1.0 || metric("sent") < 1.0); i++) Thread.sleep(50);
    assertThat(metric("gone")).isEqualTo(1.0);
    assertThat(metric("sent")).isEqualTo(1.0);

    s.post("/api/posts", bob, new JsonObject().put("text", "@carol, and the invoice"));
    assertThat(awaitAt("/push/carol-laptop", 2)).hasSize(2);
    Thread.sleep(500);
    assertThat(at("/push/carol-old/gone")).as("never again").hasSize(1);
  }

  @Test
  void aDeviceWhosePushesAreRefusedFiveTimesInARow_isRemoved_butOneRefusedNowAndThen_isKept() throws Exception {
    String carol = s.token("carol", "Carol", "Sales");
    String bob = s.token("bob", "Bob Berg", "Sales");
    assertThat(s.post("/api/me/push-subscriptions", carol, subscription("/denied/carol-old-key", PushTestDevice.create())).status()).isEqualTo(201);
    TestServer.Response phone = s.post("/api/me/push-subscriptions", carol, subscription("/shaky/carol-phone", PushTestDevice.create()));
    assertThat(phone.status()).isEqualTo(201);
    for (int i = 1; i <= Refusals.IN_A_ROW; i++) {
      s.post("/api/posts", bob, new JsonObject().put("text", "@carol, note " + i));
      assertThat(awaitAt("/denied/carol-old-key", i)).hasSize(i);
      assertThat(awaitAt("/shaky/carol-phone", i)).hasSize(i);
    }
    for (int i = 0; i < 100 && s.get("/api/me/push-subscriptions", carol).json().getJsonArray("items").size() > 1; i++) Thread.sleep(50);
    JsonArray left = s.get("/api/me/push-subscriptions", carol).json().getJsonArray("items");
    assertThat(left).hasSize(1);
    assertThat(left.getJsonObject(0).getString("id")).as("the shaky one stays").isEqualTo(phone.json().getString("id"));
    assertThat(s.events().stream().filter(e -> e.type().equals("PushUnsubscribed.v1")).map(e -> new JsonObject(new String(e.data(),
        StandardCharsets.UTF_8)).getString("reason")).toList()).containsExactly("refused");
    s.post("/api/posts", bob, new JsonObject().put("text", "@carol, one more"));
    assertThat(awaitAt("/shaky/carol-phone", Refusals.IN_A_ROW + 1)).hasSize(Refusals.IN_A_ROW + 1);
    Thread.sleep(500);
    assertThat(at("/denied/carol-old-key")).as("never again").hasSize(Refusals.IN_A_ROW);
    assertThat(no.deling.support.EventSchemas.problems(s.events())).isEmpty();
  }

  @Test
  void refusals_nameTheFieldAndTheRule_andChangeNothing() throws Exception {
    String dan = s.token("dan", "Dan", "Sales");
    String erin = s.token("erin", "Erin", "Sales");
    String bob = s.token("bob", "Bob Berg", "Sales");
    PushTestDevice phone = PushTestDevice.create();
    assertThat(s.get("/api/me/push-subscriptions", dan).status()).isEqualTo(200); // a first request records dan's profile
    long head = s.head();
    TestServer.assertProblem(s.post("/api/me/push-subscriptions", dan, subscription("/x", phone).put("endpoint", "https://fcm.googleapis.com/fcm/send/x")),
        400, "endpoint", "pushService");
    TestServer.assertProblem(s.post("/api/me/push-subscriptions", dan, subscription("/x", phone).put("endpoint", "http://localhost:8080/api/admin")),
        400, "endpoint", "pushService");
    TestServer.assertProblem(s.post("/api/me/push-subscriptions", dan, subscription("/x", phone).put("keys",
        new JsonObject().put("p256dh", "BA" + "A".repeat(85)).put("auth", phone.auth()))), 422, "keys.p256dh", "p256Point");
    TestServer.assertProblem(s.post("/api/me/push-subscriptions", dan, subscription("/x", phone).put("keys",
        new JsonObject().put("p256dh", phone.p256dh()).put("auth", "c2hvcnQ"))), 422, "keys.auth", "authSecret");
    assertThat(s.post("/api/me/push-subscriptions", dan, new JsonObject().put("endpoint", base + "/x")).status()).as("no keys").isEqualTo(400);
    assertThat(s.post("/api/me/push-subscriptions", dan, subscription("/x", phone).put("label", "evil\u202Eplh")).status()).isEqualTo(400);
    assertThat(s.post("/api/me/push-subscriptions", null, subscription("/x", phone)).status()).isEqualTo(401);
    assertThat(s.head()).isEqualTo(head);

    String id = s.post("/api/me/push-subscriptions", dan, subscription("/push/dan", phone)).json().getString("id");
    TestServer.Response others = s.delete("/api/me/push-subscriptions/" + id, erin);
    assertThat(others.status()).as("only one's own").isEqualTo(404);
    assertThat(s.get("/api/me/push-subscriptions", dan).json().getJsonArray("items")).hasSize(1);
    assertThat(s.delete("/api/me/push-subscriptions/" + id, dan).status()).isEqualTo(204);
    assertThat(s.get("/api/me/push-subscriptions", dan).json().getJsonArray("items")).isEmpty();
    assertThat(s.delete("/api/me/push-subscriptions/" + id, dan).status()).isEqualTo(404);

    s.post("/api/posts", bob, new JsonObject().put("text", "@dan, lunch?"));
    Thread.sleep(1_000);
    assertThat(received).as("removed: nothing pushed").isEmpty();
  }

  @Test
  void withPushOff_thereIsNoKey_andNoDeviceIsTaken() throws Exception {
    s.close();
    s = TestServer.start(dir, Map.of("DELING_PUSH", "false"));
    String dan = s.token("dan", "Dan", "Sales");
    JsonObject mine = s.get("/api/me/push-subscriptions", dan).json();
    assertThat(mine.getBoolean("available")).isFalse();
    assertThat(mine.getString("publicKey")).isNull();
    assertThat(s.get("/api/client-config", null).json().getValue("push")).isNull();
    TestServer.assertProblem(s.post("/api/me/push-subscriptions", dan, subscription("/push/dan", PushTestDevice.create())), 400, "endpoint", "pushAvailable");
  }

  @Test
  void chosenOnlyWhereSomeoneWaits_aFollowIsNotPushed_butAQuestionIs() throws Exception {
    String erin = s.token("erin", "Erin", "Sales");
    String bob = s.token("bob", "Bob Berg", "Sales");
    PushTestDevice phone = PushTestDevice.create();
    assertThat(s.post("/api/me/push-subscriptions", erin, subscription("/push/erin", phone)).status()).isEqualTo(201);
    assertThat(s.get("/api/me/push-subscriptions", erin).json().getString("only")).isEqualTo("all");
    JsonObject chosen = s.put("/api/me/push-choice", erin, new JsonObject().put("only", "waiting")).json();
    assertThat(chosen.getString("only")).isEqualTo("waiting");
    assertThat(chosen.getJsonArray("items")).hasSize(1);
    long head = s.head();
    assertThat(s.put("/api/me/push-choice", erin, new JsonObject().put("only", "waiting")).status()).isEqualTo(200);
    assertThat(s.head()).as("the same again changes nothing").isEqualTo(head);
    assertThat(s.put("/api/me/push-choice", erin, new JsonObject().put("only", "some")).status()).isEqualTo(400);

    assertThat(s.put("/api/me/following/users/erin", bob, null).status()).isEqualTo(200);
    Thread.sleep(1_000);
    assertThat(at("/push/erin")).as("a follow: nobody waits for her").isEmpty();
    s.post("/api/posts", bob, new JsonObject().put("text", "@erin can you check the quote?"));
    List<Received> pushes = awaitAt("/push/erin", 1);
    assertThat(pushes).hasSize(1);
    JsonObject message = new JsonObject(new String(phone.decrypt(pushes.get(0).body()), StandardCharsets.UTF_8));
    assertThat(message.getString("title")).isEqualTo("Bob Berg mentioned you");
    assertThat(message.getInteger("count")).as("the follow is not counted in").isEqualTo(1);
  }

  @Test
  void aSlowPushService_holdsUpNobodyElsesPushes() throws Exception {
    String bob = s.token("bob", "Bob Berg", "Sales");
    StringBuilder text = new StringBuilder("Standup moved to 10");
    for (int i = 0; i < 8; i++) {
      String slow = s.token("slow" + i, "Slow " + i, "Sales");
      assertThat(s.post("/api/me/push-subscriptions", slow, subscription("/slow/" + i, PushTestDevice.create())).status()).isEqualTo(201);
      text.append(" @slow").append(i);
    }
    String fay = s.token("fay", "Fay", "Sales");
    assertThat(s.post("/api/me/push-subscriptions", fay, subscription("/push/fay", PushTestDevice.create())).status()).isEqualTo(201);
    long t0 = System.nanoTime();
    s.post("/api/posts", bob, new JsonObject().put("text", text.append(" @fay").toString()));
    assertThat(awaitAt("/push/fay", 1)).hasSize(1);
    assertThat((System.nanoTime() - t0) / 1_000_000).as("ms to fay's push, while eight pushes wait three seconds each").isLessThan(2_500);
  }

  @Test
  void aPushServiceThatSays503_isTriedAgainWhenItAsks_andTheDeviceGetsTheMessageOnce_butA400IsNotTriedAgain() throws Exception {
    String bob = s.token("bob", "Bob Berg", "Sales");
    PushTestDevice gro = PushTestDevice.create();
    assertThat(s.post("/api/me/push-subscriptions", s.token("gro", "Gro", "Sales"), subscription("/flaky/gro", gro)).status()).isEqualTo(201);
    assertThat(s.post("/api/me/push-subscriptions", s.token("ulf", "Ulf", "Sales"), subscription("/refusing/ulf", PushTestDevice.create())).status())
        .isEqualTo(201);
    long t0 = System.nanoTime();
    s.post("/api/posts", bob, new JsonObject().put("text", "Lunch at noon @gro @ulf"));
    List<Received> tries = awaitAt("/flaky/gro", 2);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(tries).as("503, then taken").hasSize(2);
    assertThat(ms).as("ms to the second try: the push service asked for a second").isGreaterThanOrEqualTo(1_000);
    assertThat(new String(gro.decrypt(tries.get(1).body()), StandardCharsets.UTF_8)).contains("Bob Berg mentioned you");
    for (int i = 0; i < 100 && metric("failed") < 1.0; i++) Thread.sleep(50);
    Thread.sleep(2_500); // past a first retry's two seconds: none comes
    assertThat(at("/flaky/gro")).as("taken once, so not again").hasSize(2);
    assertThat(at("/refusing/ulf")).as("a 400 would be answered again the same way").hasSize(1);
    assertThat(metric("retried")).isEqualTo(1.0);
    assertThat(metric("sent")).isEqualTo(1.0);
    assertThat(metric("failed")).isEqualTo(1.0);
  }

  @Test
  void aRetryWaiting_isDropped_whenANewerMessageReachedTheDeviceMeanwhile() throws Exception {
    String bob = s.token("bob", "Bob Berg", "Sales");
    String ivy = s.token("ivy", "Ivy", "Sales");
    PushTestDevice hal = PushTestDevice.create();
    assertThat(s.post("/api/me/push-subscriptions", s.token("hal", "Hal", "Sales"), subscription("/busy/hal", hal)).status()).isEqualTo(201);
    s.post("/api/posts", bob, new JsonObject().put("text", "First @hal"));
    assertThat(awaitAt("/busy/hal", 1)).as("429: come back in two seconds").hasSize(1);
    s.post("/api/posts", ivy, new JsonObject().put("text", "Second @hal"));
    List<Received> tries = awaitAt("/busy/hal", 2);
    assertThat(new String(hal.decrypt(tries.get(1).body()), StandardCharsets.UTF_8)).as("the newer message")
        .contains("Ivy mentioned you");
    Thread.sleep(2_500);
    assertThat(at("/busy/hal")).as("the older message is not sent over the newer").hasSize(2);
    assertThat(metric("retried")).isEqualTo(1.0);
    assertThat(metric("failed")).isEqualTo(0.0);
  }

  /** A counter of pushes from /metrics, as operators scrape it. */
  private double metric(String result) {
    return s.metric("scrape", "deling_pushes_total", result);
  }
}
