package no.deling.pulse;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import no.deling.core.collections.Interner;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.posts.PostEvent.PostEdited;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.shares.ShareEvent.PostShared;

/**
 * For each person, the posts through which they recently turned to someone or someone to them (a
 * reply, a mention, an endorsement or a share, given or received), with when. A person's own
 * network figures are worked out from these posts alone, where they scanned every post,
 * endorsement and share of the window on each look (264 ms for 5,000 people's two days).
 *
 * <p>Only pointers are kept: what each post gives is worked out again when asked, from the posts,
 * endorsements and shares as they are then, so a deleted post, a withdrawn endorsement or an edit
 * that drops a mention counts as it does for the leaders' figures. Pointers older than the window
 * go as new ones come. Projection thread writes, readers under the read lock.
 */
public final class OwnTies {
  /** Kept a day beyond the window, so that a look with a clock a little ahead of the log's misses nothing. */
  private static final long KEPT_MS = NetworkSnapshot.WINDOW_MS + 86_400_000L;

  private final Map<String, Pointers> byPerson = new HashMap<>();
  private final PostIndex posts;
  private final Interner interner;

  public OwnTies(PostIndex posts, Interner interner) {
    this.posts = posts;
    this.interner = interner;
  }

  /** After the posts have applied the event (an edit looks its post up). */
  public void on(DomainEvent event) {
    if (event instanceof PostPublished p) {
      long id = PostIds.parse(p.postId());
      long at = p.publishedAt().toEpochMilli();
      boolean turned = !p.mentions().isEmpty();
      if (p.inReplyTo() != null) {
        PostView parent = posts.get(PostIds.parse(p.inReplyTo()));
        if (parent != null) {
          add(parent.author, id, at);
          turned = true;
        }
      }
      for (String mentioned : p.mentions()) add(mentioned, id, at);
      if (turned) add(p.author(), id, at);
    } else if (event instanceof PostEdited e && !e.mentions().isEmpty()) {
      PostView v = posts.get(PostIds.parse(e.postId()));
      if (v == null) return;
      // a mention counts from when the post was published, as the leaders' figures count it
      for (String mentioned : e.mentions()) add(mentioned, v.id, v.publishedAt);
      add(e.author(), v.id, v.publishedAt);
    } else if (event instanceof PostEndorsed e) {
      long id = PostIds.parse(e.postId());
      add(e.endorser(), id, e.at().toEpochMilli());
      add(e.postAuthor(), id, e.at().toEpochMilli());
    } else if (event instanceof PostShared s) {
      long id = PostIds.parse(s.postId());
      long at = PostIds.millis(PostIds.parse(s.shareId()));
      add(s.sharer(), id, at);
      add(s.postAuthor(), id, at);
    }
  }

  private void add(String person, long post, long atMillis) {
    byPerson.computeIfAbsent(interner.intern(person), k -> new Pointers()).add(post, atMillis, atMillis - KEPT_MS);
  }

  /** The posts that may give {@code person} an interaction at {@code fromMillis} or later: sorted, each once. Under the read lock. */
  public long[] postsSince(String person, long fromMillis) {
    Pointers p = byPerson.get(person);
    return p == null ? new long[0] : p.since(fromMillis);
  }

  /** One person's pointers: pairs of (when, post) in the order they came, the oldest dropped from the front. */
  static final class Pointers {
    private long[] pairs = new long[8];
    private int start;
    private int end;

    void add(long post, long atMillis, long dropBefore) {
      while (start < end && pairs[start] < dropBefore) start += 2;
      if (end + 2 > pairs.length) {
        int live = end - start;
        long[] next = live + 2 > pairs.length / 2 ? new long[Math.max(8, pairs.length * 2)] : pairs;
        System.arraycopy(pairs, start, next, 0, live);
        pairs = next;
        start = 0;
        end = live;
      }
      pairs[end++] = atMillis;
      pairs[end++] = post;
    }

    long[] since(long fromMillis) {
      long[] out = new long[(end - start) / 2];
      int n = 0;
      for (int i = start; i < end; i += 2) if (pairs[i] >= fromMillis) out[n++] = pairs[i + 1];
      Arrays.sort(out, 0, n);
      int distinct = 0;
      for (int i = 0; i < n; i++) if (distinct == 0 || out[distinct - 1] != out[i]) out[distinct++] = out[i];
      return Arrays.copyOf(out, distinct);
    }
  }
}
