package no.deling.experts;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.limit;
import static no.deling.core.http.Requests.validated;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.ArrayList;
import java.util.List;
import no.deling.Wiring;
import no.deling.core.command.Rejection;
import no.deling.posts.PostText;
import no.deling.users.UserJson;

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
    var m = w.model();
    JsonObject json = m.read(() -> {
      JsonArray items = new JsonArray();
      for (ExpertRanking.Expert e : m.experts.rank(viewer, topics, now, limit)) {
        items.add(new JsonObject().put("user", UserJson.summary(e.user, m.people))
            .put("score", Math.round(e.score * 100) / 100.0)
            .put("reason", e.reason(topics))
            .put("evidence", new JsonObject().put("acceptedAnswers", e.acceptedAnswers).put("answers", e.answers)
                .put("endorsements", e.endorsements).put("skillEndorsements", e.skillEndorsements)
                .put("skillEndorsementsWithoutEvidence", e.skillEndorsementsWithoutEvidence)));
      }
      return new JsonObject().put("topics", new JsonArray(topics)).put("items", items);
    });
    rc.json(json);
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
