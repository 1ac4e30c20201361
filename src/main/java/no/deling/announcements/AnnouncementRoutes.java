package no.deling.announcements;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.before;
import static no.deling.core.http.Requests.body;
import static no.deling.core.http.Requests.limit;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import no.deling.Wiring;
import no.deling.announcements.AcknowledgementDecider.Acknowledge;
import no.deling.announcements.AnnouncementDecider.Publish;
import no.deling.announcements.AnnouncementDecider.Withdraw;
import no.deling.auth.Actor;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.Rejection;
import no.deling.core.http.Problems;
import no.deling.core.ids.PostIds;

/** Publish, read, acknowledge and withdraw announcements. */
public final class AnnouncementRoutes {
  private static final AnnouncementDecider ANNOUNCEMENTS = new AnnouncementDecider();
  private static final AcknowledgementDecider ACKNOWLEDGEMENTS = new AcknowledgementDecider();
  private final Wiring w;

  public AnnouncementRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("createAnnouncement").addHandler(this::create);
    rb.getRoute("listAnnouncements").addHandler(this::list);
    rb.getRoute("getAnnouncement").addHandler(rc -> respond(rc, 200, Future.succeededFuture(view(PostIds.parse(path(rc, "id")), actor(rc).id()))));
    rb.getRoute("acknowledgeAnnouncement").addHandler(this::acknowledge);
    rb.getRoute("withdrawAnnouncement").addHandler(this::withdraw);
  }

  private void create(RoutingContext rc) {
    Actor author = actor(rc);
    JsonObject body = body(rc);
    JsonObject a = body.getJsonObject("audience");
    // as asked, fields of another kind included: the decider refuses what does not fit the kind
    Audience audience = new Audience(a.getString("kind"), a.getString("department"), a.getString("group"));
    // a group's audience holds its owner at least, and the decider reads the group from its own stream
    int size = audience.forGroup() ? 1 : w.queries().announcements().audienceSize(audience);
    String id = PostIds.format(w.ids().next(w.clock().millis()));
    w.inputs().groupState(audience.forGroup() ? audience.group() : null)
        .map(group -> new Publish(id, author.id(), author.roles(), body.getString("text"), audience, size, group, w.clock().instant()))
        .compose(command -> w.commands().executeOnNewStream(AnnouncementEvent.stream(id), ANNOUNCEMENTS, command, CommandMeta.of(author.id())))
        .compose(r -> w.caughtUp(r.position()))
        .map(v -> view(PostIds.parse(id), author.id()))
        .onSuccess(json -> rc.response().setStatusCode(201).putHeader("Location", "/api/announcements/" + id)
            .putHeader("Content-Type", "application/json").end(json.encode()))
        .onFailure(e -> Problems.fail(rc, e));
  }

  /** One announcement as this viewer may see it; NotFound when it does not exist for them. */
  private JsonObject view(long id, String viewer) {
    JsonObject json = w.queries().announcements().seenBy(viewer, id, w.config().announcementMinAudience());
    if (json == null) throw new Rejection.NotFound("announcement " + PostIds.format(id) + " does not exist");
    return json;
  }

  private void list(RoutingContext rc) {
    String viewer = actor(rc).id();
    rc.json(w.queries().announcements().readableBy(viewer, before(rc), limit(rc), w.config().announcementMinAudience()));
  }

  private void acknowledge(RoutingContext rc) {
    String user = actor(rc).id();
    String id = path(rc, "id");
    long key = PostIds.parse(id);
    respond(rc, 200, w.commands().load(AnnouncementEvent.stream(id), ANNOUNCEMENTS).compose(announcement -> {
      boolean inAudience = w.queries().announcements().isAddressedTo(key, user, announcement.published());
      var command = new Acknowledge(id, user, announcement, inAudience, w.clock().instant());
      return w.commands().execute(AnnouncementEvent.acknowledgementStream(id, user), ACKNOWLEDGEMENTS, command, CommandMeta.of(user));
    }).compose(r -> w.caughtUp(r.position()).map(v -> new JsonObject().put("acknowledged", true).put("position", r.position()))));
  }

  private void withdraw(RoutingContext rc) {
    String user = actor(rc).id();
    String id = path(rc, "id");
    w.commands().execute(AnnouncementEvent.stream(id), ANNOUNCEMENTS, new Withdraw(id, user, w.clock().instant()), CommandMeta.of(user))
        .compose(r -> w.caughtUp(r.position()))
        .onSuccess(v -> rc.response().setStatusCode(204).end())
        .onFailure(e -> Problems.fail(rc, e));
  }
}
