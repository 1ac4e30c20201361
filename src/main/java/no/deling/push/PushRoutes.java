package no.deling.push;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.body;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.net.URI;
import java.util.Base64;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.core.http.Problems;

/** A person's devices that are notified as notifications come: list, add (the browser's PushSubscription), remove. */
public final class PushRoutes {
  private static final PushDecider DECIDER = new PushDecider();
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
  private final Wiring w;

  public PushRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("listPushDevices").addHandler(this::list);
    rb.getRoute("addPushDevice").addHandler(this::add);
    rb.getRoute("removePushDevice").addHandler(this::remove);
    rb.getRoute("setPushChoice").addHandler(this::choose);
  }

  private boolean available() {
    return w.config().push().enabled() && w.pushKeys() != null;
  }

  private void list(RoutingContext rc) {
    String me = actor(rc).id();
    respond(rc, 200, w.commands().load(PushEvent.stream(me), DECIDER).map(this::json));
  }

  private JsonObject json(PushDecider.PushState state) {
    JsonArray items = new JsonArray();
    state.devices().values().forEach(d -> items.add(json(d)));
    return new JsonObject().put("available", available()).put("publicKey", available() ? w.pushKeys().publicBase64() : null)
        .put("only", state.onlyWaiting() ? "waiting" : "all").put("items", items);
  }

  private void choose(RoutingContext rc) {
    String me = actor(rc).id();
    var command = new PushDecider.Choose(me, body(rc).getString("only"), w.clock().instant());
    respond(rc, 200, w.commands().execute(PushEvent.stream(me), DECIDER, command, CommandMeta.of(me))
        .map(r -> json(r.state()).put("position", r.position())));
  }

  private void add(RoutingContext rc) {
    String me = actor(rc).id();
    if (!available()) {
      Problems.invalid(rc, "endpoint", "pushAvailable", "this server does not push notifications (DELING_PUSH, or no key pair: see the README)");
      return;
    }
    JsonObject b = body(rc);
    String endpoint = b.getString("endpoint");
    if (!w.config().push().services().allows(endpoint)) {
      Problems.invalid(rc, "endpoint", "pushService", "endpoint must be an https address at a push service this server allows: "
          + String.join(", ", w.config().push().services().origins()));
      return;
    }
    JsonObject keys = b.getJsonObject("keys");
    String label = b.getString("label");
    if (label != null && !no.deling.core.text.Printable.isPrintable(label)) {
      Problems.invalid(rc, "label", "printable", "label may not hold control or bidirectional-override characters");
      return;
    }
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String device = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    var command = new PushDecider.Subscribe(me, device, endpoint, keys.getString("p256dh"), keys.getString("auth"),
        label == null || label.isBlank() ? null : label.strip(), b.getString("language"), w.clock().instant());
    w.commands().execute(PushEvent.stream(me), DECIDER, command, CommandMeta.of(me)).onComplete(r -> {
      if (r.failed()) {
        Problems.fail(rc, r.cause());
        return;
      }
      PushDecider.Device d = r.result().state().atEndpoint(endpoint);
      boolean created = !r.result().events().isEmpty();
      JsonObject out = json(d);
      if (created) out.put("position", r.result().position());
      rc.response().setStatusCode(created ? 201 : 200).putHeader("Content-Type", "application/json").end(out.encode());
    });
  }

  private void remove(RoutingContext rc) {
    String me = actor(rc).id();
    w.commands().execute(PushEvent.stream(me), DECIDER, new PushDecider.Remove(me, path(rc, "id"), w.clock().instant()), CommandMeta.of(me))
        .onSuccess(r -> rc.response().setStatusCode(204).end())
        .onFailure(e -> Problems.fail(rc, e));
  }

  /** A device as its person sees it: never its endpoint or keys, which reach it. */
  static JsonObject json(PushDecider.Device d) {
    return new JsonObject().put("id", d.id()).put("label", d.label()).put("language", d.language()).put("service", URI.create(d.endpoint()).getHost())
        .put("addedAt", d.addedAt().toString());
  }
}
