package no.deling.endorsements;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.Arrays;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.endorsements.EndorsementEvent.EndorsementWithdrawn;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.core.collections.Interner;

/**
 * Who endorses each post: the count, and whether a given user is among them. Endorsers are kept
 * as a plain array of interned ids per post — most posts have a handful, and a HashSet per post
 * cost several times the memory of the ids themselves.
 */
public final class Endorsements {
  private final Long2ObjectOpenHashMap<String[]> endorsers = new Long2ObjectOpenHashMap<>();
  private final Interner interner;

  public Endorsements(Interner interner) {
    this.interner = interner;
  }

  /** @return true when the count changed */
  public boolean on(DomainEvent event) {
    if (event instanceof PostEndorsed e) {
      long id = PostIds.parse(e.postId());
      String[] current = endorsers.get(id);
      if (current == null) {
        endorsers.put(id, new String[] {interner.intern(e.endorser())});
        return true;
      }
      if (indexOf(current, e.endorser()) >= 0) return false;
      String[] grown = Arrays.copyOf(current, current.length + 1);
      grown[current.length] = interner.intern(e.endorser());
      endorsers.put(id, grown);
      return true;
    } else if (event instanceof EndorsementWithdrawn e) {
      long id = PostIds.parse(e.postId());
      String[] current = endorsers.get(id);
      int at = current == null ? -1 : indexOf(current, e.endorser());
      if (at < 0) return false;
      if (current.length == 1) {
        endorsers.remove(id);
        return true;
      }
      String[] shrunk = new String[current.length - 1];
      System.arraycopy(current, 0, shrunk, 0, at);
      System.arraycopy(current, at + 1, shrunk, at, current.length - at - 1);
      endorsers.put(id, shrunk);
      return true;
    }
    return false;
  }

  private static int indexOf(String[] values, String user) {
    for (int i = 0; i < values.length; i++) if (values[i].equals(user)) return i;
    return -1;
  }

  public int count(long postId) {
    String[] s = endorsers.get(postId);
    return s == null ? 0 : s.length;
  }

  public boolean endorsedBy(long postId, String user) {
    String[] s = endorsers.get(postId);
    return s != null && user != null && indexOf(s, user) >= 0;
  }
}
