package no.deling.users;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.body;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.CommandResult;

/** One's own photo: an image one uploaded, chosen ({@code PUT /api/me/photo}) or taken away ({@code DELETE}). */
public final class PhotoRoutes {
  private static final PhotoDecider DECIDER = new PhotoDecider();
  private final Wiring w;

  public PhotoRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("setMyPhoto").addHandler(this::set);
    rb.getRoute("removeMyPhoto").addHandler(this::remove);
  }

  private void set(RoutingContext rc) {
    String me = actor(rc).id();
    String file = body(rc).getString("file");
    var info = w.queries().files().info(file);
    answer(rc, me, w.commands().execute(PhotoEvent.stream(me), DECIDER,
        new PhotoDecider.SetPhoto(me, file, info == null ? null : info.by(), info != null && info.image(), w.clock().instant()), CommandMeta.of(me)));
  }

  private void remove(RoutingContext rc) {
    String me = actor(rc).id();
    answer(rc, me, w.commands().execute(PhotoEvent.stream(me), DECIDER, new PhotoDecider.RemovePhoto(me, w.clock().instant()), CommandMeta.of(me)));
  }

  /** {@code {"photo": url or null, "position"}}, once the read side shows it. */
  private void answer(RoutingContext rc, String me, io.vertx.core.Future<? extends CommandResult<String, PhotoEvent>> result) {
    respond(rc, 200, result.compose(r -> w.caughtUp(r.position()).map(v -> new JsonObject()
        .put("photo", r.state() == null ? null : UserJson.photoUrl(r.state())).put("position", r.position()))));
  }
}
