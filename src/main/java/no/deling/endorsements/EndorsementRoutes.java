package no.deling.endorsements;

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
import no.deling.endorsements.EndorsementDecider.Endorse;
import no.deling.endorsements.EndorsementDecider.Withdraw;
import no.deling.posts.PostDecider;
import no.deling.posts.PostEvent;

/** Endorse a post and withdraw the endorsement; both idempotent. */
public final class EndorsementRoutes {
  private static final EndorsementDecider DECIDER = new EndorsementDecider();
  private final Wiring w;

  public EndorsementRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("endorsePost").addHandler(rc -> change(rc, true));
    rb.getRoute("withdrawEndorsement").addHandler(rc -> change(rc, false));
  }

  private void change(RoutingContext rc, boolean endorse) {
    String actor = actor(rc).id();
    String postId = path(rc, "id");
    respond(rc, 200, w.inputs().postInAudience(postId)
        .compose(in -> {
          var post = in.post();
          if (post.status() == PostDecider.Status.NONE) throw new Rejection.NotFound("post " + postId + " does not exist");
          var command = endorse
              ? new Endorse(postId, actor, post, in.audience(), w.clock().instant())
              : new Withdraw(postId, actor, post, w.clock().instant());
          // a first endorse starts its stream (one post, one person): no read of a stream that is not there
          return endorse
              ? w.commands().executeLikelyNew(EndorsementEvent.stream(postId, actor), DECIDER, command, CommandMeta.of(actor))
              : w.commands().execute(EndorsementEvent.stream(postId, actor), DECIDER, command, CommandMeta.of(actor));
        })
        .compose(r -> w.caughtUp(r.position()).map(v -> {
          long id = PostIds.parse(postId);
          int count = w.queries().posts().endorsements(id);
          return new JsonObject().put("endorsed", r.state()).put("endorsements", count).put("position", r.position());
        })));
  }
}
