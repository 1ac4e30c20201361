package no.deling.experts;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.limit;
import static no.deling.core.http.Requests.validated;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.ArrayList;
import java.util.List;
import no.deling.Wiring;
import no.deling.core.command.Rejection;
import no.deling.posts.PostText;

/** {@code GET /api/experts?topic=…}: who knows these topics, with the reasons. */
public final class ExpertRoutes {
  private final Wiring w;

  public ExpertRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("findExperts").addHandler(this::find);
  }

  private void find(RoutingContext rc) {
    String viewer = actor(rc).id();
    List<String> topics = topics(rc);
    int limit = limit(rc);
    long now = w.clock().millis();
    // on a worker: ranking a popular topic on a large log scans its evidence for a fifth of a second, which would hold
    // up every connection on the event loop
    w.vertx().<io.vertx.core.json.JsonObject>executeBlocking(() -> w.queries().experts().whoKnows(viewer, topics, now, limit), false)
        .onSuccess(rc::json).onFailure(e -> no.deling.core.http.Problems.fail(rc, e));
  }

  /** One or more {@code topic} parameters, normalised and without repeats. */
  private static List<String> topics(RoutingContext rc) {
    var p = validated(rc).getQuery().get("topic");
    List<String> out = new ArrayList<>();
    JsonArray raw = p == null || p.isNull() ? new JsonArray() : p.getJsonArray();
    for (Object o : raw) {
      String t = PostText.topicParameter("topic", String.valueOf(o));
      if (!out.contains(t)) out.add(t);
    }
    if (out.isEmpty()) throw new Rejection.Invalid("topic", "required", "name at least one topic");
    return out;
  }
}
