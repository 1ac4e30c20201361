package no.deling.posts;

import io.vertx.core.buffer.Buffer;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import no.deling.core.ids.PostIds;
import no.deling.visibility.Visibility;

/**
 * A page's pinned posts (a group's, a topic's), as each viewer sees them. The pinned lists keep
 * deleted posts, so that unpinning them later still works as their streams say: they are never
 * shown, and hold no place. Call under the read lock.
 */
public final class PinnedList {
  private PinnedList() {}

  /** {@code "pinned":[…],}: the posts of {@code pinned} that {@code viewer} may see, in that order. */
  public static void write(Buffer out, OutputStream sink, String viewer, List<Long> pinned, PostIndex posts, Visibility.Memberships groups,
      PostContext context) {
    out.appendString("\"pinned\":[");
    boolean first = true;
    for (long id : pinned) {
      PostView p = posts.get(id);
      if (!Visibility.maySee(viewer, p, groups)) continue;
      if (!first) out.appendByte((byte) ',');
      first = false;
      context.json().write(sink, p, viewer, context);
    }
    out.appendString("],");
  }

  /** The posts of {@code pinned} that are gone (deleted, or never seen here). */
  public static Set<String> gone(List<Long> pinned, PostIndex posts) {
    Set<String> out = new HashSet<>();
    for (long id : pinned) {
      PostView p = posts.get(id);
      if (p == null || p.deleted) out.add(PostIds.format(id));
    }
    return out;
  }
}
