package no.deling.moderation;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.body;
import static no.deling.core.http.Requests.limit;
import static no.deling.core.http.Requests.offset;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import no.deling.Wiring;
import no.deling.auth.Actor;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.Rejection;
import no.deling.core.http.Problems;
import no.deling.posts.PostDecider;
import no.deling.posts.PostEvent;
import no.deling.visibility.Visibility;

/** Reporting a post, the moderators' queue, and their decision: remove the post, or keep it. */
public final class ModerationRoutes {
  private static final ReportDecider REPORTS = new ReportDecider();
  private static final PostDecider POSTS = new PostDecider();
  private final Wiring w;

  public ModerationRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("reportPost").addHandler(this::report);
    rb.getRoute("listReports").addHandler(this::queue);
    rb.getRoute("moderatePost").addHandler(this::moderate);
    rb.getRoute("getModerationLog").addHandler(this::log);
  }

  private void report(RoutingContext rc) {
    String reporter = actor(rc).id();
    String id = path(rc, "id");
    JsonObject body = body(rc);
    w.inputs().postInAudience(id)
        .map(in -> new ReportDecider.Report(id, reporter, in.post(), in.audience(), body.getString("reason"), body.getString("note"),
            w.clock().instant()))
        .compose(c -> w.commands().execute(ModerationEvent.stream(id), REPORTS, c, CommandMeta.of(reporter)))
        .compose(r -> w.caughtUp(r.position()).map(v -> r))
        .onSuccess(r -> rc.response().setStatusCode(r.events().isEmpty() ? 200 : 201).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("post", id).put("reported", true).put("position", r.position()).encode()))
        .onFailure(e -> Problems.fail(rc, e));
  }

  private void queue(RoutingContext rc) {
    Actor actor = actor(rc);
    int offset = offset(rc);
    int limit = limit(rc);
    respond(rc, 200, Future.succeededFuture(w.queries().moderation().queue(actor.id(), actor.is(Actor.ADMIN), offset, limit)));
  }

  /** What moderators decided, for admins to oversee. */
  private void log(RoutingContext rc) {
    Actor actor = actor(rc);
    if (!actor.is(Actor.ADMIN)) throw new Rejection.Forbidden("the moderation log is for admins");
    String before = no.deling.core.http.Requests.query(rc, "before");
    rc.json(w.queries().moderation().log(actor.id(), before == null ? 0 : Long.parseLong(before), limit(rc)));
  }

  private void moderate(RoutingContext rc) {
    Actor actor = actor(rc);
    String id = path(rc, "id");
    JsonObject body = body(rc);
    String action = body.getString("action");
    Future<Long> done = w.inputs().postInAudience(id).compose(in -> w.inputs().groupState(in.post().group()).compose(group -> {
      boolean maySee = Visibility.maySee(actor.id(), in.post(), in.audience());
      boolean moderates = Moderators.mayModerate(actor.is(Actor.ADMIN), group != null && group.isOwner(actor.id()));
      if ("remove".equals(action)) {
        return w.commands().execute(PostEvent.stream(id), POSTS,
            new PostDecider.RemovePost(id, actor.id(), maySee, moderates, body.getString("reason"), w.clock().instant()),
            CommandMeta.of(actor.id())).map(r -> r.position());
      }
      if (body.getString("reason") != null) {
        return Future.failedFuture(new Rejection.Invalid("reason", "remove-only", "a reason is given when removing a post; keeping it needs none"));
      }
      return w.commands().execute(ModerationEvent.stream(id), REPORTS,
          new ReportDecider.Dismiss(id, actor.id(), in.post(), in.audience(), moderates, w.clock().instant()),
          CommandMeta.of(actor.id())).map(r -> r.position());
    }));
    respond(rc, 200, done.compose(position -> w.caughtUp(position)
        .map(v -> new JsonObject().put("post", id).put("action", action).put("position", position))));
  }
}
