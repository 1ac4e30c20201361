package no.deling.users;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.limit;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.validated;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import no.deling.Wiring;
import no.deling.auth.Actor;
import no.deling.core.command.Rejection;

/** Profiles with their social counts, and people search for @mention autocomplete. */
public final class UserRoutes {
  private final Wiring w;

  public UserRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("getMe").addHandler(this::me);
    rb.getRoute("getUser").addHandler(rc -> rc.json(profile(path(rc, "id"), actor(rc).id())));
    rb.getRoute("searchPeople").addHandler(this::search);
  }

  private void me(RoutingContext rc) {
    Actor me = actor(rc);
    rc.json(profile(me.id(), me.id()).put("roles", new JsonArray(me.roles().stream().sorted().toList())));
  }

  /** @param viewer who asks: the post count includes only posts they may see */
  private JsonObject profile(String id, String viewer) {
    JsonObject json = w.queries().people().profile(id, viewer);
    if (json == null) throw new Rejection.NotFound("user " + id + " does not exist");
    // the topics they answer for: whom to ask about what is part of who someone is here
    return json.put("looksAfter", w.queries().topics().ownedBy(id));
  }

  /** {@code GET /api/people?q=…&limit=…}: active people whose words start with every word of q; see {@link PeopleSearch}. */
  private void search(RoutingContext rc) {
    String q = validated(rc).getQuery().get("q").getString();
    int limit = limit(rc);
    rc.json(new JsonObject().put("items", w.queries().people().matching(q, limit)));
  }
}
