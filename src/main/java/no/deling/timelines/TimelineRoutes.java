package no.deling.timelines;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.before;
import static no.deling.core.http.Requests.limit;
import static no.deling.core.http.Requests.path;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.Function;
import io.vertx.core.json.JsonArray;
import no.deling.announcements.AnnouncementJson;
import no.deling.Wiring;
import no.deling.core.command.Rejection;
import no.deling.core.http.BufferSink;
import no.deling.posts.PostText;

/** Home, person and topic timelines: newest first, cursor-paginated with {@code limit} and {@code before}. */
public final class TimelineRoutes {
  private final Wiring w;

  public TimelineRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("getHomeTimeline").addHandler(rc -> page(rc, t -> t.home(actor(rc).id(), before(rc), limit(rc)),
        before(rc) == Long.MAX_VALUE ? this::pinned : null));
    rb.getRoute("getUserPosts").addHandler(this::person);
    rb.getRoute("getTopicPosts").addHandler(rc -> {
      String tag = PostText.normaliseTag(path(rc, "tag"));
      if (tag == null) throw new Rejection.Invalid("tag", "hashtag", "a topic is letters, digits and '_', at most 64");
      page(rc, t -> t.byTopic(tag, actor(rc).id(), before(rc), limit(rc)), null);
    });
    rb.getRoute("getGroupPosts").addHandler(this::group);
  }

  /** A group's posts: for everyone when it is open, for its members when it is private. */
  private void group(RoutingContext rc) {
    String group = path(rc, "id");
    String viewer = actor(rc).id();
    var m = w.model();
    Boolean member = m.read(() -> {
      var g = m.groups.get(group);
      if (!m.groups.mayKnow(viewer, g)) return null;
      return !g.isPrivate || g.isMember(viewer);
    });
    if (member == null) throw new Rejection.NotFound("group " + group + " does not exist");
    if (!member) throw new Rejection.Forbidden("group " + group + " is private: only its members read its posts");
    page(rc, t -> t.byGroup(group, viewer, before(rc), limit(rc)), null);
  }

  private void person(RoutingContext rc) {
    String user = path(rc, "id");
    if (!w.model().read(() -> w.model().people.exists(user))) throw new Rejection.NotFound("user " + user + " does not exist");
    page(rc, t -> t.byAuthor(user, actor(rc).id(), before(rc), limit(rc)), null);
  }

  /**
   * The announcements pinned above the first page of a home timeline, until the viewer
   * acknowledges each: {@code "announcements":[…],}. Under the read lock.
   */
  private void pinned(Buffer out, String viewer) {
    var m = w.model();
    JsonArray pinned = new JsonArray();
    for (var a : m.announcements.pinnedFor(viewer, m.people.get(viewer))) {
      pinned.add(AnnouncementJson.of(a, viewer, m.people, w.config().announcementMinAudience()));
    }
    out.appendString("\"announcements\":").appendString(pinned.encode()).appendByte((byte) ',');
  }

  /** @param prefix writes fields before {@code items} (the home timeline's pinned announcements), or null */
  private void page(RoutingContext rc, Function<Timelines, Timelines.Page> query, BiConsumer<Buffer, String> prefix) {
    String viewer = actor(rc).id();
    Buffer body = w.model().read(() -> {
      Timelines.Page page = query.apply(w.model().timelines);
      Buffer out = Buffer.buffer(512 + 768 * page.items().size());
      OutputStream sink = new BufferSink(out);
      out.appendByte((byte) '{');
      if (prefix != null) prefix.accept(out, viewer);
      out.appendBytes(ITEMS);
      boolean first = true;
      for (Timelines.Entry e : page.items()) {
        if (!first) out.appendByte((byte) ',');
        first = false;
        w.model().json.write(sink, e.post(), viewer, w.model(), e.sharedBy());
      }
      out.appendBytes(page.next() == null ? NO_NEXT : ("],\"next\":\"" + page.next() + "\"}").getBytes(StandardCharsets.US_ASCII));
      return out;
    });
    rc.response().putHeader("Content-Type", "application/json").end(body);
  }

  private static final byte[] ITEMS = "\"items\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NO_NEXT = "],\"next\":null}".getBytes(StandardCharsets.US_ASCII);
}
