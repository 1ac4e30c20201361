package no.deling.posts;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import no.deling.core.http.BufferSink;
import no.deling.core.idempotency.IdempotencyKeys;
import no.deling.core.ids.PostIds;
import no.deling.core.projection.ReadLock;
import no.deling.visibility.Visibility;

/** What routes may ask about posts and threads; every answer asks {@link Visibility} first. */
public final class PostQueries {
  private final ReadLock lock;
  private final PostIndex posts;
  private final Visibility.Memberships memberships;
  private final PostContext context;
  private final IdempotencyKeys idempotency;

  public PostQueries(ReadLock lock, PostIndex posts, Visibility.Memberships memberships, PostContext context, IdempotencyKeys idempotency) {
    this.lock = lock;
    this.posts = posts;
    this.memberships = memberships;
    this.context = context;
    this.idempotency = idempotency;
  }

  /**
   * The post an earlier request by {@code author} with this Idempotency-Key created within {@link
   * IdempotencyKeys#WINDOW_MILLIS} before {@code nowMillis}, or null.
   */
  public PostView createdEarlier(String author, String key, long nowMillis) {
    return lock.read(() -> {
      long id = idempotency.created(author, key);
      PostView post = id < 0 ? null : posts.get(id);
      return post != null && post.publishedAt >= nowMillis - IdempotencyKeys.WINDOW_MILLIS ? post : null;
    });
  }

  /**
   * Appends {@code prefix} and the post as {@code viewer} sees it, from its cached encoding; false
   * (nothing appended) when they may not see it. For the event loop: never waits for the lock.
   */
  public Future<Boolean> appendSeenBy(String viewer, long id, String prefix, Buffer out) {
    return lock.readWithoutWaiting(() -> {
      PostView v = posts.get(id);
      if (!Visibility.maySee(viewer, v, memberships)) return false;
      out.appendString(prefix);
      context.json().write(new BufferSink(out), v, viewer, context);
      return true;
    });
  }

  /** How many people endorse the post now. */
  public int endorsements(long id) {
    return lock.read(() -> context.endorsementCount(id));
  }

  /** How many people share the post now. */
  public int shares(long id) {
    return lock.read(() -> context.shareCount(id));
  }

  /** The live post as {@code viewer} sees it, or null when it is deleted, unknown or not theirs to see. */
  public JsonObject seenBy(String viewer, long id) {
    return lock.read(() -> {
      PostView v = posts.get(id);
      return Visibility.maySee(viewer, v, memberships) ? PostJson.of(v, viewer, context) : null;
    });
  }

  /**
   * The whole thread the post is in, root first ({@code {"root","items"}}), or null when the viewer
   * may not read its audience. A thread lives in one audience: whoever may not see it sees none of
   * it. Deleted posts stay as tombstones.
   */
  public JsonObject threadSeenBy(String viewer, long id) {
    return lock.read(() -> {
      PostView post = posts.get(id);
      if (post == null || !Visibility.maySeeAudience(viewer, post.group, memberships)) return null;
      JsonArray items = new JsonArray();
      for (PostView p : posts.thread(post.threadRoot)) items.add(PostJson.of(p, viewer, context));
      return new JsonObject().put("root", PostIds.format(post.threadRoot)).put("items", items);
    });
  }
}
