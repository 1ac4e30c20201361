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
 * most posts have a handful, and a HashSet per post cost several times the memory of the ids — or,
 * for the many posts with one endorser, as two fields.
 */
public final class Endorsements {
  /**
   * One post's endorsers and when each endorsed. Most endorsed posts have one endorser, and that
   * one is kept in two fields: one object per post instead of three (on ten million events,
   * millions of objects fewer to hold, and to read back from a snapshot). With more, parallel
   * arrays.
   */
  private static final class Endorsers {
    String one;
    long oneAt;
    /** All of them, from the second endorser on; null while there is one. */
    String[] who;
    long[] at;

    Endorsers(String who, long at) {
      this.one = who;
      this.oneAt = at;
    }

    int count() {
      return who == null ? 1 : who.length;
    }

    int indexOf(String user) {
      if (who == null) return one.equals(user) ? 0 : -1;
      for (int i = 0; i < who.length; i++) if (who[i].equals(user)) return i;
      return -1;
    }

    void add(String user, long atMillis) {
      if (who == null) {
        who = new String[] {one, user};
        at = new long[] {oneAt, atMillis};
        one = null;
        return;
      }
      int n = who.length;
      who = Arrays.copyOf(who, n + 1);
      who[n] = user;
      at = Arrays.copyOf(at, n + 1);
      at[n] = atMillis;
    }

    /** Adds {@code who[from, to)}, each endorsed at the same index of {@code at}. */
    void addAll(String[] who, long[] at, int from, int to) {
      if (from >= to) return;
      int n = count();
      String[] w = Arrays.copyOf(who(), n + to - from);
      long[] a = Arrays.copyOf(at(), n + to - from);
      System.arraycopy(who, from, w, n, to - from);
      System.arraycopy(at, from, a, n, to - from);
      this.who = w;
      this.at = a;
      this.one = null;
    }

    /** Removes the {@code i}th of two or more. */
    void remove(int i) {
      int n = who.length;
      if (n == 2) {
        one = who[1 - i];
        oneAt = at[1 - i];
        who = null;
        at = null;
        return;
      }
      String[] w = new String[n - 1];
      long[] a = new long[n - 1];
      System.arraycopy(who, 0, w, 0, i);
      System.arraycopy(who, i + 1, w, i, n - i - 1);
      System.arraycopy(at, 0, a, 0, i);
      System.arraycopy(at, i + 1, a, i, n - i - 1);
      who = w;
      at = a;
    }

    String[] who() {
      return who != null ? who : new String[] {one};
    }

    long[] at() {
      return at != null ? at : new long[] {oneAt};
    }
  }

  /** A snapshot writes these apart from the models and reads them on its second thread (see {@link Restoring}). */
  private Long2ObjectOpenHashMap<Endorsers> endorsers = new Long2ObjectOpenHashMap<>();
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
      if (current.indexOf(e.endorser()) >= 0) return false;
      current.add(interner.intern(e.endorser()), at);
      return true;
    } else if (event instanceof EndorsementWithdrawn e) {
      long id = PostIds.parse(e.postId());
      Endorsers current = endorsers.get(id);
      int i = current == null ? -1 : current.indexOf(e.endorser());
      if (i < 0) return false;
      if (current.count() == 1) endorsers.remove(id);
      else current.remove(i);
      return true;
    }
    return false;
  }

  public int count(long postId) {
    Endorsers s = endorsers.get(postId);
    return s == null ? 0 : s.count();
  }

  public boolean endorsedBy(long postId, String user) {
    Endorsers s = endorsers.get(postId);
    return s != null && user != null && s.indexOf(user) >= 0;
  }

  /** A snapshot's endorsements, gathered (in {@link #forEach}'s order) before the model they go into exists. */
  public static final class Restoring {
    private final Long2ObjectOpenHashMap<Endorsers> endorsers;
    /**
     * A post's endorsers come one after another ({@link #forEach} visits them so): they are gathered
     * here and the post gets them at once, instead of a lookup and a copy of its arrays one longer
     * for each (a post endorsed by thousands was copied thousands of times).
     */
    private long runPost;
    private String[] runWho = new String[16];
    private long[] runAt = new long[16];
    private int runCount;

    public Restoring(int posts) {
      endorsers = new Long2ObjectOpenHashMap<>(posts);
    }

    public void add(long postId, String endorser, long atMillis) {
      if (runCount > 0 && postId != runPost) endRun();
      if (runCount == runWho.length) {
        runWho = Arrays.copyOf(runWho, runCount * 2);
        runAt = Arrays.copyOf(runAt, runCount * 2);
      }
      runPost = postId;
      runWho[runCount] = endorser;
      runAt[runCount++] = atMillis;
    }

    private void endRun() {
      Endorsers current = endorsers.get(runPost);
      int from = 0;
      if (current == null) {
        current = new Endorsers(runWho[0], runAt[0]);
        endorsers.put(runPost, current);
        from = 1;
      }
      current.addAll(runWho, runAt, from, runCount); // a post met again further on (not as written): after the ones before
      Arrays.fill(runWho, 0, runCount, null);
      runCount = 0;
    }

    Long2ObjectOpenHashMap<Endorsers> finished() {
      if (runCount > 0) endRun();
      return endorsers;
    }
  }

  /** A snapshot read back: the endorsements from their own section. Before the model is used. */
  public void restored(Restoring restored) {
    endorsers = restored.finished();
  }

  /** How many posts have endorsements. */
  public int posts() {
    return endorsers.size();
  }

  /** Visits every current endorsement: the post, who, when. Under the read lock. */
  public void forEach(Visitor visitor) {
    for (var e : endorsers.long2ObjectEntrySet()) {
      Endorsers s = e.getValue();
      if (s.who == null) visitor.visit(e.getLongKey(), s.one, s.oneAt);
      else for (int i = 0; i < s.who.length; i++) visitor.visit(e.getLongKey(), s.who[i], s.at[i]);
    }
  }

  public interface Visitor {
    void visit(long postId, String endorser, long atMillis);
  }

  /** Who currently endorses the post; empty for none. Do not modify. */
  public String[] endorsers(long postId) {
    Endorsers s = endorsers.get(postId);
    return s == null ? NO_ONE : s.who();
  }

  private static final String[] NO_ONE = new String[0];

  /** When each current endorsement of the post was made (epoch millis); empty for none. Do not modify. */
  public long[] times(long postId) {
    Endorsers s = endorsers.get(postId);
    return s == null ? NONE : s.at();
  }

  private static final long[] NONE = new long[0];
}
