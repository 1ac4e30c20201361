package no.deling.groups;

import io.vertx.core.buffer.Buffer;
import java.io.OutputStream;
import java.util.Set;
import no.deling.core.projection.ReadLock;
import no.deling.posts.PostContext;
import no.deling.posts.PostIndex;

/** A group's pinned posts as a viewer may see them. */
public final class PinQueries {
  private final ReadLock lock;
  private final PinnedPosts pins;
  private final PostIndex posts;
  private final Groups groups;
  private final PostContext context;

  public PinQueries(ReadLock lock, PinnedPosts pins, PostIndex posts, Groups groups, PostContext context) {
    this.lock = lock;
    this.pins = pins;
    this.posts = posts;
    this.groups = groups;
    this.context = context;
  }

  /** {@code "pinned":[…],}: the group's pinned posts {@code viewer} may see, the latest pinned first. Under the read lock. */
  public void write(Buffer out, OutputStream sink, String viewer, String group) {
    no.deling.posts.PinnedList.write(out, sink, viewer, pins.of(group), posts, groups, context);
  }

  /** The group's pinned posts that are gone (deleted, or never seen here), which hold no place among the pinned. */
  public Set<String> gone(String group) {
    return lock.read(() -> no.deling.posts.PinnedList.gone(pins.of(group), posts));
  }
}
