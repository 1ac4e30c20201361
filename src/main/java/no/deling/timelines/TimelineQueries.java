package no.deling.timelines;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import no.deling.announcements.AnnouncementJson;
import no.deling.announcements.Announcements;
import no.deling.core.http.BufferSink;
import no.deling.core.projection.ReadLock;
import no.deling.posts.PostContext;
import no.deling.users.People;

/**
 * Timeline pages as a viewer sees them, encoded whole under the read lock ({@code
 * {"items":[…],"next":…}}), each post from its cached encoding. {@link Timelines} asks the
 * visibility rule for every entry.
 */
public final class TimelineQueries {
  private static final byte[] ITEMS = "\"items\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NO_NEXT = "],\"next\":null}".getBytes(StandardCharsets.US_ASCII);

  private final ReadLock lock;
  private final Timelines timelines;
  private final PostContext context;
  private final Announcements announcements;
  private final People people;
  private final no.deling.groups.PinQueries pins;
  private final no.deling.topics.TopicQueries topics;

  public TimelineQueries(ReadLock lock, Timelines timelines, PostContext context, Announcements announcements, People people,
      no.deling.groups.PinQueries pins, no.deling.topics.TopicQueries topics) {
    this.lock = lock;
    this.timelines = timelines;
    this.context = context;
    this.announcements = announcements;
    this.people = people;
    this.pins = pins;
    this.topics = topics;
  }

  /**
   * The viewer's home timeline; the first page ({@code before == Long.MAX_VALUE}) also carries the
   * announcements pinned above it until the viewer acknowledges each ({@code "announcements":[…]};
   * reach shown only for audiences of at least {@code minAudience}).
   */
  public Future<Buffer> home(String viewer, long before, int limit, int minAudience) {
    return page(viewer, t -> t.home(viewer, before, limit), before == Long.MAX_VALUE ? minAudience : -1, null);
  }

  public Future<Buffer> byAuthor(String author, String viewer, long before, int limit) {
    return page(viewer, t -> t.byAuthor(author, viewer, before, limit), -1, null);
  }

  /** A topic's posts, the ones its owners pinned above the first page. */
  public Future<Buffer> byTopic(String tag, String viewer, long before, int limit) {
    return page(viewer, t -> t.byTopic(tag, viewer, before, limit), -1,
        before == Long.MAX_VALUE ? (out, sink) -> topics.writePinned(out, sink, viewer, tag) : null);
  }

  /** A group's posts, its pinned ones above the first page; the caller has checked that the viewer may read the group. */
  public Future<Buffer> byGroup(String group, String viewer, long before, int limit) {
    return page(viewer, t -> t.byGroup(group, viewer, before, limit), -1,
        before == Long.MAX_VALUE ? (out, sink) -> pins.write(out, sink, viewer, group) : null);
  }

  /**
   * {@code {"since","newPosts","more","items"}}: how many posts reached the viewer's home since
   * then, and the ones colleagues took up most (see {@link Digest}).
   */
  public Future<Buffer> digest(String viewer, java.time.Instant since, int limit) {
    return lock.readWithoutWaiting(() -> {
      Digest.Result d = Digest.of(timelines, viewer, since.toEpochMilli(), context, limit);
      Buffer out = Buffer.buffer(512 + 768 * d.top().size());
      OutputStream sink = new BufferSink(out);
      out.appendString("{\"since\":\"").appendString(since.toString()).appendString("\",\"newPosts\":").appendString(Integer.toString(d.scanned()))
          .appendString(",\"more\":").appendString(Boolean.toString(d.more())).appendString(",");
      items(out, sink, viewer, d.top());
      return out.appendString("]}");
    });
  }

  /** Topics starting with {@code prefix} that the viewer may read posts in, busiest first. */
  public List<Timelines.Topic> topicsStartingWith(String prefix, String viewer, int limit) {
    return lock.read(() -> timelines.topicsStartingWith(prefix, viewer, limit));
  }

  /**
   * A page, built without the event loop ever waiting for the projection's lock (see
   * {@link ReadLock#readWithoutWaiting}).
   *
   * @param pinnedMinAudience ≥ 0 to write the pinned announcements before the items
   * @param pinned writes the pinned posts (a group's or a topic's) that go before the items, or null
   */
  private Future<Buffer> page(String viewer, Function<Timelines, Timelines.Page> query, int pinnedMinAudience,
      java.util.function.BiConsumer<Buffer, OutputStream> pinned) {
    return lock.readWithoutWaiting(() -> {
      Timelines.Page page = query.apply(timelines);
      Buffer out = Buffer.buffer(512 + 768 * page.items().size());
      OutputStream sink = new BufferSink(out);
      out.appendByte((byte) '{');
      if (pinnedMinAudience >= 0) pinned(out, viewer, pinnedMinAudience);
      if (pinned != null) pinned.accept(out, sink);
      items(out, sink, viewer, page.items());
      out.appendBytes(page.next() == null ? NO_NEXT : ("],\"next\":\"" + page.next() + "\"}").getBytes(StandardCharsets.US_ASCII));
      return out;
    });
  }

  /** {@code "items":[post,…} (without the closing bracket), each entry as {@code viewer} sees it. */
  private void items(Buffer out, OutputStream sink, String viewer, List<Timelines.Entry> entries) {
    out.appendBytes(ITEMS);
    boolean first = true;
    for (Timelines.Entry e : entries) {
      if (!first) out.appendByte((byte) ',');
      first = false;
      context.json().write(sink, e.post(), viewer, context, e.sharedBy());
    }
  }

  private void pinned(Buffer out, String viewer, int minAudience) {
    JsonArray pinned = new JsonArray();
    for (var a : announcements.pinnedFor(viewer, people.get(viewer))) pinned.add(AnnouncementJson.of(a, viewer, announcements, people, minAudience));
    out.appendString("\"announcements\":").appendString(pinned.encode()).appendByte((byte) ',');
  }
}
