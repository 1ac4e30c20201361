package no.deling.users;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.path;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import no.deling.Wiring;
import no.deling.core.command.Rejection;
import no.deling.readmodel.ReadModel;
import no.deling.users.Profiles.Profile;

/** Profiles with their social counts. */
public final class UserRoutes {
  private final Wiring w;

  public UserRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("getMe").addHandler(rc -> profile(rc, actor(rc).id()));
    rb.getRoute("getUser").addHandler(rc -> profile(rc, path(rc, "id")));
  }

  private void profile(RoutingContext rc, String id) {
    ReadModel m = w.model();
    JsonObject json = m.read(() -> {
      Profile p = m.profiles.get(id);
      if (p == null) return null;
      JsonObject o = new JsonObject().put("id", p.id()).put("name", p.displayName());
      if (p.department() != null) o.put("department", p.department());
      if (p.location() != null) o.put("location", p.location());
      if (p.title() != null) o.put("title", p.title());
      return o.put("followers", m.follows.followersOf(id).size())
          .put("following", m.follows.followedBy(id).size())
          .put("topics", m.follows.topicsFollowedBy(id).size())
          .put("posts", m.timelines.authoredCount(id));
    });
    if (json == null) throw new Rejection.NotFound("user " + id + " does not exist");
    rc.json(json);
  }
}
