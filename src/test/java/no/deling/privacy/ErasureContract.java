package no.deling.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.deling.core.eventstore.RecordedEvent;
import no.deling.privacy.sealing.KeyStore;
import no.deling.privacy.sealing.Sealer;
import no.deling.privacy.sealing.SqliteKeyStore;
import no.deling.support.StreamClient;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An admin erases a person: nothing they wrote or were described as is shown on any path — HTTP,
 * search, the link library, exports, the live stream resumed from before their first post — while
 * the server runs, after a restart (a full rebuild from the log) and in the bytes the log stores.
 * Run against each store.
 */
abstract class ErasureContract {
  /** Words only alice ever wrote or was described with; none may come back. */
  static final List<String> ALICE_ONLY = List.of("Zyxwvut", "Qwertyplan", "Alicecomment", "Wonderland", "Hatters", "rabbithole.example");

  @TempDir Path dir;
  TestServer s;
  /** Her phone's push service is at her own (reserved, never resolving) domain, so its address holds her words too. */
  private static final Map<String, String> ENV = Map.of("DELING_PUSH_SERVICES", "https://push.rabbithole.example",
      "DELING_PUSH_PUBLIC_KEY", "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8",
      "DELING_PUSH_PRIVATE_KEY", "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw");

  /** Starts (or restarts) the server on the same log and key store. */
  abstract TestServer start(Map<String, String> env);

  /** Every event body as the log stores it, unopened. */
  abstract List<byte[]> rawBodies() throws Exception;

  /** Beyond the bodies: whatever else the store keeps on disk holds none of her words either. */
  void assertStoredBytesHoldNone() throws Exception {}

  /** Alice's events are in the log still, sealed; no key to open one is left anywhere. */
  private void assertHerKeysAreGone() throws Exception {
    int hers = 0;
    try (KeyStore keys = SqliteKeyStore.open(dir.resolve("data/keys.db"))) {
      for (byte[] body : rawBodies()) {
        Sealer.Envelope e = Sealer.envelope(body);
        if (e == null) continue;
        boolean alices = e.target().subject().equals("alice");
        if (alices) hers++;
        assertThat(keys.key(e.target().subject(), e.target().period())).as("a key for %s", e.target()).matches(k -> alices == (k == null));
      }
    }
    assertThat(hers).as("her sealed events (profile, post, edit, bookmark, phone)").isGreaterThanOrEqualTo(5);
  }

  @AfterEach
  void stop() {
    if (s != null) s.close();
  }

  private String login(String user, String name, String department, String... roles) {
    JsonObject body = new JsonObject().put("user", user).put("name", name).put("department", department);
    if (user.equals("alice")) body.put("email", "alice@rabbithole.example"); // her address, from her token: erased with her
    if (roles.length > 0) body.put("roles", new JsonArray(List.of(roles)));
    Response r = s.post("/api/dev/login", null, body);
    assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    return r.json().getString("token");
  }

  @Test
  void anErasedPerson_isGoneFromEveryPath_whileRunning_afterARestart_andFromTheLogsBytes() throws Exception {
    s = start(ENV);
    String admin = login("root", "Root Admin", "IT", "admin");
    String alice = login("alice", "Alice Wonderland", "Hatters");
    String bob = login("bob", "Bob Builder", "Sales");
    String carol = login("carol", "Carol Singer", "Sales");
    assertThat(s.put("/api/me/following/users/alice", carol, null).status()).isEqualTo(200);
    long before = s.head();

    String post = s.publish(alice, "Zyxwvut draft of the plan #plans");
    assertThat(s.put("/api/posts/" + post, alice, new JsonObject().put("text", "Zyxwvut Qwertyplan, revised #plans")).status()).isEqualTo(200);
    String reply = s.reply(bob, post, "Bob agrees with this #plans");
    String own = s.publish(bob, "Bob's own note #plans");
    assertThat(s.post("/api/bookmarks", alice, new JsonObject().put("url", "https://example.org/shared").put("comment", "Alicecomment here"))
        .status()).isEqualTo(200);
    assertThat(s.post("/api/bookmarks", bob, new JsonObject().put("url", "https://example.org/shared").put("comment", "bob likes it"))
        .status()).isEqualTo(200);
    // why she would look after a topic is her words too
    assertThat(s.put("/api/topics/plans/offers/alice", alice, new JsonObject().put("note", "Alicecomment: I wrote the Qwertyplan")).status())
        .isEqualTo(200);
    assertThat(s.get("/api/topics/plans", admin).body().toString()).as("offered before").contains("Qwertyplan");
    no.deling.push.PushTestDevice phone = no.deling.push.PushTestDevice.create();
    Response device = s.post("/api/me/push-subscriptions", alice, new JsonObject().put("endpoint", "https://push.rabbithole.example/Wonderland-phone")
        .put("keys", new JsonObject().put("p256dh", phone.p256dh()).put("auth", phone.auth())).put("label", "Hatters phone"));
    assertThat(device.status()).as("%s", device.body()).isEqualTo(201);
    s.awaitSearch();
    assertThat(s.get("/api/search?q=Zyxwvut", bob).json().getJsonArray("items")).as("found before").isNotEmpty();
    assertThat(s.get("/api/users/alice", bob).body().toString()).contains("Wonderland");
    for (byte[] body : rawBodies()) assertNoneOf(new String(body, StandardCharsets.UTF_8), "the log as stored (sealed before any erasure)");

    // only an admin erases; an unknown person is 404
    assertThat(s.delete("/api/users/alice", bob).status()).isEqualTo(403);
    assertThat(s.delete("/api/users/nobody-here", admin).status()).isEqualTo(404);
    Response erased = s.delete("/api/users/alice", admin);
    assertThat(erased.status()).as("%s", erased.body()).isEqualTo(200);
    assertThat(erased.json().getString("erased")).isEqualTo("alice");

    assertGone(post, reply, own, before, alice, bob, carol);
    assertHerKeysAreGone();
    // erasing again changes nothing
    long head = s.head();
    assertThat(s.delete("/api/users/alice", admin).status()).isEqualTo(200);
    assertThat(s.head()).isEqualTo(head);

    s.close();
    // a restart from the snapshot written at shutdown, which holds none of her words either
    s = start(ENV);
    assertThat(s.get("/health", null).json().getJsonObject("readModel").getLong("startedFrom")).as("started from a snapshot").isPositive();
    assertGone(post, reply, own, before, alice, bob, carol);
    assertSnapshotHoldsNone();
    for (byte[] body : rawBodies()) assertNoneOf(new String(body, StandardCharsets.UTF_8), "the log as stored");
    assertStoredBytesHoldNone();
    assertHerKeysAreGone();
    assertThat(s.events().stream().filter(e -> e.type().equals("PersonErased.v1")).count()).isEqualTo(1);

    // and a restart that replays the whole log
    s.close();
    java.nio.file.Files.delete(dir.resolve("data/readmodel.snapshot"));
    s = start(ENV);
    assertThat(s.get("/health", null).json().getJsonObject("readModel").getLong("startedFrom")).as("replayed the whole log").isZero();
    assertGone(post, reply, own, before, alice, bob, carol);
  }

  /** The read-model snapshot on disk, opened and read back whole: none of her words. */
  private void assertSnapshotHoldsNone() {
    var store = (no.deling.privacy.sealing.SealedEventStore) s.server.store();
    var snapshots = new no.deling.readmodel.snapshot.Snapshots(dir.resolve("data/readmodel.snapshot"), store.keys(), 800, 2_000, true);
    var restored = snapshots.restore(store).orElseThrow();
    assertNoneOf(no.deling.support.StateDump.of(restored.state()), "the read-model snapshot");
    // and no run of posts' records is left beside it but those it lists (read back above)
    java.nio.file.Path runs = dir.resolve("data/readmodel.snapshot.runs");
    try (var files = java.nio.file.Files.list(runs)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactlyInAnyOrderElementsOf(snapshots.runNames());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertNoneOf(no.deling.support.StateDump.of(restored.notifications()), "the notifications in the snapshot");
  }

  /** What every path shows once alice is erased. */
  private void assertGone(String post, String reply, String own, long before, String alice, String bob, String carol) throws Exception {
    List<String> seen = new ArrayList<>();
    assertThat(s.get("/api/posts/" + post, bob).status()).isEqualTo(404);
    assertThat(s.get("/api/posts/" + post + "/history", bob).status()).isEqualTo(404);
    Response thread = s.get("/api/posts/" + reply + "/thread", bob);
    assertThat(thread.status()).isEqualTo(200);
    seen.add(thread.body().toString());
    JsonArray items = thread.json().getJsonArray("items");
    assertThat(items.stream().map(o -> ((JsonObject) o).getString("id"))).as("bob's reply stays, under a removed post").contains(reply);
    JsonObject replyView = s.get("/api/posts/" + reply, bob).json();
    assertThat(replyView.getString("inReplyTo")).isEqualTo(post);
    assertThat(s.get("/api/posts/" + own, bob).status()).isEqualTo(200);

    Response profile = s.get("/api/users/alice", bob);
    seen.add(profile.body().toString());
    assertThat(profile.json().getString("name")).as("only the id is left").isEqualTo("alice");
    assertThat(profile.json().getBoolean("former")).isTrue();
    seen.add(s.get("/api/users/alice/posts", bob).body().toString());
    assertThat(s.get("/api/users/alice/posts", bob).json().getJsonArray("items")).isEmpty();
    seen.add(s.get("/api/timelines/home", carol).body().toString());
    seen.add(s.get("/api/topics/plans/posts", carol).body().toString());
    String admin = login("root", "Root Admin", "IT", "admin");
    seen.add(s.get("/api/topics/plans", admin).body().toString());
    seen.add(s.get("/api/topics?offered=true", admin).body().toString());
    seen.add(s.get("/api/people?q=Alice", bob).body().toString());
    seen.add(s.get("/api/people?q=Wonderland", bob).body().toString());
    seen.add(s.get("/api/links", bob).body().toString());
    assertThat(s.get("/api/links", bob).body().toString()).as("bob's bookmark of the same address stays").contains("bob likes it");
    s.awaitSearch();
    seen.add(s.get("/api/search?q=Zyxwvut", bob).body().toString());
    assertThat(s.get("/api/search?q=Zyxwvut", bob).json().getJsonArray("items")).isEmpty();
    seen.add(s.get("/api/search?q=Wonderland", bob).body().toString());
    seen.add(s.get("/api/me/export", bob).body().toString());
    seen.add(s.get("/api/notifications", bob).body().toString());

    // she cannot come back in: her token is refused, and so is a new login
    assertThat(s.get("/api/me", alice).status()).isIn(401, 403);
    assertThat(s.post("/api/dev/login", null, new JsonObject().put("user", "alice").put("name", "Alice Wonderland")).status()).isIn(401, 403);

    // the live stream, resumed from before her first post, on every stream that carried her words
    try (StreamClient ws = StreamClient.connect(s.vertx, s.server.port(), carol)) {
      for (JsonObject sub : List.of(new JsonObject().put("stream", "home"), new JsonObject().put("stream", "user").put("user", "alice"),
          new JsonObject().put("stream", "topic").put("tag", "plans"), new JsonObject().put("stream", "thread").put("post", reply))) {
        ws.send(sub.put("type", "subscribe").put("since", before));
      }
      for (JsonObject m : ws.drain(500)) seen.add(m.encode());
    }
    for (String text : seen) assertNoneOf(text, "what the server shows");
  }

  static void assertNoneOf(String text, String where) {
    for (String word : ALICE_ONLY) assertThat(text).as(where).doesNotContainIgnoringCase(word);
  }

  static List<byte[]> bodies(List<RecordedEvent> events) {
    return events.stream().map(RecordedEvent::data).toList();
  }
}
