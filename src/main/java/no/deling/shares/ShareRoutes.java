package no.deling.shares;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.Rejection;
import no.deling.core.ids.PostIds;
import no.deling.posts.PostDecider;
import no.deling.shares.ShareDecider.Share;
import no.deling.shares.ShareDecider.Unshare;

/** Share a post with one's followers, and take the share back; both idempotent. */
public final class ShareRoutes {
  private static final ShareDecider DECIDER = new ShareDecider();
  private final Wiring w;

  public ShareRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("sharePost").addHandler(rc -> change(rc, true));
    rb.getRoute("unsharePost").addHandler(rc -> change(rc, false));
  }

  private void change(RoutingContext rc, boolean share) {
    String actor = actor(rc).id();
    String postId = path(rc, "id");
    respond(rc, 200, w.inputs().postInAudience(postId)
        .compose(in -> {
          if (in.post().status() == PostDecider.Status.NONE) throw new Rejection.NotFound("post " + postId + " does not exist");
          ShareDecider.ShareCommand command = share
              ? new Share(postId, actor, in.post(), in.audience(), PostIds.format(w.ids().next(w.clock().millis())), w.clock().instant())
              : new Unshare(postId, actor, in.post(), w.clock().instant());
          // a first share starts its stream (one post, one person): no read of a stream that is not there
          return share
              ? w.commands().executeLikelyNew(ShareEvent.stream(postId, actor), DECIDER, command, CommandMeta.of(actor))
              : w.commands().execute(ShareEvent.stream(postId, actor), DECIDER, command, CommandMeta.of(actor));
        })
        .compose(r -> w.caughtUp(r.position()).map(v -> {
          long id = PostIds.parse(postId);
          int count = w.queries().posts().shares(id);
          return new JsonObject().put("shared", r.state() != null).put("shares", count).put("position", r.position());
        })));
  }
}
