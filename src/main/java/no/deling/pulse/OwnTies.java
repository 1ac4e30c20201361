package no.deling.pulse;

import java.util.Arrays;
import java.util.function.LongConsumer;
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

/**
 * For each person, the posts through which someone recently turned to them or they to someone that
 * no other model finds for them (see {@link #on}), with when. A person's own network figures are
 * worked out from these posts and their own, where they scanned every post, endorsement and share
 * of the window on each look (264 ms for 5,000 people's two days).
 *
 * <p>Only pointers are kept: what each post gives is worked out again when asked, from the posts,
 * endorsements and shares as they are then, so a deleted post, a withdrawn endorsement or an edit
 * that drops a mention counts as it does for the leaders' figures. Pointers older than the window
 * go as new ones come. Projection thread writes, readers under the read lock.
 */
public final class OwnTies {
  /** Kept a day beyond the window (after the newest event's time), so that a look with a clock a little behind the log's misses nothing. */
  private static final long KEPT_MS = NetworkSnapshot.WINDOW_MS + 86_400_000L;

  private final Map<String, Pointers> byPerson = new HashMap<>();
  private final PostIndex posts;
  private final Interner interner;

  public OwnTies(PostIndex posts, Interner interner) {
    this.posts = posts;
    this.interner = interner;
  }

  /**
   * After the posts have applied the event (an edit looks its post up). Only what no other model
   * finds for a person is pointed at: a reply to them, a mention of them, an endorsement by them.
   * Their own posts (with what they drew: replies aside, endorsements and shares), and their own
   * shares, are found from the posts' and shares' indexes when asked.
   */
  public void on(DomainEvent event) {
    if (event instanceof PostPublished p) {
      long id = PostIds.parse(p.postId());
      long at = p.publishedAt().toEpochMilli();
      if (p.inReplyTo() != null) {
        PostView parent = posts.get(PostIds.parse(p.inReplyTo()));
        if (parent != null) add(parent.author, id, at);
      }
      for (String mentioned : p.mentions()) add(mentioned, id, at);
    } else if (event instanceof PostEdited e && !e.mentions().isEmpty()) {
      PostView v = posts.get(PostIds.parse(e.postId()));
      if (v == null) return;
      // a mention counts from when the post was published, as the leaders' figures count it
      for (String mentioned : e.mentions()) add(mentioned, v.id, v.publishedAt);
    } else if (event instanceof PostEndorsed e) {
      add(e.endorser(), PostIds.parse(e.postId()), e.at().toEpochMilli());
    } else if (event instanceof no.deling.users.UserEvent.PersonErased e) {
      byPerson.remove(e.userId()); // nothing of theirs is looked at again (their posts go with them)
    }
  }

  private void add(String person, long post, long atMillis) {
    // not interned: a map keeps the first key it is given, so the event's own string never stays (a lookup per event saved)
    Pointers p = byPerson.get(person);
    if (p == null) byPerson.put(interner.intern(person), p = new Pointers());
    p.add(post, seconds(atMillis), seconds(atMillis - KEPT_MS));
  }

  /** Seconds since 2020, which an int holds until 2088: a pointer is 12 bytes, not 16 (most are endorsements). */
  private static int seconds(long millis) {
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, (millis - EPOCH_2020) / 1000));
  }

  private static final long EPOCH_2020 = 1_577_836_800_000L;

  /** Hands on the posts pointed at for {@code person} from {@code fromMillis} on (and maybe a second before), repeats included. Under the read lock. */
  public void postsSince(String person, long fromMillis, LongConsumer each) {
    Pointers p = byPerson.get(person);
    if (p != null) p.since(seconds(fromMillis), each);
  }

  /** One person's pointers: when (seconds) and which post, in the order they came, the oldest dropped from the front. */
  static final class Pointers {
    private int[] at = new int[4];
    private long[] post = new long[4];
    private int start;
    private int end;

    void add(long postId, int atSeconds, int dropBefore) {
      while (start < end && at[start] < dropBefore) start++;
      if (end == at.length) {
        int live = end - start;
        int capacity = live + 1 > at.length * 3 / 4 ? at.length + (at.length >> 1) + 1 : at.length; // or made room in place
        at = Arrays.copyOfRange(at, start, start + capacity);
        post = Arrays.copyOfRange(post, start, start + capacity);
        start = 0;
        end = live;
      }
      at[end] = atSeconds;
      post[end++] = postId;
    }

    /** The posts pointed at since {@code fromSeconds} (a second early at most: a look counts what its post gives, to the millisecond). */
    void since(int fromSeconds, LongConsumer each) {
      for (int i = start; i < end; i++) if (at[i] >= fromSeconds) each.accept(post[i]);
    }
  }
}
