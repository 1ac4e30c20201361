package no.deling.stream;

import static no.deling.support.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.deling.support.StreamClient;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamTest {
  @TempDir Path dir;
  TestServer s;
  String alice;
  String bob;
  String carol;

  @BeforeEach
  void start() {
    s = TestServer.start(dir);
    alice = s.token("alice");
    bob = s.token("bob");
    carol = s.token("carol");
    for (String t : List.of(alice, bob, carol)) s.get("/api/me", t);
  }

  @AfterEach
  void stop() {
    s.close();
  }

  private StreamClient connect(String token) {
    return StreamClient.connect(s.vertx, s.server.port(), token);
  }

  private static JsonObject sub(String stream) {
    return new JsonObject().put("stream", stream);
  }

  @Test
  void home_deliversFollowedPersonsPost_live_withItsLogPosition() {
    s.put("/api/me/following/users/bob", alice, null);
    try (StreamClient c = connect(alice)) {
      JsonObject ack = c.subscribe(sub("home"));
      assertThat(ack.getString("type")).isEqualTo("subscribed");
      Response created = s.post("/api/posts", bob, new JsonObject().put("text", "live from bob"));
      JsonObject update = c.next("update");
      assertThat(update.getString("stream")).isEqualTo("home");
      assertThat(update.getLong("position")).isEqualTo(created.json().getLong("position"));
      assertThat(update.getJsonObject("post").getString("id")).isEqualTo(created.json().getString("id"));
      assertThat(update.getJsonObject("post").getString("text")).isEqualTo("live from bob");
      // a stranger's post is not on alice's home
      s.publish(carol, "not for alice");
      assertThat(c.drain(200)).noneMatch(m -> "update".equals(m.getString("type")));
    }
  }

  @Test
  void topicAndUserAndThreadStreams_deliverTheirPosts() {
    String root = s.publish(bob, "root of a thread");
    try (StreamClient c = connect(alice)) {
      c.subscribe(sub("topic").put("tag", "Kotlin"));
      c.subscribe(sub("user").put("user", "carol"));
      c.subscribe(sub("thread").put("post", root));
      String tagged = s.publish(bob, "new #kotlin release");
      assertThat(c.next("update").getString("stream")).isEqualTo("topic:kotlin");
      String byCarol = s.publish(carol, "carol speaks");
      JsonObject u = c.next("update");
      assertThat(u.getString("stream")).isEqualTo("user:carol");
      assertThat(u.getJsonObject("post").getString("id")).isEqualTo(byCarol);
      String reply = s.reply(bob, root, "a reply");
      JsonObject t = c.next("update");
      assertThat(t.getString("stream")).isEqualTo("thread:" + root);
      assertThat(t.getJsonObject("post").getString("id")).isEqualTo(reply);
      assertThat(tagged).isNotNull();
    }
  }

  @Test
  void editsDeletesAndEndorsementCounts_areStreamed() {
    s.put("/api/me/following/users/bob", alice, null);
    String id = s.publish(bob, "draft");
    try (StreamClient c = connect(alice)) {
      c.subscribe(sub("home"));
      s.put("/api/posts/" + id, bob, new JsonObject().put("text", "final"));
      JsonObject edit = c.next("status.update");
      assertThat(edit.getJsonObject("post").getString("text")).isEqualTo("final");
      s.put("/api/posts/" + id + "/endorsement", carol, null);
      JsonObject count = c.next("endorsements");
      assertThat(count.getString("id")).isEqualTo(id);
      assertThat(count.getInteger("endorsements")).isEqualTo(1);
      s.delete("/api/posts/" + id, bob);
      assertThat(c.next("delete").getString("id")).isEqualTo(id);
    }
  }

  @Test
  void notifications_forMentionReplyEndorsementAndFollow() {
    String mine = s.publish(alice, "alice's post");
    try (StreamClient c = connect(alice)) {
      c.subscribe(sub("notifications"));
      s.publish(bob, "hey @alice look");
      assertThat(c.next("notification").getJsonObject("notification").getString("kind")).isEqualTo("mention");
      s.reply(bob, mine, "replying (and @alice)");
      JsonObject reply = c.next("notification").getJsonObject("notification");
      assertThat(reply.getString("kind")).isEqualTo("reply");
      assertThat(reply.getJsonObject("from").getString("id")).isEqualTo("bob");
      s.put("/api/posts/" + mine + "/endorsement", bob, null);
      assertThat(c.next("notification").getJsonObject("notification").getString("kind")).isEqualTo("endorsement");
      s.put("/api/me/following/users/alice", carol, null);
      JsonObject follow = c.next("notification").getJsonObject("notification");
      assertThat(follow.getString("kind")).isEqualTo("follow");
      assertThat(follow.getJsonObject("from").getString("id")).isEqualTo("carol");
      assertThat(c.drain(200)).as("exactly one notification per event").noneMatch(m -> "notification".equals(m.getString("type")));
    }
  }

  @Test
  void unsubscribe_stopsDelivery() {
    try (StreamClient c = connect(alice)) {
      c.subscribe(sub("topic").put("tag", "java"));
      s.publish(bob, "#java one");
      c.next("update");
      c.send(new JsonObject().put("type", "unsubscribe").put("stream", "topic").put("tag", "java"));
      assertThat(c.next("unsubscribed").getString("stream")).isEqualTo("topic:java");
      s.publish(bob, "#java two");
      assertThat(c.drain(300)).noneMatch(m -> "update".equals(m.getString("type")));
    }
  }

  @Test
  void badMessages_getTypedErrors_andTheSocketSurvives() {
    try (StreamClient c = connect(alice)) {
      c.ws.writeTextMessage("{not json");
      assertThat(c.next("error").getString("code")).isEqualTo("bad_json");
      c.send(new JsonObject().put("type", "subscribe").put("stream", "gossip"));
      assertThat(c.next("error").getString("code")).isEqualTo("unknown_stream");
      c.send(new JsonObject().put("type", "subscribe").put("stream", "home").put("user", "bob"));
      assertThat(c.next("error").getString("code")).isEqualTo("forbidden");
      c.send(new JsonObject().put("type", "subscribe").put("stream", "notifications").put("user", "bob"));
      assertThat(c.next("error").getString("code")).isEqualTo("forbidden");
      c.send(new JsonObject().put("type", "subscribe").put("stream", "user").put("user", "nobody"));
      assertThat(c.next("error").getString("code")).isEqualTo("not_found");
      c.send(new JsonObject().put("type", "subscribe").put("stream", "topic").put("tag", "no spaces"));
      assertThat(c.next("error").getString("code")).isEqualTo("bad_request");
      c.send(new JsonObject().put("type", "subscribe").put("stream", "home").put("since", s.head() + 1000));
      assertThat(c.next("error").getString("code")).isEqualTo("future_cursor");
      c.send(new JsonObject().put("type", "subscribe").put("stream", "home").put("since", "yesterday"));
      assertThat(c.next("error").getString("code")).isEqualTo("bad_request");
      c.send(new JsonObject().put("type", "dance"));
      assertThat(c.next("error").getString("code")).isEqualTo("bad_request");
      c.send(new JsonObject().put("type", "ping"));
      assertThat(c.next("pong")).isNotNull();
      assertThat(c.subscribe(sub("home")).getString("type")).isEqualTo("subscribed");
      assertThat(c.ws.isClosed()).isFalse();
    }
  }

  @Test
  void upgrade_withoutValidToken_isRefused() {
    assertThatThrownBy(() -> connect(null)).hasMessageContaining("401");
    assertThatThrownBy(() -> connect("not.a.token")).hasMessageContaining("401");
  }

  @Test
  void browserStyleAuth_viaSubprotocol_isEchoed_orViaQueryParameter() {
    WebSocketConnectOptions viaProtocol = new WebSocketConnectOptions().setHost("localhost").setPort(s.server.port())
        .setURI("/api/stream").setSubProtocols(List.of("deling", alice));
    try (StreamClient c = StreamClient.connect(s.vertx, viaProtocol)) {
      assertThat(c.ws.subProtocol()).isEqualTo("deling");
      assertThat(c.subscribe(sub("home")).getString("type")).isEqualTo("subscribed");
    }
    // offering only the token: the server never echoes a token back (it answers "deling" or nothing)
    WebSocketConnectOptions tokenOnly = new WebSocketConnectOptions().setHost("localhost").setPort(s.server.port())
        .setURI("/api/stream").setSubProtocols(List.of(alice));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> StreamClient.connect(s.vertx, tokenOnly)).hasMessageContaining("Actual: null");
    WebSocketConnectOptions viaQuery = new WebSocketConnectOptions().setHost("localhost").setPort(s.server.port())
        .setURI("/api/stream?access_token=" + alice);
    try (StreamClient c = StreamClient.connect(s.vertx, viaQuery)) {
      assertThat(c.subscribe(sub("notifications")).getString("type")).isEqualTo("subscribed");
    }
  }

  /** @return the position of the last entry alice saw */
  private long aliceFollowsBob_andSeesOnePostLive_thenDisconnects() {
    s.put("/api/me/following/users/bob", alice, null);
    try (StreamClient c = connect(alice)) {
      c.subscribe(sub("home"));
      s.publish(bob, "seen");
      return c.next("update").getLong("position");
    }
  }

  @Test
  void resume_replaysMissedEntriesInOrder_thenLive() {
    long last = aliceFollowsBob_andSeesOnePostLive_thenDisconnects();
    String m1 = s.publish(bob, "missed 1");
    s.publish(carol, "never on alice's home");
    String m2 = s.publish(bob, "missed 2");
    try (StreamClient c = connect(alice)) {
      c.subscribe(sub("home").put("since", last));
      assertThat(c.next("update").getJsonObject("post").getString("id")).isEqualTo(m1);
      assertThat(c.next("update").getJsonObject("post").getString("id")).isEqualTo(m2);
      String live = s.publish(bob, "live again");
      assertThat(c.next("update").getJsonObject("post").getString("id")).isEqualTo(live);
    }
  }

  /** Found by NoLeakPropertyTest: a resumed notifications stream replayed a mention from a private group its recipient had left. */
  @Test
  void notifications_aboutAPostTheRecipientMayNoLongerSee_areNeitherReplayedNorSent() {
    long before = s.head();
    Response made = s.post("/api/groups", alice, new JsonObject().put("name", "Board prep").put("access", "private").put("topics", List.of("deals")));
    String g = made.json().getString("id");
    assertThat(s.put("/api/groups/" + g + "/members/bob", alice, null).status()).isEqualTo(200);
    assertThat(s.put("/api/groups/" + g + "/members/bob", bob, null).json().getString("role")).isEqualTo("member");
    Response inGroup = s.post("/api/posts", alice, new JsonObject().put("text", "@bob the numbers before Friday").put("group", g));
    String secret = inGroup.json().getString("id");
    String regretted = s.publish(carol, "@bob a remark I regret");
    try (StreamClient live = connect(bob)) {
      live.subscribe(sub("notifications"));
      assertThat(s.delete("/api/groups/" + g + "/members/bob", bob).status()).isEqualTo(200);
      assertThat(s.delete("/api/posts/" + regretted, carol).status()).isEqualTo(204);
      s.publish(alice, "@bob still here?");
      JsonObject next = live.next("notification").getJsonObject("notification");
      assertThat(next.getString("kind")).isEqualTo("mention");
      assertThat(next.getString("post")).isNotIn(secret, regretted);
    }
    try (StreamClient resumed = connect(bob)) {
      resumed.subscribe(sub("notifications").put("since", before));
      String replayed = resumed.drain(300).toString();
      assertThat(replayed).as("what bob may not see now").doesNotContain(secret).doesNotContain(regretted).contains("mention");
    }
    assertThat(s.get("/api/notifications?limit=100", bob).body().toString()).doesNotContain(secret).doesNotContain(regretted);
  }

  @Test
  void resume_afterADelete_neverReplaysTheDeletedText_andAfterAnEdit_onlyTheCurrentText() {
    long before = s.head();
    String deleted = s.publish(bob, "a regrettable remark");
    String edited = s.publish(bob, "first draft");
    assertThat(s.put("/api/posts/" + edited, bob, new JsonObject().put("text", "final wording")).status()).isEqualTo(200);
    assertThat(s.delete("/api/posts/" + deleted, bob).status()).isEqualTo(204);
    for (String stream : List.of("user", "home")) {
      try (StreamClient c = connect(stream.equals("home") ? bob : carol)) {
        c.subscribe(sub(stream).put("user", stream.equals("home") ? null : "bob").put("since", before));
        List<JsonObject> replayed = c.drain(300);
        String all = replayed.toString();
        assertThat(all).as(stream).doesNotContain("regrettable").doesNotContain("first draft").contains("final wording");
        assertThat(replayed.stream().filter(m -> "delete".equals(m.getString("type"))).map(m -> m.getString("id"))).containsExactly(deleted);
      }
    }
  }

  @Test
  void resume_ofAShare_showsTheSharedPostAsItIsNow_notAsItWasWhenShared() {
    // found by NoLeakPropertyTest: a share's entry replayed the text the post had when it was shared
    s.put("/api/me/following/users/alice", carol, null);
    long before = s.head();
    String post = s.publish(bob, "draft wording");
    assertThat(s.put("/api/posts/" + post + "/share", alice, null).status()).isEqualTo(200);
    assertThat(s.put("/api/posts/" + post, bob, new JsonObject().put("text", "final wording")).status()).isEqualTo(200);
    try (StreamClient c = connect(carol)) {
      c.subscribe(sub("home").put("since", before));
      JsonObject update = c.next("update").getJsonObject("post");
      assertThat(update.getString("text")).isEqualTo("final wording");
      assertThat(update.getJsonObject("sharedBy").getString("id")).isEqualTo("alice");
      assertThat(c.drain(200).toString()).doesNotContain("draft wording");
    }
  }

  @Test
  void resume_acrossARestart_replaysWhatWasMissed_fromTheRebuiltWindow() {
    long last = aliceFollowsBob_andSeesOnePostLive_thenDisconnects();
    String m1 = s.publish(bob, "missed before the restart, cc @alice");
    String m2 = s.publish(bob, "also missed");
    s.close();
    s = TestServer.start(dir); // these entries now come from the log, rendered only when asked for
    try (StreamClient home = connect(alice); StreamClient notes = connect(alice)) {
      home.subscribe(sub("home").put("since", last));
      JsonObject first = home.next("update");
      assertThat(first.getJsonObject("post").getString("id")).isEqualTo(m1);
      assertThat(first.getJsonObject("post").getString("text")).isEqualTo("missed before the restart, cc @alice");
      assertThat(first.getJsonObject("post").getJsonObject("author").getString("id")).isEqualTo("bob");
      assertThat(home.next("update").getJsonObject("post").getString("id")).isEqualTo(m2);
      notes.subscribe(sub("notifications").put("since", last));
      JsonObject mention = notes.next("notification");
      assertThat(mention.getJsonObject("notification").getString("kind")).isEqualTo("mention");
      assertThat(mention.getJsonObject("notification").getString("post")).isEqualTo(m1);
      String live = s.publish(bob, "live after the restart");
      assertThat(home.next("update").getJsonObject("post").getString("id")).isEqualTo(live);
    }
  }

  @Test
  void resume_fromBeyondRetention_getsOutdatedCursor_thenLive() {
    s.close();
    s = TestServer.start(dir, Map.of("DELING_STREAM_RETENTION", "3"));
    for (int i = 0; i < 6; i++) s.publish(bob, "filler " + i);
    try (StreamClient c = connect(bob)) {
      c.send(new JsonObject().put("type", "subscribe").put("stream", "home").put("since", 1));
      c.next("subscribed");
      assertThat(c.next(m -> !m.getString("type").equals("subscribed")).getString("type")).isEqualTo("outdated_cursor");
      String live = s.publish(bob, "after the gap");
      assertThat(c.next("update").getJsonObject("post").getString("id")).isEqualTo(live);
    }
  }

  @Test
  void deadConnections_areClosed_byHeartbeat() throws Exception {
    s.close();
    s = TestServer.start(dir, Map.of("DELING_STREAM_PING_MS", "100", "DELING_STREAM_IDLE_TIMEOUT_MS", "400"));
    StreamClient c = connect(s.token("alice"));
    c.subscribe(sub("home"));
    c.ws.pause(); // stops reading: pings go unanswered, like a laptop that went to sleep
    no.deling.support.Await.until(() -> c.closed.isDone() || countSubscriptions() == 0, java.time.Duration.ofSeconds(5), "heartbeat close");
    c.ws.resume();
    assertThat(c.closed.get(5, java.util.concurrent.TimeUnit.SECONDS)).contains("heartbeat_timeout");
    c.close();
  }

  private int countSubscriptions() {
    return s.server.streams().subscriptions();
  }
}
