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
import no.deling.users.UserJson;

/**
 * The pulse for leaders (relationship figures so far), a person's own network figures, and the
 * audit of pulse queries for admins. Every pulse answer is audited before it is given.
 */
public final class PulseRoutes {
  private static final AuditDecider AUDIT = new AuditDecider();
  private final Wiring w;

  public PulseRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("getPulseNetwork").addHandler(this::network);
    rb.getRoute("getPulseActivity").addHandler(this::activity);
    rb.getRoute("getMyNetwork").addHandler(this::mine);
    rb.getRoute("getPulseAudit").addHandler(this::audit);
  }

  /** Writes the audit entry durably, then answers; a leader's question not written down is not answered. */
  private Future<Void> audited(RoutingContext rc) {
    Actor actor = actor(rc);
    String query = rc.request().method() + " " + rc.request().uri();
    return w.commands().execute(PulseEvent.stream(actor.id()), AUDIT, new AuditDecider.Record(actor.id(), actor.is(Actor.LEADER), query,
        w.clock().instant()), CommandMeta.of(actor.id())).mapEmpty();
  }

  private void network(RoutingContext rc) {
    respond(rc, 200, audited(rc).map(v -> {
      List<NetworkSnapshot> history = w.model().pulse.history();
      if (history.isEmpty()) return new JsonObject().put("refreshedAt", null).put("departments", new JsonArray());
      NetworkSnapshot s = history.get(history.size() - 1);
      JsonArray trend = new JsonArray();
      for (NetworkSnapshot h : history) {
        trend.add(new JsonObject().put("refreshedAt", Instant.ofEpochMilli(h.refreshedAt()).toString()).put("reciprocity", h.reciprocity())
            .put("gini", h.gini()));
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

  /** Whole hours of the range (default: the last 24), each withheld whole under k active people. */
  private void activity(RoutingContext rc) {
    long now = w.clock().millis();
    long to = instant(rc, "to", now);
    long from = instant(rc, "from", to - 24 * Activity.HOUR);
    if (to <= from) throw new Rejection.Invalid("from", "before-to", "from must be before to");
    if (to - from > 31L * 24 * Activity.HOUR) throw new Rejection.Invalid("from", "max-range", "at most 31 days at a time");
    int k = w.config().pulseK();
    respond(rc, 200, audited(rc).map(v -> {
      List<Activity.Hour> hours = w.model().read(() -> Activity.hours(w.model(), from, to, k));
      JsonArray items = new JsonArray();
      for (Activity.Hour h : hours) {
        JsonObject o = new JsonObject().put("hour", Instant.ofEpochMilli(h.startMillis()).toString());
        Activity.Counts c = h.counts();
        if (c == null) o.put("withheld", true);
        else {
          o.put("posts", c.posts()).put("questions", c.questions()).put("ideas", c.ideas()).put("replies", c.replies())
              .put("answers", c.answers()).put("endorsements", c.endorsements()).put("shares", c.shares()).put("activePeople", c.activePeople());
        }
        items.add(o);
      }
      return new JsonObject().put("k", Suppression.k(k)).put("items", items);
    }));
  }

  private static long instant(RoutingContext rc, String name, long fallback) {
    var p = no.deling.core.http.Requests.validated(rc).getQuery().get(name);
    if (p == null || p.isNull()) return fallback;
    try {
      return Instant.parse(p.getString()).toEpochMilli();
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
    Network.Own own = w.model().read(() -> PulseNetwork.own(w.model(), me, now));
    rc.json(new JsonObject().put("windowDays", NetworkSnapshot.WINDOW_MS / 86_400_000L).put("networkSize", own.networkSize())
        .put("outsideMyDepartment", own.outsideUnit()).put("reciprocity", Double.isNaN(own.reciprocity()) ? null : own.reciprocity()));
  }

  private void audit(RoutingContext rc) {
    if (!actor(rc).is(Actor.ADMIN)) throw new Rejection.Forbidden("the pulse audit is for admins");
    int limit = limit(rc);
    JsonObject json = w.model().read(() -> {
      JsonArray items = new JsonArray();
      for (PulseAudit.Entry e : w.model().pulseAudit.newest(limit)) {
        items.add(new JsonObject().put("by", UserJson.summary(e.by(), w.model().people)).put("query", e.query())
            .put("at", Instant.ofEpochMilli(e.atMillis()).toString()));
      }
      return new JsonObject().put("items", items);
    });
    rc.json(json);
  }
}
