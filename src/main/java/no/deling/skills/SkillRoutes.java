package no.deling.skills;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.body;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.Rejection;
import no.deling.inputs.DeciderInputs;
import no.deling.skills.SkillDecider.EndorseSkill;
import no.deling.skills.SkillDecider.ShowSkill;
import no.deling.skills.SkillDecider.WithdrawSkill;

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
    boolean exists = w.queries().people().exists(user);
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
    if (!w.queries().people().exists(user)) throw new Rejection.NotFound("user " + user + " does not exist");
    rc.json(skills(user, viewer));
  }

  private JsonObject skills(String user, String viewer) {
    return w.queries().skills().of(user, viewer);
  }
}
