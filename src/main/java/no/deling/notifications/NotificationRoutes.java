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
  private static final ThreadSubscriptionDecider SUBSCRIPTIONS = new ThreadSubscriptionDecider();
  private final Wiring w;

  public NotificationRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("getNotifications").addHandler(this::list);
    rb.getRoute("markNotificationsRead").addHandler(this::markRead);
    rb.getRoute("getThreadSubscription").addHandler(this::subscription);
    rb.getRoute("setThreadSubscription").addHandler(this::subscribe);
  }

  private void subscription(RoutingContext rc) {
    String viewer = actor(rc).id();
    String id = no.deling.core.http.Requests.path(rc, "id");
    JsonObject state = w.queries().notifications().subscription(viewer, no.deling.core.ids.PostIds.parse(id));
    if (state == null) throw new Rejection.NotFound("post " + id + " does not exist");
    rc.json(state);
  }

  /** Follow a conversation, or mute it: a choice that stands whatever one writes in it later. */
  private void subscribe(RoutingContext rc) {
    String user = actor(rc).id();
    String id = no.deling.core.http.Requests.path(rc, "id");
    boolean subscribed = body(rc).getBoolean("subscribed");
    respond(rc, 200, w.inputs().postInAudience(id).compose(in -> {
      var choose = new ThreadSubscriptionDecider.Choose(user, id, in.post(), in.audience(), subscribed, w.clock().instant());
      // a post the person may not see names no conversation, so no stream to read
      if (!no.deling.visibility.Visibility.maySee(user, in.post(), in.audience())) {
        return io.vertx.core.Future.<JsonObject>failedFuture(new Rejection.NotFound("post " + id + " does not exist"));
      }
      String thread = in.post().threadRoot();
      return w.commands().execute(NotificationEvent.subscriptionStream(thread, user), SUBSCRIPTIONS, choose, CommandMeta.of(user))
          .compose(r -> w.caughtUp(r.position()).map(v -> new JsonObject().put("thread", thread).put("subscribed", subscribed).put("position", r.position())));
    }));
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
