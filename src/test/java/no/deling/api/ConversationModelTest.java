package no.deling.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import no.deling.support.ModelRuns;
import no.deling.support.StreamClient;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;

/**
 * Model-based: random conversations among three people — posts, replies, edits, deletions,
 * endorsements, shares, follows, each also tried where a rule forbids it — against a real server
 * and against a model of a few lines. Every answer's outcome is the model's (done, or refused with
 * a 4xx that changed nothing), and every post's counts and text, every person's followers and
 * posts, are the model's: while running, after a restart from the snapshot, and after a replay of
 * the whole log.
 */
class ConversationModelTest {
  private static final List<String> PEOPLE = List.of("ma", "mb", "mc");
  private static final Map<String, String> ENV = Map.of("DELING_WRITE_RATE", "0");

  /** One step: who does what to which post (an index into the posts so far, wrapped) or person. */
  record Step(String who, String what, int post, String whom) {}

  static final class PostModel {
    final String id;
    final String author;
    final PostModel parent;
    String text;
    final List<String> versions = new ArrayList<>();
    boolean deleted;
    boolean question;
    PostModel accepted;
    int replies;
    final Set<String> endorsers = new HashSet<>();
    final Set<String> sharers = new HashSet<>();

    PostModel(String id, String author, PostModel parent, String text) {
      this.id = id;
      this.author = author;
      this.parent = parent;
      this.text = text;
      versions.add(text);
    }
  }

  @Property(tries = 16)
  void aConversation_leavesWhatTheModelSays_whileRunning_afterARestart_andAfterAReplay(@ForAll("conversations") List<Step> steps,
      @ForAll boolean mergedAtRead) throws Exception {
    // with a fan-out limit of 1, anyone with two followers is merged into homes at read time instead
    Map<String, String> env = mergedAtRead ? Map.of("DELING_WRITE_RATE", "0", "DELING_FANOUT_LIMIT", "1") : ENV;
    List<PostModel> posts = new ArrayList<>();
    Map<String, Set<String>> follows = new HashMap<>();
    for (String p : PEOPLE) follows.put(p, new HashSet<>());
    ModelRuns.playThenCheckThrice("deling-model", env, s -> {
      Map<String, String> tokens = tokens(s);
      // each person's home, live: every new post of theirs or of someone they follow at that moment comes as an update
      Map<String, StreamClient> sockets = new HashMap<>();
      Map<String, Set<String>> expectedLive = new HashMap<>();
      for (String p : PEOPLE) {
        StreamClient c = StreamClient.connect(s.vertx, s.server.port(), tokens.get(p));
        assertThat(c.subscribe(new JsonObject().put("stream", "home")).getString("type")).isEqualTo("subscribed");
        sockets.put(p, c);
        expectedLive.put(p, new HashSet<>());
      }
      try {
        int n = 0;
        for (Step step : steps) {
          int before = posts.size();
          apply(s, tokens, step, posts, follows, n++);
          if (posts.size() > before) {
            PostModel fresh = posts.get(posts.size() - 1);
            for (String p : PEOPLE) if (p.equals(fresh.author) || follows.get(p).contains(fresh.author)) expectedLive.get(p).add(fresh.id);
          }
        }
        long head = s.head();
        for (String p : PEOPLE) {
          Set<String> live = new HashSet<>();
          for (JsonObject m : untilPosition(sockets.get(p), head)) {
            if ("update".equals(m.getString("type")) && "home".equals(m.getString("stream")) && m.getJsonObject("post").getValue("sharedBy") == null) {
              assertThat(live.add(m.getJsonObject("post").getString("id"))).as("%s got %s live twice", p, m).isTrue();
            }
          }
          assertThat(live).as("new posts %s got live on home", p).containsExactlyInAnyOrderElementsOf(expectedLive.get(p));
        }
      } finally {
        for (StreamClient c : sockets.values()) c.close();
      }
    }, (s, when) -> assertAsModelled(s, tokens(s), posts, follows, when));
  }

  /** Every message up to a pong at {@code position} or later, and one more ping's worth (an entry may still have been on its way). */
  private static List<JsonObject> untilPosition(StreamClient c, long position) {
    List<JsonObject> out = new ArrayList<>();
    boolean reached = false;
    while (true) {
      c.send(new JsonObject().put("type", "ping"));
      while (true) {
        JsonObject m = c.next();
        if (!"pong".equals(m.getString("type"))) {
          out.add(m);
          continue;
        }
        if (reached) return out;
        reached = m.getLong("position") >= position;
        break;
      }
    }
  }

  @Provide
  Arbitrary<List<Step>> conversations() {
    Arbitrary<Step> step = Combinators.combine(Arbitraries.of(PEOPLE),
        Arbitraries.of("post", "post", "ask", "ask", "reply", "reply", "reply", "edit", "delete", "endorse", "endorse", "withdraw", "share", "unshare",
            "follow", "unfollow", "home", "home", "accept", "accept", "unaccept"),
        Arbitraries.integers().between(0, 1_000), Arbitraries.of(PEOPLE)).as(Step::new);
    return step.list().ofMinSize(20).ofMaxSize(80);
  }

  private static Map<String, String> tokens(TestServer s) {
    Map<String, String> tokens = new HashMap<>();
    for (String p : PEOPLE) {
      tokens.put(p, s.token(p));
      assertThat(s.get("/api/me", tokens.get(p)).status()).isEqualTo(200);
    }
    return tokens;
  }

  /** Does the step on the server and in the model; the server's outcome must be the model's. */
  private static void apply(TestServer s, Map<String, String> tokens, Step step, List<PostModel> posts, Map<String, Set<String>> follows, int n) {
    String token = tokens.get(step.who());
    String text = "step " + n + " by " + step.who() + " #model" + (n % 3);
    // accepting (and half the replies) aim at questions, so that some get answered and accepted
    List<PostModel> questions = posts.stream().filter(p -> p.question).toList();
    boolean atQuestion = !questions.isEmpty() && (step.what().endsWith("accept") || (step.what().equals("reply") && step.post() % 2 == 0));
    PostModel target = atQuestion ? questions.get(step.post() % questions.size()) : posts.isEmpty() ? null : posts.get(step.post() % posts.size());
    boolean live = target != null && !target.deleted;
    boolean own = target != null && target.author.equals(step.who());
    long head = s.head();
    Response r;
    boolean allowed;
    switch (step.what()) {
      case "post" -> {
        r = s.post("/api/posts", token, new JsonObject().put("text", text));
        allowed = true;
        if (r.status() == 201) posts.add(new PostModel(r.json().getString("id"), step.who(), null, text));
      }
      case "ask" -> {
        r = s.post("/api/posts", token, new JsonObject().put("text", text + "?").put("kind", "question"));
        allowed = true;
        if (r.status() == 201) {
          PostModel q = new PostModel(r.json().getString("id"), step.who(), null, text + "?");
          q.question = true;
          posts.add(q);
        }
      }
      case "accept" -> { // the asker accepts a direct reply by someone else: one of the replies to it if any (theirs, deleted ones too), else any post
        if (target == null) return;
        List<PostModel> replies = posts.stream().filter(p -> p.parent == target).toList();
        PostModel answer = replies.isEmpty() ? posts.get((step.post() * 31 + 7) % posts.size()) : replies.get(step.post() % replies.size());
        r = s.put("/api/posts/" + target.id + "/accepted-answer", token, new JsonObject().put("answer", answer.id));
        allowed = live && target.question && own && !answer.deleted && answer.parent == target && !answer.author.equals(step.who());
        if (allowed) target.accepted = answer;
      }
      case "unaccept" -> {
        if (target == null) return;
        r = s.delete("/api/posts/" + target.id + "/accepted-answer", token);
        allowed = live && target.question && own;
        if (allowed) target.accepted = null;
      }
      case "reply" -> {
        if (target == null) return;
        r = s.post("/api/posts", token, new JsonObject().put("text", text).put("inReplyTo", target.id));
        allowed = live;
        if (allowed && r.status() == 201) {
          posts.add(new PostModel(r.json().getString("id"), step.who(), target, text));
          target.replies++;
        }
      }
      case "edit" -> {
        if (target == null) return;
        r = s.put("/api/posts/" + target.id, token, new JsonObject().put("text", text + " (edited)"));
        allowed = live && own;
        if (allowed) {
          target.text = text + " (edited)";
          target.versions.add(target.text);
        }
      }
      case "delete" -> {
        if (target == null || !live) return; // deleting twice: either answer would do; not modelled
        r = s.delete("/api/posts/" + target.id, token);
        allowed = own;
        if (allowed) {
          target.deleted = true;
          if (target.parent != null) target.parent.replies--;
        }
      }
      case "endorse", "share" -> {
        if (target == null) return;
        String path = step.what().equals("endorse") ? "/endorsement" : "/share";
        r = s.put("/api/posts/" + target.id + path, token, null);
        allowed = live && !own;
        if (allowed) (step.what().equals("endorse") ? target.endorsers : target.sharers).add(step.who());
      }
      case "withdraw", "unshare" -> {
        if (target == null || !live) return; // withdrawing from a deleted post: not modelled
        String path = step.what().equals("withdraw") ? "/endorsement" : "/share";
        r = s.delete("/api/posts/" + target.id + path, token);
        allowed = true;
        (step.what().equals("withdraw") ? target.endorsers : target.sharers).remove(step.who());
      }
      case "follow" -> {
        r = s.put("/api/me/following/users/" + step.whom(), token, null);
        allowed = !step.whom().equals(step.who());
        if (allowed) follows.get(step.who()).add(step.whom());
      }
      case "unfollow" -> {
        if (step.whom().equals(step.who())) return;
        r = s.delete("/api/me/following/users/" + step.whom(), token);
        allowed = true;
        follows.get(step.who()).remove(step.whom());
      }
      case "home" -> { // read mid-conversation: from then on their home list is kept by fan-out on write
        assertHome(s, token, step.who(), posts, follows.get(step.who()), "at step " + n);
        return;
      }
      default -> throw new IllegalStateException(step.what());
    }
    net.jqwik.api.statistics.Statistics.collect(step.what(), allowed ? "done" : "refused");
    String what = step + " on " + (target == null ? "-" : target.id + (target.deleted ? " (deleted)" : "")) + " -> " + r.status() + " " + r.body();
    if (allowed) {
      assertThat(r.status()).as(what).isBetween(200, 299);
    } else {
      assertThat(r.status()).as(what).isBetween(400, 499);
      assertThat(s.head()).as("refused, yet the log changed: %s", what).isEqualTo(head);
    }
  }

  private static void assertAsModelled(TestServer s, Map<String, String> tokens, List<PostModel> posts, Map<String, Set<String>> followed, String when) {
    String reader = tokens.get("mc");
    for (PostModel p : posts) {
      Response r = s.get("/api/posts/" + p.id, reader);
      if (p.deleted) {
        assertThat(r.status()).as("%s: deleted %s", when, p.id).isEqualTo(404);
        continue;
      }
      assertThat(r.status()).as("%s: %s", when, p.id).isEqualTo(200);
      JsonObject json = r.json();
      assertThat(json.getString("text")).as("%s: text of %s", when, p.id).isEqualTo(p.text);
      List<String> versions = s.get("/api/posts/" + p.id + "/history", reader).json().getJsonArray("versions").stream()
          .map(o -> ((JsonObject) o).getString("text")).toList();
      assertThat(versions).as("%s: every version of %s, oldest first", when, p.id).isEqualTo(p.versions);
      assertThat(json.getInteger("replies")).as("%s: live replies to %s", when, p.id).isEqualTo(p.replies);
      assertThat(json.getInteger("endorsements")).as("%s: endorsements of %s", when, p.id).isEqualTo(p.endorsers.size());
      assertThat(json.getInteger("shares")).as("%s: shares of %s", when, p.id).isEqualTo(p.sharers.size());
      if (p.question) assertQuestion(s, reader, p, posts, when);
      for (String person : PEOPLE) {
        JsonObject seen = s.get("/api/posts/" + p.id, tokens.get(person)).json();
        assertThat(seen.getBoolean("endorsedByMe")).as("%s: %s endorsed %s", when, person, p.id).isEqualTo(p.endorsers.contains(person));
        assertThat(seen.getBoolean("sharedByMe")).as("%s: %s shared %s", when, person, p.id).isEqualTo(p.sharers.contains(person));
      }
    }
    for (String person : PEOPLE) {
      long followers = followed.values().stream().filter(f -> f.contains(person)).count();
      JsonObject profile = s.get("/api/users/" + person, reader).json();
      assertThat(profile.getLong("followers")).as("%s: followers of %s", when, person).isEqualTo(followers);
      assertThat(profile.getLong("following")).as("%s: %s follows", when, person).isEqualTo((long) followed.get(person).size());
      List<String> theirs = posts.stream().filter(p -> p.author.equals(person) && !p.deleted).map(p -> p.id)
          .sorted(Comparator.reverseOrder()).toList();
      List<String> listed = s.get("/api/users/" + person + "/posts?limit=100", reader).json().getJsonArray("items").stream()
          .map(o -> ((JsonObject) o).getString("id")).toList();
      assertThat(listed).as("%s: %s's posts, newest first", when, person).isEqualTo(theirs);
      assertHome(s, tokens.get(person), person, posts, followed.get(person), when);
    }
  }

  /** Accepted while its accepted answer is live; answered while some answer (a live direct reply by someone else) is. */
  private static void assertQuestion(TestServer s, String reader, PostModel q, List<PostModel> posts, String when) {
    long answers = posts.stream().filter(a -> a.parent == q && !a.deleted && !a.author.equals(q.author)).count();
    boolean accepted = q.accepted != null && !q.accepted.deleted;
    JsonObject json = s.get("/api/questions/" + q.id, reader).json();
    assertThat(json.getString("status")).as("%s: status of question %s", when, q.id).isEqualTo(accepted ? "accepted" : answers > 0 ? "answered" : "unanswered");
    assertThat(json.getLong("answers")).as("%s: answers to %s", when, q.id).isEqualTo(answers);
    assertThat(json.getString("acceptedAnswer")).as("%s: accepted answer of %s", when, q.id).isEqualTo(accepted ? q.accepted.id : null);
  }

  /** Home: their own posts, those of people they follow, and what those people shared; each once. */
  private static void assertHome(TestServer s, String token, String person, List<PostModel> posts, Set<String> follows, String when) {
    Set<String> home = new HashSet<>();
    for (PostModel p : posts) {
      if (p.deleted) continue;
      if (p.author.equals(person) || follows.contains(p.author) || p.sharers.stream().anyMatch(follows::contains)) home.add(p.id);
    }
    List<String> onHome = s.get("/api/timelines/home?limit=100", token).json().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("id")).toList();
    assertThat(onHome).as("%s: %s's home", when, person).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(home);
  }
}
