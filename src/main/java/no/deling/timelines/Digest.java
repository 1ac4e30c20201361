package no.deling.timelines;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import no.deling.posts.PostContext;
import no.deling.posts.PostView;

/**
 * "While you were away": of what reached someone's home since they last looked, the posts their
 * colleagues took up most. Most people mostly read; after a day or a holiday away, these are the
 * few worth opening first. Taken up means replied to, endorsed and shared, not viewed: a
 * conversation counts, a glance does not.
 */
public final class Digest {
  private Digest() {}

  /** How far back through a home timeline a digest looks, at most. */
  static final int MAX_SCANNED = 500;

  /** @param scanned how many others' posts reached the home since then; {@code more}: there were more than {@link #MAX_SCANNED} */
  public record Result(List<Timelines.Entry> top, int scanned, boolean more) {}

  /** A post's standing: a reply weighs as much as an endorsement, a share twice (it carried the post further). */
  static int score(PostView p, PostContext counts) {
    return p.replies + counts.endorsementCount(p.id) + 2 * counts.shareCount(p.id);
  }

  /**
   * The {@code limit} entries taken up most, the newer first among equals, leaving out the
   * viewer's own posts and posts nobody took up.
   */
  static List<Timelines.Entry> top(List<Timelines.Entry> since, String viewer, PostContext counts, int limit) {
    List<Timelines.Entry> candidates = new ArrayList<>();
    for (Timelines.Entry e : since) if (!e.post().author.equals(viewer) && score(e.post(), counts) > 0) candidates.add(e);
    candidates.sort(Comparator.<Timelines.Entry>comparingInt(e -> -score(e.post(), counts)).thenComparingLong(e -> -e.post().publishedAt));
    return candidates.subList(0, Math.min(limit, candidates.size()));
  }

  /** Walks {@code viewer}'s home back to {@code sinceMillis} (or {@link #MAX_SCANNED} entries). Under the read lock. */
  static Result of(Timelines timelines, String viewer, long sinceMillis, PostContext counts, int limit) {
    List<Timelines.Entry> since = new ArrayList<>();
    long before = Long.MAX_VALUE;
    boolean more = false;
    walk:
    while (true) {
      Timelines.Page page = timelines.home(viewer, before, 100);
      for (Timelines.Entry e : page.items()) {
        // posts come newest first; a share may bring an older post up, so only a post of its own ends the walk
        if (e.post().publishedAt < sinceMillis) {
          if (e.sharedBy() == null) break walk;
          continue;
        }
        if (e.post().author.equals(viewer)) continue; // one's own posts are no news
        if (since.size() == MAX_SCANNED) {
          more = true;
          break walk;
        }
        since.add(e);
      }
      if (page.next() == null) break;
      before = Long.parseLong(page.next());
    }
    return new Result(top(since, viewer, counts, limit), since.size(), more);
  }
}
