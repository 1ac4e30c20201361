package no.deling.saved;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.before;
import static no.deling.core.http.Requests.limit;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.core.http.Problems;

/** Save a post to read later, take it off the list (both idempotent), and read the list. */
public final class SavedRoutes {
  private static final SaveDecider DECIDER = new SaveDecider();
  private final Wiring w;

  public SavedRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("savePost").addHandler(this::save);
    rb.getRoute("unsavePost").addHandler(this::unsave);
    rb.getRoute("getSavedPosts").addHandler(rc -> w.queries().saved().page(actor(rc).id(), before(rc), limit(rc))
        .onSuccess(json -> rc.response().putHeader("Content-Type", "application/json").end(json)).onFailure(e -> Problems.fail(rc, e)));
  }

  private void save(RoutingContext rc) {
    String user = actor(rc).id();
    String postId = path(rc, "id");
    respond(rc, 200, w.inputs().postInAudience(postId).compose(in -> {
      var save = new SaveDecider.Save(user, postId, in.post(), in.audience(), w.clock().instant());
      // a first save starts its stream (one person, one post): no read of a stream that is not there
      return w.commands().executeLikelyNew(SavedEvent.stream(user, postId), DECIDER, save, CommandMeta.of(user));
    }).compose(r -> w.caughtUp(r.position()).map(v -> answer(postId, r.state(), r.position()))));
  }

  /** Needs no look at the post: it may be gone, or in a group one has left, and still be on one's list. */
  private void unsave(RoutingContext rc) {
    String user = actor(rc).id();
    String postId = path(rc, "id");
    var unsave = new SaveDecider.Unsave(user, postId, w.clock().instant());
    respond(rc, 200, w.commands().execute(SavedEvent.stream(user, postId), DECIDER, unsave, CommandMeta.of(user))
        .compose(r -> w.caughtUp(r.position()).map(v -> answer(postId, r.state(), r.position()))));
  }

  private static JsonObject answer(String postId, boolean saved, long position) {
    return new JsonObject().put("post", postId).put("saved", saved).put("position", position);
  }
}
