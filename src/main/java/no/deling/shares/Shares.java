package no.deling.shares;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.HashMap;
import java.util.Map;
import no.deling.core.collections.Interner;
import no.deling.core.collections.LongList;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.shares.ShareEvent.PostShared;
import no.deling.shares.ShareEvent.ShareWithdrawn;

/**
 * Every current share: by its own id, per post (oldest first), and per sharer (their shares as a
 * sorted id list, which home timelines merge like a followed person's posts). Projection thread
 * writes, readers query under the read lock.
 */
public final class Shares {
  /** One current share. */
  public record Share(long id, long postId, String sharer) {}

  private final Long2ObjectOpenHashMap<Share> byId = new Long2ObjectOpenHashMap<>();
  private final Long2ObjectOpenHashMap<Share[]> byPost = new Long2ObjectOpenHashMap<>();
  private final Map<String, LongList> bySharer = new HashMap<>();
  private final Interner interner;

  public Shares(Interner interner) {
    this.interner = interner;
  }

  public void on(DomainEvent event) {
    if (event instanceof PostShared s) {
      long id = PostIds.parse(s.shareId());
      if (byId.containsKey(id)) return; // seen before a restart
      Share share = new Share(id, PostIds.parse(s.postId()), interner.intern(s.sharer()));
      byId.put(id, share);
      Share[] current = byPost.get(share.postId());
      Share[] grown = current == null ? new Share[1] : java.util.Arrays.copyOf(current, current.length + 1);
      grown[grown.length - 1] = share;
      byPost.put(share.postId(), grown);
      bySharer.computeIfAbsent(share.sharer(), k -> new LongList()).insertSorted(id);
    } else if (event instanceof ShareWithdrawn w) {
      Share share = byId.remove(PostIds.parse(w.shareId()));
      if (share == null) return;
      Share[] current = byPost.get(share.postId());
      int at = -1;
      for (int i = 0; i < current.length; i++) if (current[i].id() == share.id()) at = i;
      if (current.length == 1) {
        byPost.remove(share.postId());
      } else {
        Share[] shrunk = new Share[current.length - 1];
        System.arraycopy(current, 0, shrunk, 0, at);
        System.arraycopy(current, at + 1, shrunk, at, current.length - at - 1);
        byPost.put(share.postId(), shrunk);
      }
      LongList list = bySharer.get(share.sharer());
      if (list != null) list.remove(share.id());
    }
  }

  /** Every current share, in no order. Under the read lock. */
  public void forEach(java.util.function.Consumer<Share> action) {
    for (Share s : byId.values()) action.accept(s);
  }

  /** The current share with this id, or null (not a share, or withdrawn). */
  public Share get(long id) {
    return byId.get(id);
  }

  public int count(long postId) {
    Share[] s = byPost.get(postId);
    return s == null ? 0 : s.length;
  }

  public boolean sharedBy(long postId, String user) {
    Share[] s = byPost.get(postId);
    if (s == null || user == null) return false;
    for (Share share : s) if (share.sharer().equals(user)) return true;
    return false;
  }

  /** The post's current shares, oldest first (empty array when none). */
  public Share[] ofPost(long postId) {
    Share[] s = byPost.get(postId);
    return s == null ? NONE : s;
  }

  /** A sharer's current share ids, sorted; null when they share nothing. */
  public LongList bySharer(String sharer) {
    LongList l = bySharer.get(sharer);
    return l == null || l.size() == 0 ? null : l;
  }

  private static final Share[] NONE = new Share[0];
}
