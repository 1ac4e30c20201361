package no.deling.pulse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import no.deling.readmodel.ReadModel;
import no.deling.users.Person;
import no.deling.users.UserJson;

/**
 * What the pulse's routes ask. The pulse reads across every feature (that is what it is for), so
 * it is given the whole read side; each answer is computed under the read lock and passes {@link
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
