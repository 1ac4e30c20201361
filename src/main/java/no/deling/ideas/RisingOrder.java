package no.deling.ideas;

import java.util.Arrays;
import java.util.function.LongFunction;

/**
 * Every idea, rising first (then the newest first), as of one {@link Ideas#rankVersion}. Immutable:
 * a new endorsement makes a mended copy, shared by every event loop from then on.
 *
 * <p>Ideas are ordered by a key that time never changes: log₂ of Σ 2^(t/H) over the endorsement
 * times t, H the half-life. An idea's rising score at any moment is 2^(key − now/H), so every score
 * halves alike and the order by key is the order by score, at every moment. A changed idea therefore
 * moves alone, in O(ideas), where working the order out again scored every endorsement of every idea
 * and sorted them (1.4 ms with 4,000 ideas, on the first board read after each endorsement).
 */
final class RisingOrder {
  private static final double HALF_LIFE_MILLIS = Ideas.RISING_HALF_LIFE_HOURS * 3_600_000d;

  final long version;
  private final long[] ids;
  /** {@link #key} of each of {@link #ids}, descending; ties newest (highest id) first. */
  private final double[] keys;

  private RisingOrder(long version, long[] ids, double[] keys) {
    this.version = version;
    this.ids = ids;
    this.keys = keys;
  }

  /**
   * The order of every idea as {@code ideas} stand now: {@code known} mended where it is recent
   * enough, else worked out whole.
   */
  static RisingOrder asOf(RisingOrder known, Ideas ideas, LongFunction<long[]> times) {
    long version = ideas.rankVersion();
    if (known != null && known.version == version) return known;
    java.util.List<Long> changed = known == null ? null : ideas.changedSince(known.version);
    if (changed != null) return known.mended(version, changed, times);
    long[] all = new long[ideas.size()];
    int[] at = {0};
    ideas.newestFirst(id -> all[at[0]++] = id);
    return of(version, all, times);
  }

  /** The order of {@code ideas}, each endorsed at {@code times.apply(id)}. */
  static RisingOrder of(long version, long[] ideas, LongFunction<long[]> times) {
    int n = ideas.length;
    Integer[] byRank = new Integer[n];
    double[] key = new double[n];
    for (int i = 0; i < n; i++) {
      byRank[i] = i;
      key[i] = key(times.apply(ideas[i]));
    }
    Arrays.sort(byRank, (a, b) -> compare(key[a], ideas[a], key[b], ideas[b]));
    long[] ids = new long[n];
    double[] keys = new double[n];
    for (int i = 0; i < n; i++) {
      ids[i] = ideas[byRank[i]];
      keys[i] = key[byRank[i]];
    }
    return new RisingOrder(version, ids, keys);
  }

  /**
   * This order with each of {@code changed} (new ideas, or ideas endorsed or no longer endorsed since
   * this order's version) put where its endorsements now place it.
   */
  RisingOrder mended(long version, java.util.List<Long> changed, LongFunction<long[]> times) {
    long[] ids = Arrays.copyOf(this.ids, this.ids.length + changed.size());
    double[] keys = Arrays.copyOf(this.keys, ids.length);
    int n = this.ids.length;
    for (long id : changed) {
      int at = indexOf(ids, n, id);
      if (at >= 0) { // out of its old place
        System.arraycopy(ids, at + 1, ids, at, n - at - 1);
        System.arraycopy(keys, at + 1, keys, at, n - at - 1);
        n--;
      }
      double key = key(times.apply(id));
      int to = insertionPoint(ids, keys, n, key, id);
      System.arraycopy(ids, to, ids, to + 1, n - to);
      System.arraycopy(keys, to, keys, to + 1, n - to);
      ids[to] = id;
      keys[to] = key;
      n++;
    }
    return new RisingOrder(version, Arrays.copyOf(ids, n), Arrays.copyOf(keys, n));
  }

  /** Every idea, rising first. Do not modify. */
  long[] ids() {
    return ids;
  }

  /** See the class: the same order as {@link Ideas#rising} at any moment after the last endorsement. */
  static double key(long[] endorsedAt) {
    if (endorsedAt.length == 0) return Double.NEGATIVE_INFINITY;
    double top = Double.NEGATIVE_INFINITY;
    for (long at : endorsedAt) top = Math.max(top, at / HALF_LIFE_MILLIS);
    double sum = 0; // each term at most 1, so nothing overflows however late the clock
    for (long at : endorsedAt) sum += Math.pow(2, at / HALF_LIFE_MILLIS - top);
    return top + Math.log(sum) / Math.log(2);
  }

  private static int compare(double keyA, long idA, double keyB, long idB) {
    int byKey = Double.compare(keyB, keyA);
    return byKey != 0 ? byKey : Long.compare(idB, idA);
  }

  private static int indexOf(long[] ids, int n, long id) {
    for (int i = 0; i < n; i++) if (ids[i] == id) return i;
    return -1;
  }

  /** Where an idea of {@code key} and {@code id} goes among the first {@code n}, by binary search. */
  private static int insertionPoint(long[] ids, double[] keys, int n, double key, long id) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(keys[mid], ids[mid], key, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
