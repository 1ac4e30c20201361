package no.deling.follows;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.TreeSet;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.Rejection;
import no.deling.follows.FollowDecider.FollowCommand;
import no.deling.follows.FollowDecider.FollowTopic;
import no.deling.follows.FollowDecider.FollowUser;
import no.deling.follows.FollowDecider.UnfollowTopic;
import no.deling.follows.FollowDecider.UnfollowUser;
import no.deling.posts.PostText;
import no.deling.users.UserJson;

/** Follow and unfollow people and topics, keep groups off one's home; list who I follow and who follows someone. */
public final class FollowRoutes {
  private static final FollowDecider DECIDER = new FollowDecider();
  private final Wiring w;

  public FollowRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("followUser").addHandler(rc -> change(rc, true, new FollowUser(actor(rc).id(), path(rc, "id"),
        w.queries().people().exists(path(rc, "id")), w.clock().instant())));
    rb.getRoute("unfollowUser").addHandler(rc -> change(rc, false, new UnfollowUser(actor(rc).id(), path(rc, "id"), w.clock().instant())));
    rb.getRoute("followTopic").addHandler(rc -> change(rc, true, new FollowTopic(actor(rc).id(), tag(rc), w.clock().instant())));
    rb.getRoute("unfollowTopic").addHandler(rc -> change(rc, false, new UnfollowTopic(actor(rc).id(), tag(rc), w.clock().instant())));
    rb.getRoute("muteGroup").addHandler(rc -> mute(rc, true));
    rb.getRoute("unmuteGroup").addHandler(rc -> mute(rc, false));
    rb.getRoute("getFollowing").addHandler(this::following);
    // a few thousand posts looked at under the read lock: on a worker, off the event loop
    rb.getRoute("whoToFollow").addHandler(rc -> {
      String viewer = actor(rc).id();
      int limit = no.deling.core.http.Requests.limit(rc);
      respond(rc, 200, w.vertx().executeBlocking(() -> w.queries().follows().suggestionsFor(viewer, w.clock().millis(), limit), false));
    });
    rb.getRoute("getFollowers").addHandler(this::followers);
  }

  private static String tag(RoutingContext rc) {
    String tag = PostText.normaliseTag(path(rc, "tag"));
    if (tag == null) throw new Rejection.Invalid("tag", "hashtag", "a topic is letters, digits and '_', at most 64");
    return tag;
  }

  private void change(RoutingContext rc, boolean following, FollowCommand command) {
    String actor = actor(rc).id();
    respond(rc, 200, w.commands().execute(FollowEvent.stream(actor), DECIDER, command, CommandMeta.of(actor))
        .compose(r -> w.caughtUp(r.position()).map(v -> new JsonObject().put("following", following).put("position", r.position()))));
  }

  /** A member keeps the group's posts off their home, or has them back; a private group is named to its members only. */
  private void mute(RoutingContext rc, boolean muted) {
    String actor = actor(rc).id();
    String group = path(rc, "id");
    Future<FollowCommand> command = muted
        ? w.inputs().group(group).map(facts -> new FollowDecider.MuteGroup(actor, group, facts, w.clock().instant()))
        : Future.succeededFuture(new FollowDecider.UnmuteGroup(actor, group, w.clock().instant()));
    respond(rc, 200, command.compose(c -> w.commands().execute(FollowEvent.stream(actor), DECIDER, c, CommandMeta.of(actor)))
        .compose(r -> w.caughtUp(r.position()).map(v -> new JsonObject().put("group", group).put("mutedOnHome", muted).put("position", r.position()))));
  }

  private void following(RoutingContext rc) {
    String actor = actor(rc).id();
    respond(rc, 200, Future.succeededFuture(w.queries().follows().followedBy(actor)));
  }

  private void followers(RoutingContext rc) {
    String user = path(rc, "id");
    int limit = no.deling.core.http.Requests.limit(rc);
    var afterParam = no.deling.core.http.Requests.validated(rc).getQuery().get("after");
    String after = afterParam == null || afterParam.isNull() ? null : afterParam.getString();
    JsonObject json = w.queries().follows().followersOf(user, after, limit);
    if (json == null) throw new Rejection.NotFound("user " + user + " does not exist");
    rc.json(json);
  }
}
