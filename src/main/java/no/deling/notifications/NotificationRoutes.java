package no.deling.notifications;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.before;
import static no.deling.core.http.Requests.body;
import static no.deling.core.http.Requests.limit;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.Rejection;
import no.deling.notifications.MarkReadDecider.MarkRead;

/** A person's notifications, newest first, paged, with an unread count; and marking them read. */
public final class NotificationRoutes {
  private static final MarkReadDecider DECIDER = new MarkReadDecider();
  private final Wiring w;

  public NotificationRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("getNotifications").addHandler(this::list);
    rb.getRoute("markNotificationsRead").addHandler(this::markRead);
  }

  private void list(RoutingContext rc) {
    String viewer = actor(rc).id();
    long before = before(rc);
    int limit = limit(rc);
    var inbox = w.inbox();
    List<Notification> all = inbox.read(n -> n.snapshot(viewer));
    long readUpTo = inbox.read(n -> n.readUpTo(viewer));
    JsonObject json = w.queries().notifications().page(viewer, all, readUpTo, before, limit);
    rc.json(json);
  }

  private void markRead(RoutingContext rc) {
    String actor = actor(rc).id();
    Object raw = body(rc).getValue("upTo");
    long upTo;
    try {
      upTo = raw instanceof String s ? Long.parseLong(s) : raw instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue() : -1;
    } catch (NumberFormatException e) {
      upTo = -1;
    }
    if (upTo < 0) throw new Rejection.Invalid("upTo", "notification-id", "upTo is a notification id (a whole number >= 0, as a string or a number)");
    long mark = upTo;
    respond(rc, 200, w.commands().execute(NotificationEvent.stream(actor), DECIDER, new MarkRead(actor, mark, w.clock().instant()), CommandMeta.of(actor))
        .compose(r -> w.inbox().awaitPosition(w.vertx(), r.position(), w.config().readYourWritesTimeoutMs()).otherwiseEmpty()
            .map(v -> new JsonObject().put("readUpTo", Long.toString(r.state())).put("position", r.position()))));
  }
}
