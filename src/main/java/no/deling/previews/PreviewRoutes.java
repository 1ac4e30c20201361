package no.deling.previews;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.ArrayList;
import java.util.List;
import no.deling.Wiring;
import no.deling.core.command.Rejection;
import no.deling.core.ids.PostIds;

/** {@code GET /api/posts/{id}/link-previews}: what the pages a post links to say of themselves, to whoever may read the post. */
public final class PreviewRoutes {
  private final Wiring w;
  /** Null with previews off. */
  private final LinkPreviews previews;

  public PreviewRoutes(Wiring wiring, LinkPreviews previews) {
    this.w = wiring;
    this.previews = previews;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("getLinkPreviews").addHandler(this::get);
  }

  private void get(RoutingContext rc) {
    long id = PostIds.parse(path(rc, "id"));
    // the one visibility rule, as for the post itself: 404 to whoever may not read it
    JsonObject post = w.queries().posts().seenBy(actor(rc).id(), id);
    if (post == null) throw new Rejection.NotFound("post " + PostIds.format(id) + " does not exist");
    List<String> links = new ArrayList<>();
    JsonArray raw = post.getJsonArray("links", new JsonArray());
    for (Object o : raw) links.add((String) o);
    Future<List<LinkPreview>> found = previews == null || links.isEmpty() ? Future.succeededFuture(List.of()) : previews.of(links);
    respond(rc, 200, found.map(list -> {
      JsonArray items = new JsonArray();
      for (LinkPreview p : list) items.add(p.toJson());
      return new JsonObject().put("post", PostIds.format(id)).put("items", items);
    }));
  }
}
