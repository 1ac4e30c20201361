package no.deling.saved;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import no.deling.core.collections.Interner;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.saved.SavedEvent.PostSaved;
import no.deling.saved.SavedEvent.PostUnsaved;
import no.deling.users.UserEvent.PersonErased;

/**
 * Each person's saved posts, in the order they saved them. Holds ids only: whether a saved post is
 * still there, and still the person's to see, is asked when the list is read, so a post deleted or
 * in a group one has left drops out of the list without an event of its own (and comes back if
 * one rejoins). Erasing a person forgets their list.
 */
public final class SavedPosts {
  /** One person's list: by the log position of each save, and each post's save position. */
  static final class Shelf {
    final TreeMap<Long, Long> postBySave = new TreeMap<>();
    final HashMap<Long, Long> saveByPost = new HashMap<>();
  }

  private final Map<String, Shelf> byUser = new HashMap<>();
  private final Interner interner;

  public SavedPosts(Interner interner) {
    this.interner = interner;
  }

  /** @param at the event's log position, which orders a person's list */
  public void on(DomainEvent event, long at) {
    if (event instanceof PostSaved s) {
      Shelf shelf = byUser.computeIfAbsent(interner.intern(s.userId()), k -> new Shelf());
      long post = PostIds.parse(s.postId());
      Long earlier = shelf.saveByPost.put(post, at);
      if (earlier != null) shelf.postBySave.remove(earlier); // applied twice after a restart: one entry
      shelf.postBySave.put(at, post);
    } else if (event instanceof PostUnsaved u) {
      Shelf shelf = byUser.get(u.userId());
      if (shelf == null) return;
      Long save = shelf.saveByPost.remove(PostIds.parse(u.postId()));
      if (save != null) shelf.postBySave.remove(save);
      if (shelf.saveByPost.isEmpty()) byUser.remove(u.userId());
    } else if (event instanceof PersonErased erased) {
      byUser.remove(erased.userId());
    }
  }

  /** Has {@code user} saved this post? Under the read lock. */
  public boolean savedBy(String user, long post) {
    Shelf shelf = user == null ? null : byUser.get(user);
    return shelf != null && shelf.saveByPost.containsKey(post);
  }

  /** What a reader is shown for each saved post; return false to stop. */
  public interface Visit {
    boolean visit(long savePosition, long post);
  }

  /** {@code user}'s saved posts saved before log position {@code before}, the latest saved first. Under the read lock. */
  public void latestFirst(String user, long before, Visit visit) {
    Shelf shelf = byUser.get(user);
    if (shelf == null) return;
    for (Map.Entry<Long, Long> e : shelf.postBySave.headMap(before, false).descendingMap().entrySet()) {
      if (!visit.visit(e.getKey(), e.getValue())) return;
    }
  }
}
