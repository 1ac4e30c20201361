package no.deling.skills;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.body;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.Rejection;
import no.deling.inputs.DeciderInputs;
import no.deling.posts.PostJson;
import no.deling.posts.PostView;
import no.deling.readmodel.ReadModel;
import no.deling.skills.SkillDecider.EndorseSkill;
import no.deling.skills.SkillDecider.ShowSkill;
import no.deling.skills.SkillDecider.WithdrawSkill;
import no.deling.users.UserJson;

/** Endorse a colleague's skill with evidence, withdraw it, list a person's skills, hide one of mine. */
public final class SkillRoutes {
  private static final SkillDecider DECIDER = new SkillDecider();
  private final Wiring w;

  public SkillRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("endorseSkill").addHandler(this::endorse);
    rb.getRoute("withdrawSkillEndorsement").addHandler(this::withdraw);
    rb.getRoute("getSkills").addHandler(this::list);
    rb.getRoute("hideSkill").addHandler(rc -> show(rc, false));
    rb.getRoute("showSkill").addHandler(rc -> show(rc, true));
  }

  private void endorse(RoutingContext rc) {
    String by = actor(rc).id();
    String user = path(rc, "id");
    JsonObject body = body(rc);
    String evidenceId = body.getString("evidence");
    boolean exists = w.model().read(() -> w.model().people.exists(user));
    Future<DeciderInputs.PostInAudience> evidence = evidenceId == null
        ? Future.succeededFuture(new DeciderInputs.PostInAudience(null, null))
        : w.inputs().postInAudience(evidenceId);
    respond(rc, 200, evidence
        .compose(e -> w.commands().execute(SkillEvent.stream(user), DECIDER,
            new EndorseSkill(user, body.getString("topic"), by, exists, evidenceId, e.post(), e.audience(), w.clock().instant()), CommandMeta.of(by)))
        .compose(r -> w.caughtUp(r.position()).map(v -> skills(user, by).put("position", r.position()))));
  }

  private void withdraw(RoutingContext rc) {
    String by = actor(rc).id();
    String user = path(rc, "id");
    respond(rc, 200, w.commands().execute(SkillEvent.stream(user), DECIDER, new WithdrawSkill(user, path(rc, "topic"), by, w.clock().instant()),
            CommandMeta.of(by))
        .compose(r -> w.caughtUp(r.position()).map(v -> skills(user, by).put("position", r.position()))));
  }

  private void show(RoutingContext rc, boolean shown) {
    String me = actor(rc).id();
    respond(rc, 200, w.commands().execute(SkillEvent.stream(me), DECIDER, new ShowSkill(me, path(rc, "topic"), me, shown, w.clock().instant()),
            CommandMeta.of(me))
        .compose(r -> w.caughtUp(r.position()).map(v -> skills(me, me).put("position", r.position()))));
  }

  private void list(RoutingContext rc) {
    String user = path(rc, "id");
    String viewer = actor(rc).id();
    if (!w.model().read(() -> w.model().people.exists(user))) throw new Rejection.NotFound("user " + user + " does not exist");
    rc.json(skills(user, viewer));
  }

  /**
   * The person's skills as {@code viewer} may see them, most endorsed first: an endorsement whose
   * evidence is in a group the viewer may not read is left out entirely; a hidden skill shows only
   * to the person, marked hidden.
   */
  private JsonObject skills(String user, String viewer) {
    ReadModel m = w.model();
    return m.read(() -> {
      List<JsonObject> items = new ArrayList<>();
      for (Map.Entry<String, List<Skills.Endorsement>> topic : m.skills.of(user).entrySet()) {
        boolean hidden = m.skills.hidden(user, topic.getKey());
        if (hidden && !viewer.equals(user)) continue;
        JsonArray endorsers = new JsonArray();
        JsonArray evidence = new JsonArray();
        boolean mine = false;
        for (Skills.Endorsement e : topic.getValue()) {
          PostView post = e.evidence() == 0 ? null : m.posts.get(e.evidence());
          boolean withEvidence = post != null && !post.deleted;
          if (withEvidence && !m.maySee(viewer, post)) continue;
          endorsers.add(UserJson.summary(e.by(), m.people));
          mine |= e.by().equals(viewer);
          if (withEvidence) {
            evidence.add(new JsonObject().put("by", UserJson.summary(e.by(), m.people)).put("at", Instant.ofEpochMilli(e.at()).toString())
                // the words vouched for changed after the endorsement: say so
                .put("editedSinceEndorsed", post.editedAt > e.at())
                .put("post", PostJson.of(post, viewer, m)));
          }
        }
        if (endorsers.isEmpty()) continue;
        JsonObject o = new JsonObject().put("topic", topic.getKey()).put("endorsements", endorsers.size())
            .put("withEvidence", evidence.size()).put("endorsedByMe", mine).put("endorsers", endorsers).put("evidence", evidence);
        if (viewer.equals(user)) o.put("hidden", hidden);
        items.add(o);
      }
      items.sort((a, b) -> a.getInteger("endorsements").equals(b.getInteger("endorsements"))
          ? a.getString("topic").compareTo(b.getString("topic")) : b.getInteger("endorsements") - a.getInteger("endorsements"));
      return new JsonObject().put("user", user).put("items", new JsonArray(new ArrayList<>(items)));
    });
  }
}
