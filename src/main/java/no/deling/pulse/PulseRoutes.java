package no.deling.pulse;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.limit;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Instant;
import java.util.List;
import no.deling.Wiring;
import no.deling.auth.Actor;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.Rejection;

/**
 * The pulse for leaders (relationship figures so far), a person's own network figures, and the
 * audit of pulse queries for admins. Every pulse answer is audited before it is given.
 */
public final class PulseRoutes {
  private static final AuditDecider AUDIT = new AuditDecider();
  private static final TopicAuditDecider TOPIC_AUDIT = new TopicAuditDecider();
  private final Wiring w;

  public PulseRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("getPulseNetwork").addHandler(on(this::network));
    rb.getRoute("getPulseActivity").addHandler(on(this::activity));
    rb.getRoute("getPulseTrends").addHandler(on(this::trends));
    rb.getRoute("getPulseQuestions").addHandler(on(this::questions));
    rb.getRoute("getPulseIdeas").addHandler(on(this::ideas));
    rb.getRoute("getPulseNewVoices").addHandler(on(this::newVoices));
    rb.getRoute("getTopicPulse").addHandler(on(this::topic));
    rb.getRoute("getMyNetwork").addHandler(on(this::mine));
    rb.getRoute("getPulseAudit").addHandler(this::audit);
  }

  /** With the pulse turned off, its routes do not exist (the audit of earlier queries stays readable). */
  private io.vertx.core.Handler<RoutingContext> on(io.vertx.core.Handler<RoutingContext> handler) {
    return rc -> {
      if (!w.config().pulse()) throw new Rejection.NotFound("the pulse is turned off on this server");
      handler.handle(rc);
    };
  }

  /** Topics trending now (or at {@code at}, within the last day), with a few public posts each. */
  private void trends(RoutingContext rc) {
    long now = w.clock().millis();
    long at = instant(rc, "at", now);
    if (at > now || at < now - 24 * Activity.HOUR) throw new Rejection.Invalid("at", "range", "at is within the last 24 hours");
    int limit = limit(rc);
    int k = w.config().pulseK();
    respond(rc, 200, audited(rc).map(v -> w.queries().pulse().trends(at, k, limit)));
  }

  /** Unanswered questions by topic and age, and per week how questions fared. */
  private void questions(RoutingContext rc) {
    long now = w.clock().millis();
    int weeks = intParam(rc, "weeks", 4);
    int k = w.config().pulseK();
    respond(rc, 200, audited(rc).compose(v -> onWorker(() -> w.queries().pulse().questions(now, weeks, k))));
  }

  /** Rising public ideas and how many ideas stand in each status. */
  private void ideas(RoutingContext rc) {
    long now = w.clock().millis();
    int limit = limit(rc);
    int k = w.config().pulseK();
    respond(rc, 200, audited(rc).compose(v -> onWorker(() -> w.queries().pulse().ideas(now, limit, k))));
  }

  /** People contributing for the first time in a week (the week holding {@code week}; default: the last whole week). */
  private void newVoices(RoutingContext rc) {
    long now = w.clock().millis();
    long week = NewVoices.weekStart(instant(rc, "week", now - NewVoices.WEEK));
    if (week > now) throw new Rejection.Invalid("week", "not-future", "week is a day in this week or an earlier one");
    int k = w.config().pulseK();
    respond(rc, 200, audited(rc).map(v -> w.queries().pulse().newVoices(week, now, k)));
  }

  /** The pulse of one topic, for its owners, leaders and admins; see {@link TopicPulse}. */
  private void topic(RoutingContext rc) {
    String tag = no.deling.posts.PostText.normaliseTag(no.deling.core.http.Requests.path(rc, "tag"));
    if (tag == null) throw new Rejection.Invalid("tag", "hashtag", "a topic is letters, digits and '_', at most 64");
    Actor a = actor(rc);
    long now = w.clock().millis();
    int weeks = intParam(rc, "weeks", 8);
    int k = w.config().pulseK();
    boolean owner = w.queries().topics().looksAfter(tag, a.id());
    Future<Void> audited = audited(a, TOPIC_AUDIT,
        new TopicAuditDecider.Record(a.id(), tag, owner, a.is(Actor.LEADER), a.is(Actor.ADMIN), query(rc), w.clock().instant()));
    respond(rc, 200, audited.compose(v -> onWorker(() -> w.queries().pulse().topic(tag, now, weeks, k))));
  }

  /**
   * The pulse's answers that scan every question or idea of the organisation (a third of a second on
   * ten million events) are worked out on a worker, not on the event loop every other connection waits on.
   */
  private Future<JsonObject> onWorker(java.util.concurrent.Callable<JsonObject> answer) {
    return w.vertx().executeBlocking(answer, false);
  }

  /** An integer query parameter; its range is the contract's, checked before the handler runs. */
  private static int intParam(RoutingContext rc, String name, int fallback) {
    var p = no.deling.core.http.Requests.validated(rc).getQuery().get(name);
    return p == null || p.isNull() ? fallback : p.getInteger();
  }


  /** Writes the audit entry durably, then answers; a leader's question not written down is not answered. */
  private Future<Void> audited(RoutingContext rc) {
    Actor actor = actor(rc);
    return audited(actor, AUDIT, new AuditDecider.Record(actor.id(), actor.is(Actor.LEADER), query(rc), w.clock().instant()));
  }

  /** The same for any pulse question: {@code decider} says whether {@code actor} may ask it, and records it if so. */
  private <C> Future<Void> audited(Actor actor, no.deling.core.command.Recorder<C, PulseEvent> decider, C command) {
    return w.commands().execute(PulseEvent.stream(actor.id()), decider, command, CommandMeta.of(actor.id())).mapEmpty();
  }

  /** The question as the audit trail keeps it: the method and the path with its query. */
  private static String query(RoutingContext rc) {
    return rc.request().method() + " " + rc.request().uri();
  }

  private void network(RoutingContext rc) {
    respond(rc, 200, audited(rc).map(v -> {
      List<NetworkSnapshot> history = w.queries().pulse().networkHistory();
      if (history.isEmpty()) return new JsonObject().put("refreshedAt", null).put("departments", new JsonArray());
      NetworkSnapshot s = history.get(history.size() - 1);
      JsonArray trend = new JsonArray();
      for (NetworkSnapshot h : history) {
        trend.add(new JsonObject().put("refreshedAt", Instant.ofEpochMilli(h.refreshedAt()).toString()).put("reciprocity", h.reciprocity())
            .put("gini", h.gini()).put("departments", units(h.departments())).put("locations", units(h.locations())));
      }
      JsonArray matrix = new JsonArray();
      for (Long[] row : s.matrix()) matrix.add(new JsonArray(java.util.Arrays.asList(row)));
      return new JsonObject().put("refreshedAt", Instant.ofEpochMilli(s.refreshedAt()).toString()).put("k", s.k()).put("people", s.people())
          .put("windowDays", NetworkSnapshot.WINDOW_MS / 86_400_000L)
          .put("reciprocity", s.reciprocity()).put("giniOfInteractionsReceived", s.gini())
          .put("departments", units(s.departments())).put("locations", units(s.locations()))
          .put("matrix", new JsonObject().put("units", new JsonArray(s.matrixUnits())).put("ties", matrix))
          .put("trend", trend);
    }));
  }

  /** Whole hours (or days, with {@code per=day}) of the range (default: the last 24 hours, or 7 days); see {@link Activity}. */
  private void activity(RoutingContext rc) {
    long now = w.clock().millis();
    String per = no.deling.core.http.Requests.query(rc, "per");
    boolean day = "day".equals(per);
    if (per != null && !day && !"hour".equals(per)) throw new Rejection.Invalid("per", "enum", "per is hour or day");
    long to = instant(rc, "to", now);
    long from = instant(rc, "from", to - (day ? 7 * Activity.DAY : 24 * Activity.HOUR));
    if (to <= from) throw new Rejection.Invalid("from", "before-to", "from must be before to");
    if (to - from > 31L * Activity.DAY) throw new Rejection.Invalid("from", "max-range", "at most 31 days at a time");
    int k = w.config().pulseK();
    respond(rc, 200, audited(rc).map(v -> {
      List<Activity.Slot> slots = w.queries().pulse().activity(day, from, to, k);
      return new JsonObject().put("k", Suppression.k(k)).put("per", day ? "day" : "hour").put("items", PulseJson.slots(slots, day));
    }));
  }

  private static long instant(RoutingContext rc, String name, long fallback) {
    String p = no.deling.core.http.Requests.query(rc, name);
    if (p == null) return fallback;
    try {
      return Instant.parse(p).toEpochMilli();
    } catch (java.time.format.DateTimeParseException e) {
      throw new Rejection.Invalid(name, "date-time", name + " is an instant such as 2026-12-01T09:00:00Z");
    }
  }

  private static JsonArray units(List<NetworkSnapshot.Unit> units) {
    JsonArray out = new JsonArray();
    for (NetworkSnapshot.Unit u : units) {
      out.add(new JsonObject().put("name", u.name()).put("people", u.people()).put("reciprocity", u.reciprocity()).put("eiIndex", u.eiIndex())
          .put("shareWithOutsideTie", u.shareWithOutsideTie()));
    }
    return out;
  }

  /** Mine alone: never shown to anyone else, leaders included. */
  private void mine(RoutingContext rc) {
    String me = actor(rc).id();
    long now = w.clock().millis();
    Network.Own own = w.queries().pulse().ownNetwork(me, now);
    rc.json(new JsonObject().put("windowDays", NetworkSnapshot.WINDOW_MS / 86_400_000L).put("networkSize", own.networkSize())
        .put("outsideMyDepartment", own.outsideUnit()).put("reciprocity", Double.isNaN(own.reciprocity()) ? null : own.reciprocity()));
  }

  private void audit(RoutingContext rc) {
    if (!actor(rc).is(Actor.ADMIN)) throw new Rejection.Forbidden("the pulse audit is for admins");
    int limit = limit(rc);
    JsonObject json = w.queries().pulse().audit(limit);
    rc.json(json);
  }
}
