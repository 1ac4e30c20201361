package no.deling.ideas;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.body;
import static no.deling.core.http.Requests.limit;
import static no.deling.core.http.Requests.offset;
import static no.deling.core.http.Requests.query;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import no.deling.Wiring;
import no.deling.auth.Actor;
import no.deling.core.command.CommandMeta;
import no.deling.core.ids.PostIds;
import no.deling.posts.PostText;

/** The ideas board (rising or newest, per topic and group) and setting an idea's status. */
public final class IdeaRoutes {
  private static final IdeaDecider DECIDER = new IdeaDecider();
  private final Wiring w;

  public IdeaRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("listIdeas").addHandler(this::board);
    rb.getRoute("setIdeaStatus").addHandler(this::setStatus);
  }

  private void board(RoutingContext rc) {
    String viewer = actor(rc).id();
    String topic = PostText.topicParameter("topic", query(rc, "topic"));
    String group = query(rc, "group");
    String status = query(rc, "status");
    boolean newest = "newest".equals(query(rc, "sort"));
    int offset = offset(rc);
    int limit = limit(rc);
    IdeaQueries.Board board = new IdeaQueries.Board(topic, group, status, newest, offset, limit);
    long now = w.clock().millis();
    // on a worker: the first read after a start (or after many endorsements at once) ranks every idea, a tenth of a
    // second on a large log, which would hold up the event loop
    w.vertx().<JsonObject>executeBlocking(() -> w.queries().ideas().board(viewer, board, now), false)
        .onSuccess(rc::json).onFailure(e -> no.deling.core.http.Problems.fail(rc, e));
  }

  private void setStatus(RoutingContext rc) {
    Actor actor = actor(rc);
    String id = path(rc, "id");
    JsonObject body = body(rc);
    var inputs = w.inputs();
    respond(rc, 200, inputs.postInAudience(id)
        .compose(in -> inputs.groupState(in.post().group()).map(g -> new IdeaDecider.SetStatus(id, actor.id(), in.post(), in.audience(),
            actor.is(Actor.LEADER), g != null && g.isOwner(actor.id()), body.getString("status"), body.getString("note"), w.clock().instant())))
        .compose(c -> w.commands().execute(IdeaEvent.stream(id), DECIDER, c, CommandMeta.of(actor.id())))
        .compose(r -> w.caughtUp(r.position()).map(v -> {
          JsonObject idea = w.queries().ideas().ideaSeenBy(actor.id(), PostIds.parse(id), w.clock().millis());
          return (idea == null ? new JsonObject() : idea).put("position", r.position());
        })));
  }

}
