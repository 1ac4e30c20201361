package no.deling.timelines;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.before;
import static no.deling.core.http.Requests.limit;
import static no.deling.core.http.Requests.path;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import no.deling.Wiring;
import no.deling.core.command.Rejection;
import no.deling.core.http.Problems;
import no.deling.posts.PostText;

/** Home, person and topic timelines: newest first, cursor-paginated with {@code limit} and {@code before}. */
public final class TimelineRoutes {
  private final Wiring w;

  public TimelineRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("getHomeTimeline").addHandler(rc -> send(rc, w.queries().timelines().home(actor(rc).id(), before(rc), limit(rc),
        w.config().announcementMinAudience())));
    rb.getRoute("getUserPosts").addHandler(this::person);
    rb.getRoute("getTopicPosts").addHandler(rc -> {
      String tag = PostText.normaliseTag(path(rc, "tag"));
      if (tag == null) throw new Rejection.Invalid("tag", "hashtag", "a topic is letters, digits and '_', at most 64");
      send(rc, w.queries().timelines().byTopic(tag, actor(rc).id(), before(rc), limit(rc)));
    });
    rb.getRoute("getGroupPosts").addHandler(this::group);
    rb.getRoute("getMyDigest").addHandler(this::digest);
  }

  /** While you were away: since {@code since} (a day ago when left out), at most a month back. */
  private void digest(RoutingContext rc) {
    java.time.Instant now = w.clock().instant();
    String asked = no.deling.core.http.Requests.query(rc, "since");
    java.time.Instant since;
    try {
      since = asked == null ? now.minus(java.time.Duration.ofDays(1)) : java.time.OffsetDateTime.parse(asked).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new Rejection.Invalid("since", "date-time", "since is a date and time with its offset (2026-12-24T08:00:00Z)");
    }
    if (since.isAfter(now)) throw new Rejection.Invalid("since", "past", "since is a moment in the past");
    if (since.isBefore(now.minus(java.time.Duration.ofDays(31)))) since = now.minus(java.time.Duration.ofDays(31));
    var count = no.deling.core.http.Requests.validated(rc).getQuery().get("limit");
    int limit = count == null || count.isNull() ? 5 : count.getInteger();
    send(rc, w.queries().timelines().digest(actor(rc).id(), since, limit));
  }

  /** A group's posts: for everyone when it is open, for its members when it is private. */
  private void group(RoutingContext rc) {
    String group = path(rc, "id");
    String viewer = actor(rc).id();
    switch (w.queries().groups().readAccess(viewer, group)) {
      case UNKNOWN:
        throw new Rejection.NotFound("group " + group + " does not exist");
      case MEMBERS_ONLY:
        throw new Rejection.Forbidden("group " + group + " is private: only its members read its posts");
      default:
        send(rc, w.queries().timelines().byGroup(group, viewer, before(rc), limit(rc)));
    }
  }

  private void person(RoutingContext rc) {
    String user = path(rc, "id");
    if (!w.queries().people().exists(user)) throw new Rejection.NotFound("user " + user + " does not exist");
    send(rc, w.queries().timelines().byAuthor(user, actor(rc).id(), before(rc), limit(rc)));
  }

  private static void send(RoutingContext rc, Future<Buffer> page) {
    page.onSuccess(json -> rc.response().putHeader("Content-Type", "application/json").end(json)).onFailure(e -> Problems.fail(rc, e));
  }
}
