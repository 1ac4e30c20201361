package no.deling.pulse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.deling.core.ids.PostIds;
import no.deling.posts.PostView;
import no.deling.readmodel.ReadModel;
import no.deling.visibility.Visibility;

/**
 * The pulse's answers as JSON, the same for {@code GET /api/pulse/…} and the {@code pulse} stream.
 * Nothing here names a person: posts shown are public ones, without their author.
 */
public final class PulseJson {
  private PulseJson() {}

  /** How many representative posts a trending topic carries. */
  static final int POSTS_PER_TREND = 3;
  private static final int EXCERPT = 280;

  static String time(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  /** Trending topics with a few public posts each, most endorsed first. Under the read lock. */
  public static JsonArray trends(ReadModel m, List<TopicTrends.Trend> trends) {
    JsonArray out = new JsonArray();
    for (TopicTrends.Trend t : trends) {
      List<PostView> candidates = new java.util.ArrayList<>();
      for (long id : t.candidatePosts()) {
        PostView p = m.posts.get(id);
        // public now: not deleted, and not (since) moved out of everyone's sight
        if (p != null && p.inReplyTo == 0 && Visibility.maySee(null, p, m.memberships())) candidates.add(p);
      }
      candidates.sort((a, b) -> Integer.compare(m.endorsements.count(b.id), m.endorsements.count(a.id)));
      JsonArray posts = new JsonArray();
      for (PostView p : candidates.subList(0, Math.min(POSTS_PER_TREND, candidates.size()))) posts.add(post(m, p));
      out.add(new JsonObject().put("topic", t.topic()).put("score", round(t.score())).put("peakHour", time(t.peakHourMillis()))
          .put("authorsInPeakHour", t.authorsInPeakHour()).put("expected", round(t.expected())).put("posts", posts));
    }
    return out;
  }

  private static String excerpt(String text) {
    return no.deling.posts.Excerpt.of(text, EXCERPT);
  }

  private static JsonObject post(ReadModel m, PostView p) {
    return new JsonObject().put("id", PostIds.format(p.id)).put("text", excerpt(p.text())).put("publishedAt", time(p.publishedAt))
        .put("endorsements", m.endorsements.count(p.id));
  }

  public static JsonObject slot(Activity.Slot s, boolean day) {
    JsonObject o = new JsonObject().put(day ? "day" : "hour", time(s.startMillis()));
    Activity.Counts c = s.counts();
    if (c == null) return o.put("withheld", true);
    o.put("posts", c.posts()).put("questions", c.questions()).put("ideas", c.ideas()).put("replies", c.replies()).put("answers", c.answers())
        .put("endorsements", c.endorsements()).put("shares", c.shares()).put("activePeople", c.activePeople());
    if (day) o.put("withheldHours", c.withheldHours());
    return o;
  }

  public static JsonArray slots(List<Activity.Slot> slots, boolean day) {
    JsonArray out = new JsonArray();
    for (Activity.Slot s : slots) out.add(slot(s, day));
    return out;
  }

  public static JsonObject newVoices(NewVoices.Week w) {
    JsonArray departments = new JsonArray();
    for (NewVoices.Department d : w.departments()) {
      JsonObject o = new JsonObject().put("name", d.name());
      if (d.count() == null) o.put("withheld", true);
      else o.put("count", d.count());
      departments.add(o);
    }
    JsonObject o = new JsonObject().put("weekStart", time(w.startMillis())).put("complete", w.complete());
    if (w.total() == null) o.put("withheld", true);
    else o.put("total", w.total());
    return o.put("departments", departments);
  }

  public static JsonObject questions(PulseQuestions.Result r) {
    JsonArray topics = new JsonArray();
    for (PulseQuestions.Topic t : r.unanswered()) {
      JsonObject ages = new JsonObject();
      for (int i = 0; i < PulseQuestions.AGES.size(); i++) ages.put(PulseQuestions.AGES.get(i), t.counts()[i]);
      topics.add(new JsonObject().put("topic", t.topic()).put("unanswered", t.total()).put("byAge", ages));
    }
    JsonArray weeks = new JsonArray();
    for (PulseQuestions.Week w : r.weeks()) {
      JsonObject o = new JsonObject().put("weekStart", time(w.startMillis())).put("complete", w.complete());
      if (w.asked() == null) o.put("withheld", true);
      else {
        o.put("asked", w.asked()).put("answeredShare", round(w.answeredShare())).put("acceptedShare", round(w.acceptedShare()))
            .put("medianSecondsToFirstAnswer", w.medianSecondsToFirstAnswer());
      }
      weeks.add(o);
    }
    return new JsonObject().put("unansweredByTopic", topics).put("withheldTopics", r.withheldTopics()).put("weeks", weeks);
  }

  public static JsonObject ideas(PulseIdeas.Result r) {
    JsonArray rising = new JsonArray();
    for (PulseIdeas.Rising i : r.rising()) {
      rising.add(new JsonObject().put("id", PostIds.format(i.id())).put("text", excerpt(i.text())).put("status", i.status()).put("endorsers", i.endorsers())
          .put("rising", round(i.rising())).put("publishedAt", time(i.publishedAt())));
    }
    JsonObject byStatus = new JsonObject();
    for (Map.Entry<String, Integer> e : r.byStatus().entrySet()) byStatus.put(e.getKey(), e.getValue());
    return new JsonObject().put("rising", rising).put("byStatus", byStatus);
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** A topic's pulse: its weeks (a withheld one says so and nothing else) and the departments that took part. */
  public static JsonObject topic(String tag, TopicPulse.Result r) {
    JsonArray weeks = new JsonArray();
    for (TopicPulse.Week w : r.weeks()) {
      JsonObject o = new JsonObject().put("weekStart", time(w.startMillis())).put("complete", w.complete());
      if (w.people() == null) {
        weeks.add(o.put("withheld", true));
        continue;
      }
      o.put("people", w.people()).put("posts", w.posts()).put("questions", w.questions()).put("answers", w.answers())
          .put("departments", w.departments()).put("newPeople", w.newPeople());
      if (w.answeredShare() != null) {
        o.put("answeredShare", round(w.answeredShare())).put("acceptedShare", round(w.acceptedShare()))
            .put("medianSecondsToFirstAnswer", w.medianSecondsToFirstAnswer());
      }
      weeks.add(o);
    }
    JsonArray departments = new JsonArray();
    for (TopicPulse.Department d : r.departments()) departments.add(new JsonObject().put("name", d.name()).put("people", d.people()));
    return new JsonObject().put("topic", tag).put("weeks", weeks).put("departments", departments)
        .put("otherDepartments", new JsonObject().put("departments", r.otherDepartments()).put("people", r.otherPeople()));
  }
}
