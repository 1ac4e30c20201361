package no.deling.stream;

import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One thing that happened, ready to be sent: what it is about (for routing) and its JSON fields,
 * rendered once and sent to any number of sockets.
 *
 * <p>An entry is rendered when it is first sent. For a live event that is at once, when the hub
 * delivers it right after the event is applied, so it shows the post as of its event; an entry
 * nobody was subscribed to is rendered only if a resuming client asks for it (most never are), and
 * then shows its post as it is by then. Rendering every entry at once cost a post a tenth of the
 * projection's time, and kept a rendered copy of the last hundred thousand in memory, for entries
 * that nobody connected would ever read; rendering the whole resume window at start-up cost more
 * than rebuilding every read model.
 */
public final class StreamEntry {
  private final long position;
  /** wire type: update, status.update, delete, endorsements, notification, announcement, announcement.withdrawn, announcement.acknowledged, topic.about… */
  private final String type;
  /** the post's author (post entries), or null */
  private final String author;
  /** the post's hashtags (post entries) */
  private final String[] tags;
  /** the post's thread root id (post entries), or 0 */
  private final long threadRoot;
  /** the post's id (post entries), or 0 */
  private final long postId;
  /** the user a notification is for, or null */
  private final String recipient;
  /**
   * For entries addressed to an audience rather than routed by follows (announcements): who gets
   * them on their home stream; for a notification about a post: whether its recipient may still
   * see it. Asked under the read lock when delivered or replayed. Null otherwise.
   */
  private final Predicate<String> audience;
  /** renders the fields from the read side as it is when called: at first send, and afresh for a resume after an edit */
  private final Supplier<String> render;
  /** the fields as first rendered, or null before the first send */
  private String fields;

  /** @param fields the message's own fields as JSON text without braces, e.g. {@code "post":{...}} */
  StreamEntry(long position, String type, String author, String[] tags, long threadRoot, String recipient, Supplier<String> fields) {
    this(position, type, 0, author, tags, threadRoot, recipient, null, fields);
  }

  /** An entry about one post, routed by the post's place and its visibility when delivered or replayed. */
  static StreamEntry aboutPost(long position, String type, long postId, String author, String[] tags, long threadRoot, Supplier<String> fields) {
    return new StreamEntry(position, type, postId, author, tags, threadRoot, null, null, fields);
  }

  /** A notification for {@code recipient}, sent only while {@code mayStillSee} (null: always) holds for them. */
  static StreamEntry forRecipient(long position, String recipient, Predicate<String> mayStillSee, Supplier<String> fields) {
    return new StreamEntry(position, "notification", 0, null, new String[0], 0, recipient, mayStillSee, fields);
  }

  /** An entry for the home streams of {@code audience}. */
  static StreamEntry forAudience(long position, String type, Predicate<String> audience, Supplier<String> fields) {
    return new StreamEntry(position, type, 0, null, new String[0], 0, null, audience, fields);
  }

  /** An entry about a topic itself (what it says of itself, who looks after it) for its topic streams: public, as its page is. */
  static StreamEntry aboutTopic(long position, String type, String topic, Supplier<String> fields) {
    return new StreamEntry(position, type, 0, null, new String[] {topic}, 0, null, null, fields);
  }

  /** Neither about a post nor addressed to people: {@link #aboutTopic}. */
  boolean aboutTopicOnly() {
    return postId == 0 && audience == null && recipient == null;
  }

  /**
   * An entry about one post for the home streams of {@code audience} (a share): replayed, like any
   * post entry, with the post as it is now if it was edited since.
   */
  static StreamEntry forAudienceAboutPost(long position, String type, long postId, Predicate<String> audience, Supplier<String> fields) {
    return new StreamEntry(position, type, postId, null, new String[0], 0, null, audience, fields);
  }

  private StreamEntry(long position, String type, long postId, String author, String[] tags, long threadRoot, String recipient,
      Predicate<String> audience, Supplier<String> fields) {
    this.postId = postId;
    this.audience = audience;
    this.position = position;
    this.type = type;
    this.author = author;
    this.tags = tags;
    this.threadRoot = threadRoot;
    this.recipient = recipient;
    this.render = fields;
  }

  public long position() {
    return position;
  }

  public String type() {
    return type;
  }

  String author() {
    return author;
  }

  String[] tags() {
    return tags;
  }

  long threadRoot() {
    return threadRoot;
  }

  String recipient() {
    return recipient;
  }

  long postId() {
    return postId;
  }

  /** The message with its fields rendered from the post as it is now (a resume after an edit). */
  String freshMessage(StreamKey key) {
    return "{\"type\":\"" + type + "\",\"stream\":\"" + key.wire() + "\",\"position\":" + position + "," + render.get() + "}";
  }

  /**
   * The full message for one stream. Built by concatenation: the payload is already JSON. Call
   * under the hub's monitor and the read model's read or write lock (an entry renders here the first time).
   */
  String message(StreamKey key) {
    if (fields == null) fields = render.get();
    return "{\"type\":\"" + type + "\",\"stream\":\"" + key.wire() + "\",\"position\":" + position + "," + fields + "}";
  }

  Predicate<String> audience() {
    return audience;
  }

  boolean isNotification() {
    return recipient != null;
  }
}
