package no.deling.integrations;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.body;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.security.SecureRandom;
import java.util.Base64;
import no.deling.Wiring;
import no.deling.auth.RateLimits;
import no.deling.core.command.CommandMeta;
import no.deling.core.http.Problems;
import no.deling.core.ids.PostIds;
import no.deling.integrations.IntegrationDecider.CreateIntegration;
import no.deling.integrations.IntegrationDecider.RevokeIntegration;
import no.deling.integrations.IntegrationDecider.RotateSecret;
import no.deling.integrations.Integrations.Integration;
import no.deling.posts.PostRoutes;

/**
 * A group's owners connect project tools that post into the group, list and revoke them; the tools
 * post through {@code /hooks/{integrationId}} with their secret instead of a person's token.
 */
public final class IntegrationRoutes {
  private static final IntegrationDecider DECIDER = new IntegrationDecider();
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Wiring w;
  private final PostRoutes posts;

  public IntegrationRoutes(Wiring wiring, PostRoutes posts) {
    this.w = wiring;
    this.posts = posts;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("createIntegration").addHandler(this::create);
    rb.getRoute("listIntegrations").addHandler(this::list);
    rb.getRoute("revokeIntegration").addHandler(this::revoke);
    rb.getRoute("rotateIntegrationSecret").addHandler(this::rotate);
    rb.getRoute("postAsIntegration").addHandler(rc -> post(rc, no.deling.auth.AuthenticationHandler.bearer(rc.request().getHeader("Authorization"))));
    rb.getRoute("postAsIntegrationByUrl").addHandler(rc -> post(rc, path(rc, "secret")));
  }

  private void create(RoutingContext rc) {
    String actor = actor(rc).id();
    String group = path(rc, "id");
    String id = PostIds.format(w.ids().next(w.clock().millis()));
    String secret = newSecret();
    int live = w.queries().integrations().liveIn(group);
    respond(rc, 201, w.inputs().groupState(group)
        .compose(g -> w.commands().executeOnNewStream(IntegrationEvent.stream(id), DECIDER,
            new CreateIntegration(id, group, body(rc).getString("name"), Integrations.sha256(secret), actor, g, live, w.clock().instant()),
            CommandMeta.of(actor)))
        .compose(r -> w.caughtUp(r.position()).map(v -> withSecret(rc, one(id), id, secret).put("position", r.position()))));
  }

  private void list(RoutingContext rc) {
    String actor = actor(rc).id();
    String group = path(rc, "id");
    respond(rc, 200, w.inputs().groupState(group).map(g -> {
      IntegrationDecider.requireOwner(actor, group, g);
      return new JsonObject().put("items", w.queries().integrations().ofGroup(group));
    }));
  }

  private void revoke(RoutingContext rc) {
    String actor = actor(rc).id();
    String group = path(rc, "id");
    String id = path(rc, "integrationId");
    respond(rc, 200, w.inputs().groupState(group)
        .compose(g -> w.commands().execute(IntegrationEvent.stream(id), DECIDER, new RevokeIntegration(id, group, actor, g, w.clock().instant()),
            CommandMeta.of(actor)))
        .compose(r -> w.caughtUp(r.position()).map(v -> one(id))));
  }

  /** A new secret, shown this once; the old one opens nothing from the moment it is stored. */
  private void rotate(RoutingContext rc) {
    String actor = actor(rc).id();
    String group = path(rc, "id");
    String id = path(rc, "integrationId");
    String secret = newSecret();
    respond(rc, 200, w.inputs().groupState(group)
        .compose(g -> w.commands().execute(IntegrationEvent.stream(id), DECIDER,
            new RotateSecret(id, group, Integrations.sha256(secret), actor, g, w.clock().instant()), CommandMeta.of(actor)))
        .compose(r -> w.caughtUp(r.position()).map(v -> withSecret(rc, one(id), id, secret).put("position", r.position()))));
  }

  /** What a tool is given, once: the secret, and the URL with the secret in it for tools that take only a URL. */
  private static JsonObject withSecret(RoutingContext rc, JsonObject integration, String id, String secret) {
    return integration.put("secret", secret).put("url", base(rc) + "/hooks/" + id + "/" + secret);
  }

  /** The tool posts: its secret, not a person's token, says who it is; its post goes to its own group. */
  private void post(RoutingContext rc, String secret) {
    String id = path(rc, "integrationId");
    HookTraffic traffic = w.queries().integrations().traffic();
    Integration i = w.queries().integrations().verified(id, secret);
    if (i == null) {
      traffic.unauthorized();
      Problems.unauthorized(rc);
      return;
    }
    if (RateLimits.refused(rc, w.limits().writes().take(i.author(), System.nanoTime()), "writes", "posts by one integration")) {
      traffic.limited();
      return;
    }
    rc.addBodyEndHandler(v -> {
      if (rc.response().getStatusCode() == 201) traffic.accepted();
    });
    JsonObject body = new JsonObject().put("text", HookPayload.text(body(rc))).put("group", i.groupId());
    posts.publishFor(rc, i.author(), body, facts -> facts == null ? null : facts.withMember(i.author()));
  }

  /** As the read side has it; a write that timed out waiting for it (it is durable) answers what is known. */
  private JsonObject one(String id) {
    JsonObject o = w.queries().integrations().one(id);
    return o == null ? new JsonObject().put("id", id) : o;
  }

  /** 256 random bits, URL-safe; the prefix lets secret scanners recognise a leaked one. */
  private static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "dlg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String base(RoutingContext rc) {
    var authority = rc.request().authority();
    return rc.request().scheme() + "://" + (authority == null ? "localhost" : authority);
  }
}
