package no.deling.groups;

import io.vertx.core.buffer.Buffer;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;
import no.deling.core.ids.PostIds;
import no.deling.core.projection.ReadLock;
import no.deling.posts.PostContext;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.visibility.Visibility;

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
    out.appendString("\"pinned\":[");
    boolean first = true;
    for (long id : pins.of(group)) {
      PostView p = posts.get(id);
      if (!Visibility.maySee(viewer, p, groups)) continue;
      if (!first) out.appendByte((byte) ',');
      first = false;
      context.json().write(sink, p, viewer, context);
    }
    out.appendString("],");
  }

  /** The group's pinned posts that are gone (deleted, or never seen here), which hold no place among the pinned. */
  public Set<String> gone(String group) {
    return lock.read(() -> {
      Set<String> out = new HashSet<>();
      for (long id : pins.of(group)) {
        PostView p = posts.get(id);
        if (p == null || p.deleted) out.add(PostIds.format(id));
      }
      return out;
    });
  }
}
