package no.deling.saved;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import no.deling.core.http.BufferSink;
import no.deling.core.projection.ReadLock;
import no.deling.groups.Groups;
import no.deling.posts.PostContext;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.visibility.Visibility;

/** A person's saved posts as they may see them now: {@code {"items":[…],"next":…}}, the latest saved first. */
public final class SavedQueries {
  private final ReadLock lock;
  private final SavedPosts saved;
  private final PostIndex posts;
  private final Groups groups;
  private final PostContext context;

  public SavedQueries(ReadLock lock, SavedPosts saved, PostIndex posts, Groups groups, PostContext context) {
    this.lock = lock;
    this.saved = saved;
    this.posts = posts;
    this.groups = groups;
    this.context = context;
  }

  /**
   * A page of {@code viewer}'s saved posts saved before {@code before} (a save's log position, the
   * previous page's {@code next}). A post deleted, or in a private group the viewer is no longer
   * in, is left out (and kept: it comes back if they rejoin).
   */
  public Future<Buffer> page(String viewer, long before, int limit) {
    return lock.readWithoutWaiting(() -> {
      Buffer out = Buffer.buffer(512 + 768 * limit);
      OutputStream sink = new BufferSink(out);
      out.appendString("{\"items\":[");
      long[] last = {0};
      int[] count = {0};
      boolean[] more = {false};
      saved.latestFirst(viewer, before, (position, id) -> {
        PostView p = posts.get(id);
        if (!Visibility.maySee(viewer, p, groups)) return true;
        if (count[0] == limit) {
          more[0] = true;
          return false;
        }
        if (count[0] > 0) out.appendByte((byte) ',');
        context.json().write(sink, p, viewer, context);
        count[0]++;
        last[0] = position;
        return true;
      });
      // the next page starts below the last save shown
      String next = more[0] ? "\"" + last[0] + "\"" : "null";
      out.appendBytes(("],\"next\":" + next + "}").getBytes(StandardCharsets.US_ASCII));
      return out;
    });
  }
}
