package no.deling.questions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import no.deling.core.ids.PostIds;
import no.deling.core.projection.ReadLock;
import no.deling.endorsements.Endorsements;
import no.deling.posts.PostContext;
import no.deling.posts.PostIndex;
import no.deling.posts.PostJson;
import no.deling.posts.PostView;
import no.deling.questions.Questions.Question;
import no.deling.timelines.Timelines;
import no.deling.visibility.Visibility;

/** Questions and their answers as a viewer may see them. */
public final class QuestionQueries {
  private final ReadLock lock;
  private final Questions questions;
  private final PostIndex posts;
  private final Endorsements endorsements;
  private final Visibility.Memberships memberships;
  private final PostContext context;
  private final Timelines timelines;

  public QuestionQueries(ReadLock lock, Questions questions, PostIndex posts, Endorsements endorsements, Visibility.Memberships memberships,
      PostContext context, Timelines timelines) {
    this.timelines = timelines;
    this.lock = lock;
    this.questions = questions;
    this.posts = posts;
    this.endorsements = endorsements;
    this.memberships = memberships;
    this.context = context;
  }

  /**
   * Newest first before {@code before}: only questions the viewer may see, of what {@code narrowed}
   * says, with the status asked for (its wire name, or null for any): {@code {"items","next"}}. The
   * posts of the topic, group or author it is narrowed to may be walked instead of every question.
   */
  public JsonObject newestFirst(String viewer, Narrowed narrowed, String status, long before, int limit) {
    return lock.read(() -> {
      no.deling.core.collections.LongList among = timelines.postsOf(narrowed.tag(), narrowed.group(), narrowed.author());
      if (narrowed.narrows() && among == null) return new JsonObject().put("items", new JsonArray()).put("next", (String) null); // no post at all
      Predicate<Question> keep = q -> {
        PostView p = posts.get(q.id);
        return Visibility.maySee(viewer, p, memberships) && narrowed.keeps(p) && (status == null || questions.status(q).wire().equals(status));
      };
      // the unanswered ones are walked alone: a rare topic's list does not read every question ever asked
      List<Question> found = questions.newestFirst(among, Questions.Status.UNANSWERED.wire().equals(status), before, limit, keep);
      JsonArray items = new JsonArray();
      for (int i = 0; i < Math.min(limit, found.size()); i++) items.add(summary(found.get(i), viewer));
      String next = found.size() > limit ? PostIds.format(found.get(limit - 1).id) : null;
      return new JsonObject().put("items", items).put("next", next);
    });
  }

  /** What a list of questions is narrowed to: posts carrying {@code tag}, in {@code group} and by {@code author} (null fields do not narrow). */
  public record Narrowed(String tag, String group, String author) {
    public static final Narrowed NOT = new Narrowed(null, null, null);

    boolean narrows() {
      return tag != null || group != null || author != null;
    }

    boolean keeps(PostView p) {
      return (tag == null || p.hasTag(tag)) && (group == null || group.equals(p.group)) && (author == null || author.equals(p.author));
    }
  }

  /** Most waiting questions counted for one topic: a topic with more shows "1000" (and its oldest still). */
  static final int MAX_WAITING_COUNTED = 1_000;

  /**
   * {@code {"questions","oldestAskedAt"}}: the questions carrying {@code topic} that nobody has answered
   * yet and the viewer may see, and when the oldest of them was asked (null when none) — what the
   * topic's owners look at first.
   */
  public JsonObject waitingIn(String topic, String viewer) {
    return waitingIn(List.of(topic), viewer).get(topic);
  }

  /** {@link #waitingIn(String, String)} for each of {@code topics}, from one pass over the questions. */
  public java.util.Map<String, JsonObject> waitingIn(java.util.Collection<String> topics, String viewer) {
    java.util.Set<String> wanted = new java.util.HashSet<>(topics);
    java.util.Map<String, int[]> counts = new java.util.HashMap<>();
    java.util.Map<String, Long> oldest = new java.util.HashMap<>();
    lock.read(() -> {
      questions.unansweredOldestFirst(q -> { // oldest first: the first one seen is a topic's oldest
        if (questions.status(q) != Questions.Status.UNANSWERED) return true;
        PostView p = posts.get(q.id);
        if (p == null || !Visibility.maySee(viewer, p, memberships)) return true;
        for (String tag : p.hashtags) {
          if (!wanted.contains(tag)) continue;
          int[] n = counts.computeIfAbsent(tag, t -> new int[1]);
          if (n[0] < MAX_WAITING_COUNTED) n[0]++;
          oldest.putIfAbsent(tag, q.askedAt);
        }
        return true;
      });
      return null;
    });
    java.util.Map<String, JsonObject> out = new java.util.HashMap<>();
    for (String topic : wanted) {
      Long at = oldest.get(topic);
      out.put(topic, new JsonObject().put("questions", counts.containsKey(topic) ? counts.get(topic)[0] : 0)
          .put("oldestAskedAt", at == null ? null : java.time.Instant.ofEpochMilli(at).toString()));
    }
    return out;
  }

  /** The question with the answers the viewer may see: accepted first, then by endorsements, then oldest first; null when not theirs to see. */
  public JsonObject withAnswers(String viewer, long id) {
    return lock.read(() -> {
      Question q = questions.get(id);
      PostView post = posts.get(id);
      if (q == null || !Visibility.maySee(viewer, post, memberships)) return null;
      long accepted = questions.acceptedAnswer(q);
      List<PostView> answers = new ArrayList<>();
      for (PostView p : posts.thread(id)) {
        if (p.inReplyTo == id && !p.author.equals(q.asker) && Visibility.maySee(viewer, p, memberships)) answers.add(p);
      }
      answers.sort(Comparator.comparing((PostView p) -> p.id != accepted)
          .thenComparing(p -> -endorsements.count(p.id)).thenComparingLong(p -> p.id));
      JsonArray items = new JsonArray();
      for (PostView a : answers) {
        JsonObject o = PostJson.of(a, viewer, context).put("accepted", a.id == accepted);
        // an answer changed after it was accepted says so: the asker accepted other words
        if (a.id == accepted) o.put("editedSinceAccepted", a.editedAt > q.acceptedAt);
        items.add(o);
      }
      return summary(q, viewer).put("items", items);
    });
  }

  private JsonObject summary(Question q, String viewer) {
    long accepted = questions.acceptedAnswer(q);
    return new JsonObject()
        .put("question", PostJson.of(posts.get(q.id), viewer, context))
        .put("status", questions.status(q).wire())
        .put("answers", q.answers)
        .put("acceptedAnswer", accepted == 0 ? null : PostIds.format(accepted))
        .put("firstAnswerAfterSeconds", q.firstAnswerAt == 0 ? null : (q.firstAnswerAt - q.askedAt) / 1000)
        .put("acceptedAfterSeconds", q.firstAcceptedAt == 0 ? null : (q.firstAcceptedAt - q.askedAt) / 1000);
  }
}
