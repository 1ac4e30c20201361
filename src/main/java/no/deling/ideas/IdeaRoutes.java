package no.deling.ideas;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.body;
import static no.deling.core.http.Requests.limit;
import static no.deling.core.http.Requests.offset;
import static no.deling.core.http.Requests.query;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import no.deling.Wiring;
import no.deling.auth.Actor;
import no.deling.core.command.CommandMeta;
import no.deling.core.ids.PostIds;
import no.deling.posts.PostJson;
import no.deling.posts.PostText;
import no.deling.posts.PostView;
import no.deling.readmodel.ReadModel;
import no.deling.users.UserJson;

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

  private record Ranked(PostView idea, double rising) {}

  private void board(RoutingContext rc) {
    String viewer = actor(rc).id();
    String topic = PostText.topicParameter("topic", query(rc, "topic"));
    String group = query(rc, "group");
    String status = query(rc, "status");
    boolean newest = "newest".equals(query(rc, "sort"));
    int offset = offset(rc);
    int limit = limit(rc);
    long now = w.clock().millis();
    ReadModel m = w.model();
    JsonObject json = m.read(() -> {
      List<Ranked> found = new ArrayList<>();
      m.ideas.newestFirst(id -> {
        PostView p = m.posts.get(id);
        if (!m.maySee(viewer, p) || (topic != null && !p.hasTag(topic)) || (group != null && !group.equals(p.group))) return;
        if (status != null && !status.equals(m.ideas.status(id))) return;
        found.add(new Ranked(p, Ideas.rising(m.endorsements.times(id), now)));
      });
      if (!newest) found.sort(Comparator.comparingDouble((Ranked r) -> -r.rising()).thenComparing(r -> -r.idea().id));
      JsonArray items = new JsonArray();
      for (int i = offset; i < Math.min(found.size(), offset + limit); i++) items.add(idea(found.get(i).idea(), found.get(i).rising(), viewer, m));
      return new JsonObject().put("items", items).put("next", found.size() > offset + limit ? Integer.toString(offset + limit) : null);
    });
    rc.json(json);
  }

  /** Under the read lock. */
  private static JsonObject idea(PostView p, double rising, String viewer, ReadModel m) {
    Ideas.Decision d = m.ideas.decision(p.id);
    JsonObject o = new JsonObject().put("idea", PostJson.of(p, viewer, m)).put("status", d == null ? "new" : d.status())
        .put("rising", Math.round(rising * 1000) / 1000.0);
    if (d != null) {
      o.put("note", d.note()).put("decidedBy", UserJson.summary(d.by(), m.people)).put("decidedAt", Instant.ofEpochMilli(d.atMillis()).toString());
    }
    return o;
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
          long postId = PostIds.parse(id);
          ReadModel m = w.model();
          return m.read(() -> idea(m.posts.get(postId), Ideas.rising(m.endorsements.times(postId), w.clock().millis()), actor.id(), m))
              .put("position", r.position());
        })));
  }

}
