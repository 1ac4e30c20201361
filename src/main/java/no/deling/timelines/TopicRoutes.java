package no.deling.timelines;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.limit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import no.deling.Wiring;
import no.deling.core.http.Requests;
import no.deling.posts.PostText;

/** {@code GET /api/topics?q=}: topics by prefix, for #topic completion (only topics the asker may see used). */
public final class TopicRoutes {
  private final Wiring w;

  public TopicRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("listTopics").addHandler(this::list);
  }

  private void list(RoutingContext rc) {
    String raw = Requests.query(rc, "q");
    String prefix = raw == null || raw.isBlank() ? "" : PostText.topicParameter("q", raw.startsWith("#") ? raw.substring(1) : raw);
    String viewer = actor(rc).id();
    int limit = limit(rc);
    JsonArray items = new JsonArray();
    for (Timelines.Topic t : w.queries().timelines().topicsStartingWith(prefix, viewer, limit)) {
      items.add(new JsonObject().put("topic", t.name()).put("posts", t.posts()));
    }
    rc.json(new JsonObject().put("items", items));
  }
}
