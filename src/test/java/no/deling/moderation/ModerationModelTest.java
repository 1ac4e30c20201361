package no.deling.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
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
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;

/**
 * Model-based: four colleagues and an admin post (to everyone, or in a private group the first
 * of them owns and the next two belong to), report each other's posts, have them removed or kept,
 * and delete their own, at random. Every answer's status, every moderator's queue (which posts,
 * in which order, how many reports and for what), the admins' log of decisions and everyone's
 * moderation notifications are the model's: while running, after a restart from the snapshot and after a replay of the log.
 */
class ModerationModelTest {
  private static final List<String> PEOPLE = List.of("ma", "mb", "mc", "md", "admin");
  private static final String OWNER = "ma";
  private static final Set<String> MEMBERS = Set.of("ma", "mb", "mc");
  private static final List<String> REASONS = List.of("spam", "harassment", "confidential", "misinformation");
  private static final Set<String> KINDS = Set.of("post.reported", "post.removed", "report.removed", "report.kept");
  private static final Map<String, String> ENV = Map.of("DELING_WRITE_RATE", "0");

  record Step(String who, String what, int k) {}

  static final class Post {
    final String id;
    final String author;
    final boolean inGroup;
    boolean deleted;
    /** The open round: reporter → reason, in the order they reported. */
    final Map<String, String> open = new java.util.LinkedHashMap<>();
    long firstReportedStep;

    Post(String id, String author, boolean inGroup) {
      this.id = id;
      this.author = author;
      this.inGroup = inGroup;
    }
  }

  /** One notification: to whom, what, about which post (null when the post is gone), from whom. */
  record Told(String to, String kind, Post post, String from) {}

  static final class Model {
    final List<Post> posts = new ArrayList<>();
    final List<Told> told = new ArrayList<>();
    /** Every decision, oldest first, as "action post by reports". */
    final List<String> decisions = new ArrayList<>();
    final List<Post> decided = new ArrayList<>();

    /** The admins' log, newest first: only decisions on posts outside the private group, which the admin is not in. */
    List<String> log() {
      List<String> out = new ArrayList<>();
      for (int i = decisions.size() - 1; i >= 0; i--) if (!decided.get(i).inGroup) out.add(decisions.get(i));
      return out;
    }

    static boolean maySee(String who, Post p) {
      return !p.deleted && (!p.inGroup || MEMBERS.contains(who));
    }

    static boolean moderates(String who, Post p) {
      return who.equals("admin") ? maySee(who, p) : p.inGroup && who.equals(OWNER);
    }

    /** The queue as {@code who} reads it: "id count reason=n,…" most reported first, then longest waiting. */
    List<String> queue(String who) {
      return posts.stream().filter(p -> !p.open.isEmpty() && maySee(who, p) && moderates(who, p))
          .sorted(Comparator.comparingInt((Post p) -> -p.open.size()).thenComparingLong(p -> p.firstReportedStep).thenComparing(p -> p.id))
          .map(p -> {
            Map<String, Integer> byReason = new java.util.TreeMap<>();
            p.open.values().forEach(r -> byReason.merge(r, 1, Integer::sum));
            return p.id + " " + p.open.size() + " " + byReason;
          }).toList();
    }

    /** {@code who}'s moderation notifications, newest first, as "kind post from"; one about a post now gone is not shown. */
    List<String> notifications(String who) {
      List<String> out = new ArrayList<>();
      for (int i = told.size() - 1; i >= 0; i--) {
        Told t = told.get(i);
        if (!t.to.equals(who) || (t.post != null && t.post.deleted)) continue;
        out.add(t.kind + " " + (t.post == null ? "-" : t.post.id) + " " + t.from);
      }
      return out;
    }
  }

  @Provide
  Arbitrary<List<Step>> days() {
    Arbitrary<Step> step = Combinators.combine(Arbitraries.of(PEOPLE),
        Arbitraries.of("post", "group-post", "group-post", "report", "report", "report", "report", "report", "remove", "keep", "keep", "delete", "look"),
        Arbitraries.integers().between(0, 1_000)).as(Step::new);
    return step.list().ofMinSize(20).ofMaxSize(60);
  }

  @Property(tries = 8)
  void statusesQueuesAndNotifications_areTheModels_whileRunning_afterARestart_andAfterAReplay(@ForAll("days") List<Step> steps) throws Exception {
    Model m = new Model();
    ModelRuns.playThenCheckThrice("deling-moderation-model", ENV, s -> {
      for (String p : PEOPLE) assertThat(s.get("/api/me", token(s, p)).status()).isEqualTo(200);
      String group = s.post("/api/groups", token(s, OWNER), new JsonObject().put("name", "Board").put("access", "private")).json().getString("id");
      for (String member : List.of("mb", "mc")) {
        s.put("/api/groups/" + group + "/members/" + member, token(s, OWNER), null);
        assertThat(s.put("/api/groups/" + group + "/members/" + member, token(s, member), null).json().getString("role")).isEqualTo("member");
      }
      int n = 0;
      for (Step step : steps) apply(s, m, group, step, n++);
    }, (s, when) -> {
      for (String p : PEOPLE) assertAsModelled(s, m, p, when);
    });
  }

  private static String token(TestServer s, String who) {
    JsonObject claims = new JsonObject().put("sub", who).put("name", who.toUpperCase());
    if (who.equals("admin")) claims.put("roles", new JsonArray().add("admin"));
    return s.server.tokens().sign(claims, 600);
  }

  private static void apply(TestServer s, Model m, String group, Step step, int n) {
    String who = step.who();
    String token = token(s, who);
    // mostly one of the newest posts, so that reports gather on a post before it is decided on
    int span = Math.min(m.posts.size(), step.k() % 5 == 0 ? m.posts.size() : 4);
    Post target = m.posts.isEmpty() ? null : m.posts.get(m.posts.size() - 1 - step.k() % span);
    switch (step.what()) {
      case "post", "group-post" -> {
        boolean inGroup = step.what().equals("group-post") && MEMBERS.contains(who);
        JsonObject body = new JsonObject().put("text", "n" + n + " by " + who);
        if (inGroup) body.put("group", group);
        Response r = s.post("/api/posts", token, body);
        assertThat(r.status()).as("%s: %s", step, r.body()).isEqualTo(201);
        m.posts.add(new Post(r.json().getString("id"), who, inGroup));
      }
      case "report" -> {
        if (target == null) return;
        String reason = REASONS.get(step.k() % REASONS.size());
        Response r = s.post("/api/posts/" + target.id + "/reports", token, new JsonObject().put("reason", reason));
        int expected = !Model.maySee(who, target) ? 404 : target.author.equals(who) ? 422 : target.open.containsKey(who) ? 200 : 201;
        assertThat(r.status()).as("%s on %s: %s", step, target.id, r.body()).isEqualTo(expected);
        if (expected != 201) return;
        if (target.open.isEmpty()) {
          target.firstReportedStep = n;
          // its moderator hears of a post's first open report, unless they reported it or wrote it: a group's owner of
          // its post, the admin (who signed in as one) of any other
          String moderator = target.inGroup ? OWNER : "admin";
          if (!moderator.equals(who) && !moderator.equals(target.author)) m.told.add(new Told(moderator, "post.reported", target, target.author));
        }
        target.open.put(who, reason);
      }
      case "remove" -> {
        if (target == null) return;
        Response r = s.post("/api/posts/" + target.id + "/moderation", token, new JsonObject().put("action", "remove").put("reason", "Rule " + n));
        int expected = !Model.maySee(who, target) ? 404 : !Model.moderates(who, target) ? 403 : 200;
        assertThat(r.status()).as("%s on %s: %s", step, target.id, r.body()).isEqualTo(expected);
        if (expected != 200) return;
        target.deleted = true;
        m.decisions.add("remove " + target.id + " " + who + " " + target.open.size());
        m.decided.add(target);
        if (!target.author.equals(who)) m.told.add(new Told(target.author, "post.removed", null, who));
        for (String reporter : target.open.keySet()) if (!reporter.equals(who)) m.told.add(new Told(reporter, "report.removed", null, who));
        target.open.clear();
      }
      case "keep" -> {
        if (target == null) return;
        Response r = s.post("/api/posts/" + target.id + "/moderation", token, new JsonObject().put("action", "keep"));
        int expected = !Model.maySee(who, target) ? 404 : !Model.moderates(who, target) ? 403 : 200;
        assertThat(r.status()).as("%s on %s: %s", step, target.id, r.body()).isEqualTo(expected);
        if (expected != 200) return;
        if (!target.open.isEmpty()) { // keeping with nothing open changes nothing
          m.decisions.add("keep " + target.id + " " + who + " " + target.open.size());
          m.decided.add(target);
        }
        for (String reporter : target.open.keySet()) if (!reporter.equals(who)) m.told.add(new Told(reporter, "report.kept", target, who));
        target.open.clear();
      }
      case "delete" -> {
        // one of their own posts: its open reports close, and nobody is told
        List<Post> own = m.posts.stream().filter(p -> p.author.equals(who) && !p.deleted).toList();
        if (own.isEmpty()) return;
        Post p = own.get(step.k() % own.size());
        assertThat(s.delete("/api/posts/" + p.id, token).status()).isEqualTo(204);
        p.deleted = true;
        p.open.clear();
      }
      case "look" -> assertAsModelled(s, m, who, "at step " + n);
      default -> throw new IllegalArgumentException(step.what());
    }
  }

  private static void assertAsModelled(TestServer s, Model m, String who, String when) {
    String token = token(s, who);
    List<String> queue = new ArrayList<>();
    for (Object o : s.get("/api/moderation/reports?limit=100", token).json().getJsonArray("items")) {
      JsonObject item = (JsonObject) o;
      queue.add(item.getJsonObject("post").getString("id") + " " + item.getInteger("reports") + " "
          + new java.util.TreeMap<>(item.getJsonObject("reasons").getMap()));
    }
    assertThat(queue).as("%s's queue %s", who, when).isEqualTo(m.queue(who));
    if (who.equals("admin")) {
      List<String> log = new ArrayList<>();
      for (Object o : s.get("/api/moderation/log?limit=100", token).json().getJsonArray("items")) {
        JsonObject d = (JsonObject) o;
        log.add(d.getString("action") + " " + d.getJsonObject("post").getString("id") + " " + d.getJsonObject("by").getString("id") + " "
            + d.getInteger("reports"));
      }
      assertThat(log).as("the admins' log %s", when).isEqualTo(m.log());
    }
    // notifications are kept a moment after the event: read until they settle on the model's, for up to 3 s
    List<String> expected = m.notifications(who);
    List<String> told = no.deling.support.Await.settled(() -> {
      List<String> read = new ArrayList<>();
      for (Object o : s.get("/api/notifications?limit=100", token).json().getJsonArray("items")) {
        JsonObject item = (JsonObject) o;
        if (!KINDS.contains(item.getString("kind"))) continue;
        read.add(item.getString("kind") + " " + (item.getString("post") == null ? "-" : item.getString("post")) + " "
            + item.getJsonArray("from").getJsonObject(0).getString("id"));
      }
      return read;
    }, expected, java.time.Duration.ofSeconds(3));
    assertThat(told).as("%s's moderation notifications %s", who, when).isEqualTo(expected);
  }
}
