package no.deling.endorsements;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.Arrays;
import no.deling.core.collections.Interner;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.endorsements.EndorsementEvent.EndorsementWithdrawn;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;

/**
 * Who endorses each post, and when: the count, whether a given user is among them, and the times
 * (the expert ranking decays by age). Endorsers are kept as plain arrays of interned ids per post —
 * most posts have a handful, and a HashSet per post cost several times the memory of the ids.
 */
public final class Endorsements {
  /** One post's endorsers and when each endorsed, in parallel arrays. */
  private static final class Endorsers {
    String[] who;
    long[] at;

    Endorsers(String who, long at) {
      this.who = new String[] {who};
      this.at = new long[] {at};
    }
  }

  private final Long2ObjectOpenHashMap<Endorsers> endorsers = new Long2ObjectOpenHashMap<>();
  private final Interner interner;

  public Endorsements(Interner interner) {
    this.interner = interner;
  }

  /** @return true when the count changed */
  public boolean on(DomainEvent event) {
    if (event instanceof PostEndorsed e) {
      long id = PostIds.parse(e.postId());
      long at = e.at().toEpochMilli();
      Endorsers current = endorsers.get(id);
      if (current == null) {
        endorsers.put(id, new Endorsers(interner.intern(e.endorser()), at));
        return true;
      }
      if (indexOf(current.who, e.endorser()) >= 0) return false;
      int n = current.who.length;
      current.who = Arrays.copyOf(current.who, n + 1);
      current.who[n] = interner.intern(e.endorser());
      current.at = Arrays.copyOf(current.at, n + 1);
      current.at[n] = at;
      return true;
    } else if (event instanceof EndorsementWithdrawn e) {
      long id = PostIds.parse(e.postId());
      Endorsers current = endorsers.get(id);
      int i = current == null ? -1 : indexOf(current.who, e.endorser());
      if (i < 0) return false;
      int n = current.who.length;
      if (n == 1) {
        endorsers.remove(id);
        return true;
      }
      String[] who = new String[n - 1];
      long[] at = new long[n - 1];
      System.arraycopy(current.who, 0, who, 0, i);
      System.arraycopy(current.who, i + 1, who, i, n - i - 1);
      System.arraycopy(current.at, 0, at, 0, i);
      System.arraycopy(current.at, i + 1, at, i, n - i - 1);
      current.who = who;
      current.at = at;
      return true;
    }
    return false;
  }

  private static int indexOf(String[] values, String user) {
    for (int i = 0; i < values.length; i++) if (values[i].equals(user)) return i;
    return -1;
  }

  public int count(long postId) {
    Endorsers s = endorsers.get(postId);
    return s == null ? 0 : s.who.length;
  }

  public boolean endorsedBy(long postId, String user) {
    Endorsers s = endorsers.get(postId);
    return s != null && user != null && indexOf(s.who, user) >= 0;
  }

  /** Visits every post's current endorsers and their times (parallel arrays; do not modify). Under the read lock. */
  public void forEach(Visitor visitor) {
    for (var e : endorsers.long2ObjectEntrySet()) visitor.visit(e.getLongKey(), e.getValue().who, e.getValue().at);
  }

  public interface Visitor {
    void visit(long postId, String[] endorsers, long[] atMillis);
  }

  /** Who currently endorses the post; empty for none. Do not modify. */
  public String[] endorsers(long postId) {
    Endorsers s = endorsers.get(postId);
    return s == null ? NO_ONE : s.who;
  }

  private static final String[] NO_ONE = new String[0];

  /** When each current endorsement of the post was made (epoch millis); empty for none. Do not modify. */
  public long[] times(long postId) {
    Endorsers s = endorsers.get(postId);
    return s == null ? NONE : s.at;
  }

  private static final long[] NONE = new long[0];
}
