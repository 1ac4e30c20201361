package no.deling.email;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.body;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.users.Person;

/** A person's choice about email for unread notifications, and where it would go. */
public final class EmailRoutes {
  private static final EmailDecider DECIDER = new EmailDecider();
  private final Wiring w;

  public EmailRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("getEmailChoice").addHandler(this::get);
    rb.getRoute("setEmailChoice").addHandler(this::set);
  }

  private void get(RoutingContext rc) {
    String me = actor(rc).id();
    respond(rc, 200, w.commands().load(EmailEvent.stream(me), DECIDER).map(state -> json(me, state)));
  }

  private void set(RoutingContext rc) {
    String me = actor(rc).id();
    boolean on = body(rc).getBoolean("unreadNotifications");
    Integer after = body(rc).getInteger("afterMinutes");
    respond(rc, 200, w.commands().execute(EmailEvent.stream(me), DECIDER, new EmailDecider.Choose(me, on, after, w.clock().instant()), CommandMeta.of(me))
        .map(r -> json(me, r.state()).put("position", r.position())));
  }

  /** {@code available}: a mail server is configured; {@code sent}: an email would go out now (that, an address, and on). */
  private JsonObject json(String me, EmailDecider.EmailState state) {
    Person p = w.queries().people().person(me);
    String address = p == null ? null : p.emailAddress();
    var mail = w.config().mail();
    boolean on = state.unreadNotifications();
    return new JsonObject().put("unreadNotifications", on).put("address", address)
        .put("afterMinutes", state.afterMinutesOr(mail.afterMinutes())).put("chosen", state.afterMinutes() != null)
        .put("available", mail.enabled()).put("sent", mail.enabled() && address != null && on);
  }
}
