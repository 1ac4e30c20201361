package no.deling.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
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
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;

/**
 * Model-based: four people post, mention, reply, endorse and share (and take both back), follow
 * and unfollow people, follow and mute conversations, delete posts and mark their notifications
 * read, at random; each person's
 * notifications — what each item is, who it names and counts, the unread count — are the model's
 * after every read, at the end, after a restart from the snapshot and after a replay of the log.
 * The model keeps one notification per event and groups when read, in its own words: unread
 * endorsements or shares of one post, unread replies in one conversation, and unread follows, are one item naming everyone (newest
 * first, at most eight) and counting them; a notification about a deleted post is not shown.
 */
class NotificationModelTest {
  private static final List<String> PEOPLE = List.of("na", "nb", "nc", "nd");
  private static final Map<String, String> ENV = Map.of("DELING_WRITE_RATE", "0");

  record Step(String who, String what, String whom, int k) {}

  static final class Post {
    final String id;
    final String author;
    /** The conversation's first post (itself for a top-level post). */
    final Post root;
    boolean deleted;
    final Set<String> endorsers = new HashSet<>();
    final Set<String> sharers = new HashSet<>();

    Post(String id, String author) {
      this(id, author, null);
    }

    Post(String id, String author, Post root) {
      this.id = id;
      this.author = author;
      this.root = root == null ? this : root;
    }
  }

  /** One notification as an event made it. */
  record Told(String to, String kind, String from, Post post) {}

  static final class Model {
    final List<Post> posts = new ArrayList<>();
    final List<Told> told = new ArrayList<>(); // oldest first
    final Map<String, Set<String>> follows = new HashMap<>();
    /** Per conversation, each person's last choice: follow (true) or mute (false). */
    final Map<Post, Map<String, Boolean>> choices = new HashMap<>();

    /** Who hears of a new reply in this conversation: whoever has a post in it that is not deleted, in order, then the choices. */
    java.util.Set<String> inConversation(Post root) {
      java.util.Set<String> out = new java.util.LinkedHashSet<>();
      for (Post p : posts) if (p.root == root && !p.deleted) out.add(p.author);
      choices.getOrDefault(root, Map.of()).forEach((user, follows) -> {
        if (follows) out.add(user);
        else out.remove(user);
      });
      return out;
    }

    /** Per person, how many of their notifications (oldest first) they have read. */
    final Map<String, Integer> read = new HashMap<>();

    /** The page as the person reads it: newest first, unread groupable ones of one post (or follows) together. */
    List<String> page(String who) {
      List<Told> mine = told.stream().filter(t -> t.to.equals(who)).toList();
      int readCount = read.getOrDefault(who, 0);
      List<String[]> items = new ArrayList<>(); // kind, post, and the actors after them
      Map<String, List<String>> actorsOf = new HashMap<>();
      List<List<String>> actors = new ArrayList<>();
      for (int i = mine.size() - 1; i >= 0; i--) {
        Told t = mine.get(i);
        if (t.post != null && t.post.deleted) continue;
        boolean unread = i >= readCount;
        boolean groupable = t.kind.equals("endorsement") || t.kind.equals("share") || t.kind.equals("follow") || t.kind.equals("thread.reply");
        String key = t.kind + "/" + (t.post == null ? "-" : t.post.id);
        List<String> joins = groupable && unread ? actorsOf.get(key) : null;
        if (joins == null) {
          joins = new ArrayList<>();
          items.add(new String[] {t.kind, t.post == null ? "-" : t.post.id});
          actors.add(joins);
          if (groupable && unread) actorsOf.put(key, joins);
        }
        if (!joins.contains(t.from)) joins.add(t.from);
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        List<String> a = actors.get(i);
        out.add(items.get(i)[0] + " " + items.get(i)[1] + " " + a.subList(0, Math.min(8, a.size())) + " " + a.size());
      }
      return out;
    }

    int unread(String who) {
      List<Told> mine = told.stream().filter(t -> t.to.equals(who)).toList();
      Set<String> groups = new HashSet<>();
      int unread = 0;
      for (int i = mine.size() - 1; i >= read.getOrDefault(who, 0); i--) {
        Told t = mine.get(i);
        if (t.post != null && t.post.deleted) continue;
        boolean groupable = t.kind.equals("endorsement") || t.kind.equals("share") || t.kind.equals("follow") || t.kind.equals("thread.reply");
        if (!groupable || groups.add(t.kind + "/" + (t.post == null ? "-" : t.post.id))) unread++;
      }
      return unread;
    }
  }

  @Provide
  Arbitrary<List<Step>> days() {
    Arbitrary<Step> step = Combinators.combine(Arbitraries.of(PEOPLE),
        Arbitraries.of("post", "post", "mention", "reply", "reply", "endorse", "endorse", "endorse", "withdraw", "share", "share", "unshare",
            "follow", "follow", "unfollow", "delete", "read", "read", "look", "reply", "mute", "follow-thread"),
        Arbitraries.of(PEOPLE), Arbitraries.integers().between(0, 1_000)).as(Step::new);
    return step.list().ofMinSize(30).ofMaxSize(100);
  }

  @Property(tries = 12)
  void everyonesNotifications_areTheModels_whileRunning_afterARestart_andAfterAReplay(@ForAll("days") List<Step> steps) throws Exception {
    Model m = new Model();
    for (String p : PEOPLE) m.follows.put(p, new HashSet<>());
    ModelRuns.playThenCheckThrice("deling-notification-model", ENV, s -> {
      for (String p : PEOPLE) assertThat(s.get("/api/me", s.token(p)).status()).isEqualTo(200);
      int n = 0;
      for (Step step : steps) apply(s, m, step, n++);
    }, (s, when) -> {
      for (String p : PEOPLE) assertAsModelled(s, m, p, when);
    });
  }

  private static void apply(TestServer s, Model m, Step step, int n) {
    String who = step.who();
    String whom = step.whom();
    String token = s.token(who);
    Post target = m.posts.isEmpty() ? null : m.posts.get(step.k() % m.posts.size());
    switch (step.what()) {
      case "post", "mention" -> {
        boolean mention = step.what().equals("mention");
        Response r = s.post("/api/posts", token, new JsonObject().put("text", "n" + n + " by " + who + (mention ? " @" + whom : "")));
        assertThat(r.status()).isEqualTo(201);
        Post p = new Post(r.json().getString("id"), who);
        m.posts.add(p);
        if (mention && !whom.equals(who)) m.told.add(new Told(whom, "mention", who, p));
      }
      case "reply" -> {
        if (target == null) return;
        boolean mention = step.k() % 2 == 0;
        Response r = s.post("/api/posts", token, new JsonObject().put("text", "n" + n + " by " + who + (mention ? " @" + whom : ""))
            .put("inReplyTo", target.id));
        assertThat(r.status()).as("%s on %s: %s", step, target.id, r.body()).isEqualTo(target.deleted ? 422 : 201);
        if (target.deleted) return;
        java.util.Set<String> conversation = m.inConversation(target.root); // as it was before this reply
        Post p = new Post(r.json().getString("id"), who, target.root);
        m.posts.add(p);
        String repliedTo = target.author.equals(who) ? null : target.author;
        if (repliedTo != null) m.told.add(new Told(repliedTo, "reply", who, p));
        if (mention && !whom.equals(who) && !whom.equals(repliedTo)) m.told.add(new Told(whom, "mention", who, p));
        // everyone else in the conversation, about its first post; the replier, whoever was replied to or mentioned, are not told twice
        for (String other : conversation) {
          if (!other.equals(who) && !other.equals(repliedTo) && !(mention && other.equals(whom))) m.told.add(new Told(other, "thread.reply", who, target.root));
        }
      }
      case "endorse", "share" -> {
        if (target == null) return;
        boolean endorse = step.what().equals("endorse");
        Response r = s.put("/api/posts/" + target.id + (endorse ? "/endorsement" : "/share"), token, null);
        boolean allowed = !target.deleted && !target.author.equals(who);
        assertThat(r.status() < 300).as("%s on %s: %s", step, target.id, r.body()).isEqualTo(allowed);
        if (allowed && (endorse ? target.endorsers : target.sharers).add(who)) m.told.add(new Told(target.author, step.what().equals("endorse") ? "endorsement" : "share", who, target));
      }
      case "withdraw", "unshare" -> {
        if (target == null || target.deleted) return;
        boolean endorse = step.what().equals("withdraw");
        Response r = s.delete("/api/posts/" + target.id + (endorse ? "/endorsement" : "/share"), token);
        assertThat(r.status()).as("%s: %s", step, r.body()).isBetween(200, 299);
        (endorse ? target.endorsers : target.sharers).remove(who);
      }
      case "follow" -> {
        Response r = s.put("/api/me/following/users/" + whom, token, null);
        assertThat(r.status() < 300).as("%s: %s", step, r.body()).isEqualTo(!whom.equals(who));
        if (!whom.equals(who) && m.follows.get(who).add(whom)) m.told.add(new Told(whom, "follow", who, null));
      }
      case "unfollow" -> {
        if (whom.equals(who)) return;
        assertThat(s.delete("/api/me/following/users/" + whom, token).status()).isBetween(200, 299);
        m.follows.get(who).remove(whom);
      }
      case "delete" -> {
        // mostly one of their own posts
        List<Post> own = m.posts.stream().filter(p -> p.author.equals(who) && !p.deleted).toList();
        if (own.isEmpty()) return;
        Post p = own.get(step.k() % own.size());
        assertThat(s.delete("/api/posts/" + p.id, token).status()).isEqualTo(204);
        p.deleted = true;
      }
      case "read" -> { // everything shown so far is read
        assertAsModelled(s, m, who, "before reading at step " + n);
        JsonArray items = s.get("/api/notifications?limit=100", token).json().getJsonArray("items");
        if (items.isEmpty()) return;
        Response r = s.post("/api/notifications/read", token, new JsonObject().put("upTo", items.getJsonObject(0).getString("id")));
        assertThat(r.status()).as("read: %s", r.body()).isBetween(200, 299);
        int newestShown = -1;
        List<Told> mine = m.told.stream().filter(t -> t.to.equals(who)).toList();
        for (int i = mine.size() - 1; i >= 0; i--) {
          if (mine.get(i).post == null || !mine.get(i).post.deleted) {
            newestShown = i;
            break;
          }
        }
        m.read.put(who, newestShown + 1);
      }
      case "mute", "follow-thread" -> {
        if (target == null) return;
        boolean follow = step.what().equals("follow-thread");
        Response r = s.put("/api/posts/" + target.id + "/subscription", token, new JsonObject().put("subscribed", follow));
        assertThat(r.status()).as("%s on %s: %s", step, target.id, r.body()).isEqualTo(target.deleted ? 404 : 200);
        if (target.deleted) return;
        assertThat(r.json().getString("thread")).isEqualTo(target.root.id);
        m.choices.computeIfAbsent(target.root, k -> new HashMap<>()).put(who, follow);
        assertThat(s.get("/api/posts/" + target.id + "/subscription", token).json().getBoolean("subscribed")).isEqualTo(follow);
      }
      case "look" -> assertAsModelled(s, m, who, "at step " + n);
      default -> throw new IllegalArgumentException(step.what());
    }
  }

  /** A person's notifications page as compared: each item in words, and the unread count. */
  record Seen(List<String> items, int unread) {}

  private static void assertAsModelled(TestServer s, Model m, String who, String when) {
    // notifications are kept a moment after the event: the page is read until it settles on the model's, for up to 3 s
    Seen expected = new Seen(m.page(who), m.unread(who));
    Seen seen = no.deling.support.Await.settled(() -> {
      JsonObject page = s.get("/api/notifications?limit=100", s.token(who)).json();
      List<String> items = new ArrayList<>();
      for (Object o : page.getJsonArray("items")) {
        JsonObject item = (JsonObject) o;
        List<String> from = item.getJsonArray("from").stream().map(x -> ((JsonObject) x).getString("id")).toList();
        items.add(item.getString("kind") + " " + (item.getString("post") == null ? "-" : item.getString("post")) + " " + from + " "
            + item.getInteger("count"));
      }
      return new Seen(items, page.getInteger("unread"));
    }, expected, java.time.Duration.ofSeconds(3));
    assertThat(seen.items()).as("%s's notifications %s", who, when).isEqualTo(expected.items());
    assertThat(seen.unread()).as("%s's unread %s", who, when).isEqualTo(expected.unread());
  }

}
