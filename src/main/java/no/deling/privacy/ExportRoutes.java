package no.deling.privacy;

import static no.deling.core.http.Requests.actor;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.deling.Wiring;
import no.deling.core.eventstore.EventStore;
import no.deling.core.http.Problems;

/** {@code GET /api/me/export}: everything Deling holds about me, as one JSON document. */
public final class ExportRoutes {
  private final Wiring w;
  private final EventStore store;
  /** An export reads the whole log: one at a time per person. Shared by every event loop. */
  private static final Set<String> RUNNING = ConcurrentHashMap.newKeySet();

  public ExportRoutes(Wiring wiring, EventStore store) {
    this.w = wiring;
    this.store = store;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("exportMyData").addHandler(this::export);
  }

  private void export(RoutingContext rc) {
    String me = actor(rc).id();
    if (!RUNNING.add(me)) {
      rc.response().putHeader("Retry-After", "5");
      Problems.send(rc, 429, "rate-limited", "Too many requests", "your export is already being made", List.of());
      return;
    }
    PersonalDataExport.of(store, me).onComplete(r -> {
      RUNNING.remove(me);
      if (r.failed()) {
        Problems.fail(rc, r.cause());
        return;
      }
      JsonObject profile = w.queries().people().ownProfile(me);
      JsonObject doc = r.result().put("profile", profile);
      rc.response().putHeader("Content-Type", "application/json")
          .putHeader("Content-Disposition", "attachment; filename=\"deling-" + me + ".json\"").end(doc.encode());
    });
  }
}
