package no.deling.polls;

import static no.deling.support.TestServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.deling.posts.PostEvent;
import no.deling.support.ServerPerClass;
import no.deling.support.StoppedLog;
import no.deling.support.StreamClient;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Asking a poll, voting, changing and withdrawing a vote, seen live, through real HTTP and WebSocket clients. */
class PollsApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;

  private static JsonObject poll(String author, String text, List<String> options, String closesAt) {
    JsonObject poll = new JsonObject().put("options", new JsonArray(options));
    if (closesAt != null) poll.put("closesAt", closesAt);
    TestServer.Response r = s.post("/api/posts", author, new JsonObject().put("text", text).put("poll", poll));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
    return r.json();
  }

  private static List<Integer> counts(JsonObject poll) {
    return poll.getJsonArray("options").stream().map(o -> ((JsonObject) o).getInteger("votes")).toList();
  }

  private static TestServer.Response vote(String token, String post, int option) {
    return s.put("/api/posts/" + post + "/vote", token, new JsonObject().put("option", option));
  }

  @Test
  void votesAreCounted_changed_andWithdrawn_liveForEveryone_andNobodyIsShownWhoVotedWhat() {
    String ann = s.token("pl-ann");
    String bob = s.token("pl-bob");
    String cy = s.token("pl-cy");
    String closes = Instant.now().plusSeconds(86_400).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    JsonObject created = poll(ann, "Where do we hold the #offsite?", List.of(" Oslo ", "Bergen", "Tromsø"), closes);
    String id = created.getString("id");
    JsonObject asked = created.getJsonObject("post");
    assertThat(asked.getString("kind")).isEqualTo("poll");
    assertThat(asked.getJsonObject("poll").getJsonArray("options").stream().map(o -> ((JsonObject) o).getString("text")))
        .containsExactly("Oslo", "Bergen", "Tromsø");
    assertThat(asked.getJsonObject("poll").getString("closesAt")).isEqualTo(closes);
    assertThat(asked.getJsonObject("poll").getBoolean("closed")).isFalse();
    assertThat(asked.getJsonObject("poll").containsKey("myVote")).isTrue();

    try (StreamClient ws = StreamClient.connect(s.vertx, s.server.port(), cy)) {
      ws.subscribe(new JsonObject().put("stream", "thread").put("post", id));
      JsonObject voted = vote(bob, id, 1).json();
      assertThat(voted.getInteger("myVote")).isEqualTo(1);
      assertThat(counts(voted.getJsonObject("poll"))).containsExactly(0, 1, 0);
      JsonObject live = ws.next("poll");
      assertThat(live.getString("id")).isEqualTo(id);
      assertThat(counts(live.getJsonObject("poll"))).containsExactly(0, 1, 0);
      assertThat(live.getJsonObject("poll").containsKey("myVote")).as("the stream is one rendering for everyone").isFalse();
      assertThat(vote(cy, id, 1).status()).isEqualTo(200);
      assertThat(vote(ann, id, 2).status()).as("the author votes too").isEqualTo(200);
      JsonObject changed = vote(bob, id, 0).json();
      assertThat(counts(changed.getJsonObject("poll"))).containsExactly(1, 1, 1);
      assertThat(changed.getJsonObject("poll").getInteger("votes")).isEqualTo(3);
      long votes = s.events().stream().filter(e -> e.type().equals("PollVoted.v1")).count();
      assertThat(vote(bob, id, 0).status()).isEqualTo(200);
      assertThat(s.events().stream().filter(e -> e.type().equals("PollVoted.v1")).count()).as("the same vote again records nothing").isEqualTo(votes);
      JsonObject withdrawn = s.delete("/api/posts/" + id + "/vote", cy).json();
      assertThat(withdrawn.getValue("myVote")).isNull();
      assertThat(counts(withdrawn.getJsonObject("poll"))).containsExactly(1, 0, 1);
      assertThat(s.delete("/api/posts/" + id + "/vote", cy).status()).as("again").isEqualTo(200);
      JsonObject last = null;
      for (JsonObject m : ws.drain(500)) if ("poll".equals(m.getString("type"))) last = m;
      assertThat(counts(last.getJsonObject("poll"))).as("live, as it now stands").containsExactly(1, 0, 1);
    }

    JsonObject asBob = s.get("/api/posts/" + id, bob).json().getJsonObject("poll");
    assertThat(asBob.getInteger("myVote")).isEqualTo(0);
    assertThat(s.get("/api/posts/" + id, cy).json().getJsonObject("poll").getValue("myVote")).isNull();
    String asAuthor = s.get("/api/posts/" + id, ann).body().toString() + s.get("/api/topics/offsite/posts", ann).body();
    assertThat(asAuthor).as("who voted is nobody's to see").doesNotContain("pl-bob").doesNotContain("pl-cy");
    s.awaitSearch();
    assertThat(s.get("/api/search?q=Troms%C3%B8", cy).json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getJsonObject("post").getString("id")))
        .as("a poll is found by its choices").contains(id);
    assertThat(s.get("/api/topics/offsite/posts", cy).json().getJsonArray("items").getJsonObject(0).getJsonObject("poll").getInteger("votes")).isEqualTo(2);
  }

  @Test
  void aBadPoll_orABadVote_isRefusedWithTheFieldAndTheRule_andChangesNothing() {
    String ann = s.token("pb-ann");
    String bob = s.token("pb-bob");
    s.get("/api/me", ann); // a first request records the profile
    long before = s.head();
    JsonObject one = new JsonObject().put("text", "Yes?").put("poll", new JsonObject().put("options", new JsonArray().add("Yes")));
    assertProblem(s.post("/api/posts", ann, one), 422, "poll.options", "size");
    JsonObject same = new JsonObject().put("text", "Tea?").put("poll", new JsonObject().put("options", new JsonArray().add("Tea").add("tea")));
    assertProblem(s.post("/api/posts", ann, same), 422, "poll.options", "unique");
    JsonObject when = new JsonObject().put("text", "Tea?").put("poll", new JsonObject().put("options", new JsonArray().add("Tea").add("Coffee"))
        .put("closesAt", "next friday"));
    assertProblem(s.post("/api/posts", ann, when), 422, "poll.closesAt", "date-time");
    JsonObject past = new JsonObject().put("text", "Tea?").put("poll", new JsonObject().put("options", new JsonArray().add("Tea").add("Coffee"))
        .put("closesAt", "2020-01-01T00:00:00Z"));
    assertProblem(s.post("/api/posts", ann, past), 422, "poll.closesAt", "range");
    JsonObject question = new JsonObject().put("text", "Tea?").put("kind", "question").put("poll", new JsonObject().put("options",
        new JsonArray().add("Tea").add("Coffee")));
    assertProblem(s.post("/api/posts", ann, question), 422, "poll", "kind");
    assertThat(s.head()).as("nothing was written").isEqualTo(before);

    String id = poll(ann, "Tea or coffee?", List.of("Tea", "Coffee"), null).getString("id");
    assertProblem(vote(bob, id, 2), 422, "option", "range");
    assertThat(s.put("/api/posts/" + id + "/vote", bob, new JsonObject().put("option", "tea")).status()).isEqualTo(400);
    assertThat(s.put("/api/posts/" + id + "/vote", bob, new JsonObject()).status()).isEqualTo(400);
    String plain = s.publish(ann, "Not a poll");
    assertProblem(vote(bob, plain, 0), 422, "id", "poll");
    assertThat(vote(bob, "0384036914845450240", 0).status()).isEqualTo(404);
    assertThat(s.get("/api/posts/" + plain, ann).json().containsKey("poll")).isFalse();
  }

  @Test
  void aPollInAPrivateGroup_isOnlyItsMembersToSeeOrVoteIn() {
    String owner = s.token("pp-owner");
    String member = s.token("pp-member");
    String outsider = s.token("pp-outsider");
    String g = s.privateGroup(owner, "Board");
    s.invite(g, owner, "pp-member", member);
    TestServer.Response r = s.post("/api/posts", owner, new JsonObject().put("text", "Which auditor?").put("group", g)
        .put("poll", new JsonObject().put("options", new JsonArray().add("KPMG-secret").add("EY-secret"))));
    String id = r.json().getString("id");
    assertThat(vote(member, id, 0).status()).isEqualTo(200);
    assertThat(vote(outsider, id, 0).status()).isEqualTo(404);
    assertThat(s.delete("/api/posts/" + id + "/vote", outsider).status()).isEqualTo(404);
    assertThat(s.delete("/api/groups/" + g + "/members/pp-member", member).status()).isEqualTo(200);
    assertThat(s.delete("/api/posts/" + id + "/vote", member).status()).as("gone with the membership").isEqualTo(404);
  }

  @Test
  void aClosedPoll_takesNoMoreVotes_andSaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    Path dir = java.nio.file.Files.createDirectories(tmp.resolve("deling-poll-closed"));
    String id = "0384036914845450240";
    try (TestServer t = TestServer.start(dir, Map.of("DELING_WRITE_RATE", "0"))) {
      t.get("/api/me", t.token("pc-ann"));
    }
    Instant asked = Instant.now().minusSeconds(7 * 86_400);
    StoppedLog.append(dir, List.of(Map.entry("post-" + id, new PostEvent.PostPublished(id, "pc-ann", "Friday lunch?", null, id, List.of(), List.of(),
        List.of(), asked, null, "poll", new PostEvent.Poll(List.of("Pizza", "Tacos"), asked.plusSeconds(86_400))))));
    try (TestServer t = TestServer.start(dir, Map.of("DELING_WRITE_RATE", "0"))) {
      String bob = t.token("pc-bob");
      JsonObject poll = t.get("/api/posts/" + id, bob).json().getJsonObject("poll");
      assertThat(poll.getBoolean("closed")).isTrue();
      assertProblem(t.put("/api/posts/" + id + "/vote", bob, new JsonObject().put("option", 0)), 422, "id", "poll-open");
    }
  }

  @Test
  void aPollWhoseTimeCameWhileTheServerWasDown_isClosedByTheServerAtThatTime_onceAcrossRestarts_andItsAuthorAndVotersAreTold(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    Path dir = java.nio.file.Files.createDirectories(tmp.resolve("deling-poll-due"));
    String id = "0384036914845450240";
    Map<String, String> env = Map.of("DELING_WRITE_RATE", "0", "DELING_POLL_SWEEP_MS", "100");
    try (TestServer t = TestServer.start(dir, env)) {
      for (String who : List.of("pd-ann", "pd-bob", "pd-cy", "pd-dan")) t.get("/api/me", t.token(who));
    }
    Instant asked = Instant.now().minusSeconds(7 * 86_400);
    Instant closes = asked.plusSeconds(86_400);
    StoppedLog.append(dir, List.of(
        Map.entry("post-" + id, new PostEvent.PostPublished(id, "pd-ann", "Friday lunch?", null, id, List.of(), List.of(), List.of(), asked, null,
            "poll", new PostEvent.Poll(List.of("Pizza", "Tacos"), closes))),
        Map.entry(PollEvent.stream(id, "pd-bob"), new PollEvent.PollVoted(id, "pd-bob", 1, asked.plusSeconds(60))),
        Map.entry(PollEvent.stream(id, "pd-cy"), new PollEvent.PollVoted(id, "pd-cy", 0, asked.plusSeconds(120)))));
    try (TestServer t = TestServer.start(dir, env)) {
      for (String who : List.of("pd-ann", "pd-bob", "pd-cy")) {
        JsonObject told = t.notificationsOf(t.token(who), "poll.closed").getJsonArray("items").stream().map(o -> (JsonObject) o)
            .filter(n -> "poll.closed".equals(n.getString("kind"))).findFirst().orElseThrow(() -> new AssertionError(who + " was not told"));
        assertThat(told.getString("post")).isEqualTo(id);
        assertThat(told.getJsonArray("from").getJsonObject(0).getString("id")).isEqualTo("pd-ann");
      }
      assertThat(t.get("/api/notifications", t.token("pd-dan")).json().getJsonArray("items").stream()
          .anyMatch(o -> "poll.closed".equals(((JsonObject) o).getString("kind")))).as("nobody who did not vote").isFalse();
      List<JsonObject> closed = t.events().stream().filter(e -> e.type().equals("PollClosed.v1"))
          .map(e -> new JsonObject(new String(e.data(), java.nio.charset.StandardCharsets.UTF_8))).toList();
      assertThat(closed).singleElement().satisfies(c -> {
        assertThat(c.getString("by")).isEqualTo("deling");
        assertThat(Instant.parse(c.getString("at"))).as("closed at its time, not when the server came back").isEqualTo(closes);
      });
      assertThat(counts(t.get("/api/posts/" + id, t.token("pd-dan")).json().getJsonObject("poll"))).containsExactly(1, 1);
    }
    try (TestServer t = TestServer.start(dir, env)) {
      Thread.sleep(300); // a few sweeps
      assertThat(t.events().stream().filter(e -> e.type().equals("PollClosed.v1")).count()).as("closed once, whatever the restarts").isEqualTo(1);
    }
  }

  @Test
  void itsAuthor_endsAPollEarly_andThenNobodyVotes() {
    String ann = s.token("pe-ann");
    String bob = s.token("pe-bob");
    String id = poll(ann, "Keep the Friday demo?", List.of("Yes", "No"), null).getString("id");
    assertThat(vote(bob, id, 0).status()).isEqualTo(200);
    assertThat(s.post("/api/posts/" + id + "/poll/close", bob, null).status()).as("only its author").isEqualTo(403);
    try (StreamClient ws = StreamClient.connect(s.vertx, s.server.port(), bob)) {
      ws.subscribe(new JsonObject().put("stream", "thread").put("post", id));
      JsonObject ended = s.post("/api/posts/" + id + "/poll/close", ann, null).json().getJsonObject("poll");
      assertThat(ended.getBoolean("closed")).isTrue();
      assertThat(ended.getString("closesAt")).isNotNull();
      assertThat(ws.next("poll").getJsonObject("poll").getBoolean("closed")).as("live").isTrue();
    }
    assertThat(s.post("/api/posts/" + id + "/poll/close", ann, null).status()).as("again").isEqualTo(200);
    assertThat(s.events().stream().filter(e -> e.type().equals("PollClosed.v1")).count()).isEqualTo(1);
    assertProblem(vote(bob, id, 1), 422, "id", "poll-open");
    assertProblem(s.delete("/api/posts/" + id + "/vote", bob), 422, "id", "poll-open");
    assertThat(counts(s.get("/api/posts/" + id, ann).json().getJsonObject("poll"))).containsExactly(1, 0);
    assertProblem(s.post("/api/posts/" + s.publish(ann, "No poll here") + "/poll/close", ann, null), 422, "id", "poll");
  }

  @Test
  void aVoteIsSealedInTheLog_soWhatSomeoneChoseGoesWithTheirKeys(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    Path dir = java.nio.file.Files.createDirectories(tmp.resolve("deling-poll-sealed"));
    try (TestServer t = TestServer.start(dir, Map.of("DELING_WRITE_RATE", "0"))) {
      String id = t.post("/api/posts", t.token("ps-ann"), new JsonObject().put("text", "Unionise?")
          .put("poll", new JsonObject().put("options", new JsonArray().add("Yes").add("No")))).json().getString("id");
      assertThat(t.put("/api/posts/" + id + "/vote", t.token("ps-bob"), new JsonObject().put("option", 1)).status()).isEqualTo(200);
    }
    List<String> votes = new java.util.ArrayList<>();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
        java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT data FROM events WHERE type = 'PollVoted.v1'")) {
      while (rs.next()) votes.add(new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(votes).hasSize(1);
    assertThat(new JsonObject(votes.get(0)).getInteger("sealed")).isEqualTo(1);
    assertThat(votes.get(0)).doesNotContain("option");
  }

  @Test
  void theTalliesAreTheSame_afterARestartAndAReplay_andAnErasedVotersVoteGoes() throws Exception {
    String[] id = new String[1];
    no.deling.support.ModelRuns.playThenCheckThrice("deling-polls", Map.of("DELING_WRITE_RATE", "0"), t -> {
      String ann = t.token("r-ann");
      id[0] = t.post("/api/posts", ann, new JsonObject().put("text", "Standup time?")
          .put("poll", new JsonObject().put("options", new JsonArray().add("9:00").add("9:30").add("10:00")))).json().getString("id");
      for (String voter : List.of("r-bob", "r-cy", "r-dan", "r-eve")) t.put("/api/posts/" + id[0] + "/vote", t.token(voter), new JsonObject().put("option", 1));
      t.put("/api/posts/" + id[0] + "/vote", t.token("r-cy"), new JsonObject().put("option", 2));
      t.delete("/api/posts/" + id[0] + "/vote", t.token("r-dan"));
      String admin = t.server.tokens().sign(new JsonObject().put("sub", "r-admin").put("roles", new JsonArray().add("admin")), 60);
      assertThat(t.delete("/api/users/r-eve", admin).status()).isEqualTo(200);
      assertThat(t.post("/api/posts/" + id[0] + "/poll/close", ann, null).status()).isEqualTo(200);
    }, (t, when) -> {
      JsonObject poll = t.get("/api/posts/" + id[0], t.token("r-bob")).json().getJsonObject("poll");
      assertThat(counts(poll)).as(when).containsExactly(0, 1, 1);
      assertThat(poll.getInteger("myVote")).as(when).isEqualTo(1);
      assertThat(poll.getBoolean("closed")).as(when).isTrue();
    });
  }
}
