package no.deling.pulse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import no.deling.core.collections.LongList;
import no.deling.posts.PostView;
import no.deling.questions.Questions;
import no.deling.readmodel.ReadModel;
import no.deling.users.Person;
import no.deling.users.UserJson;
import no.deling.visibility.Visibility;

/**
 * What the pulse's routes ask. The pulse reads across every feature (that is what it is for), so
 * it is given the whole read side; each answer reads it under the read lock and passes {@link
 * Suppression} before it leaves. With the pulse turned off its read models do not exist and the
 * routes refuse before asking.
 */
public final class PulseQueries {
  private final ReadModel m;

  public PulseQueries(ReadModel m) {
    this.m = m;
  }

  /** Topics trending at {@code at}, with a few public posts each. */
  public JsonObject trends(long at, int k, int limit) {
    return m.read(() -> new JsonObject().put("at", PulseJson.time(at)).put("k", Suppression.k(k))
        .put("halfLifeHours", Trending.HALF_LIFE_HOURS).put("items", PulseJson.trends(m, m.trends.at(at, k, limit))));
  }

  /** Unanswered questions by topic and age, and per week how questions fared. */
  public JsonObject questions(long nowMillis, int weeks, int k) {
    return m.read(() -> PulseJson.questions(PulseQuestions.of(m, nowMillis, weeks, k)).put("k", Suppression.k(k)));
  }

  /** Rising public ideas, and how many ideas stand in each status. */
  public JsonObject ideas(long nowMillis, int limit, int k) {
    return m.read(() -> PulseJson.ideas(PulseIdeas.of(m, nowMillis, limit, k))
        .put("k", Suppression.k(k)).put("halfLifeHours", no.deling.ideas.Ideas.RISING_HALF_LIFE_HOURS));
  }

  /** First contributions in the ISO week starting at {@code weekStart}, by every department in the directory. */
  public JsonObject newVoices(long weekStart, long nowMillis, int k) {
    return m.read(() -> {
      Set<String> departments = new TreeSet<>();
      for (Person p : m.people.all()) if (p.active() && p.department() != null) departments.add(p.department());
      return PulseJson.newVoices(NewVoices.of(m.activity, departments, weekStart, nowMillis, k)).put("k", Suppression.k(k));
    });
  }

  /**
   * The pulse of {@code tag} over the last {@code weeks} weeks; see {@link TopicPulse}. Counts the
   * topic as everyone may read it now: posts in private groups never, and a deleted post (an erased
   * colleague's too) no longer. It walks every post of the topic and its questions' threads (under
   * the read lock), so the caller runs it on a worker.
   */
  public JsonObject topic(String tag, long nowMillis, int weeks, int k) {
    List<TopicPulse.Contribution> contributions = new ArrayList<>();
    List<TopicPulse.Question> questions = new ArrayList<>();
    // only the gathering holds the read lock (the projection waits for it); the counting happens after
    m.read(() -> {
      LongOpenHashSet answers = new LongOpenHashSet();
      LongList ids = m.timelines.postsOf(tag, null, null);
      for (int i = 0; ids != null && i < ids.size(); i++) {
        PostView p = m.posts.get(ids.get(i));
        // oldest first: a question comes before its answers, which count once, as answers, even when they carry the topic too
        if (p == null || answers.contains(p.id) || !Visibility.maySee(null, p, m.memberships())) continue;
        Questions.Question q = p.inReplyTo == 0 ? m.questions.get(p.id) : null;
        contributions.add(new TopicPulse.Contribution(p.author, departmentOf(p.author), p.publishedAt,
            q != null ? TopicPulse.Kind.QUESTION : TopicPulse.Kind.POST));
        if (q == null) continue;
        questions.add(new TopicPulse.Question(q.askedAt, q.firstAnswerAt, m.questions.status(q) == Questions.Status.ACCEPTED));
        for (PostView r : m.posts.thread(p.id)) {
          if (r.inReplyTo != p.id || !Visibility.maySee(null, r, m.memberships()) || Objects.equals(r.author, p.author)) {
            continue;
          }
          answers.add(r.id);
          contributions.add(new TopicPulse.Contribution(r.author, departmentOf(r.author), r.publishedAt, TopicPulse.Kind.ANSWER));
        }
      }
      return null;
    });
    return PulseJson.topic(tag, TopicPulse.of(contributions, questions, nowMillis, weeks, k)).put("k", Suppression.k(k));
  }

  private String departmentOf(String person) {
    Person p = m.people.get(person);
    return p == null ? null : p.department();
  }

  /** Activity per hour (or day) of {@code [from, to)}; see {@link Activity}. */
  public List<Activity.Slot> activity(boolean perDay, long from, long to, int k) {
    return m.read(() -> perDay ? Activity.days(m.activity, from, to, k) : Activity.hours(m.activity, from, to, k));
  }

  /** The recorded relationship figures, oldest first. */
  public List<NetworkSnapshot> networkHistory() {
    return m.pulse.history();
  }

  /** {@code me}'s own network figures: never shown to anyone else. */
  public Network.Own ownNetwork(String me, long nowMillis) {
    return m.read(() -> PulseNetwork.own(m, me, nowMillis));
  }

  /** The newest pulse queries and who asked them: {@code {"items"}}. */
  public JsonObject audit(int limit) {
    return m.read(() -> {
      JsonArray items = new JsonArray();
      for (PulseAudit.Entry e : m.pulseAudit.newest(limit)) {
        items.add(new JsonObject().put("by", UserJson.summary(e.by(), m.people)).put("query", e.query())
            .put("at", Instant.ofEpochMilli(e.atMillis()).toString()));
      }
      return new JsonObject().put("items", items);
    });
  }
}
