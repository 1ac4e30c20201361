package no.deling.posts;

/**
 * Where each packed post's record is: an open-addressing table from post id to a place (a
 * non-negative long), each id beside its place in one array, so that a lookup touches one cache
 * line where a map with separate key and value arrays touches two. Ids are never 0 (a post id
 * carries its time). Millions of posts are looked up at random, so that miss is most of a read's
 * cost. Not thread-safe for writing; reads may run concurrently with each other.
 */
final class PostPlaces {
  private static final long EMPTY = 0;
  /** id at 2i, place at 2i + 1 */
  private long[] slots;
  private int mask;
  private int size;

  PostPlaces(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, (int) Math.min(1 << 29, expected * 4L / 3 + 1)) * 2 - 1);
    slots = new long[capacity * 2];
    mask = capacity - 1;
  }

  int size() {
    return size;
  }

  private static int spread(long id) {
    long h = id * 0x9E3779B97F4A7C15L; // Fibonacci hashing: ids differ mostly in their high (time) bits
    return (int) (h ^ (h >>> 32));
  }

  /** The place of {@code id}, or -1. */
  long get(long id) {
    int i = spread(id) & mask;
    long[] s = slots;
    while (true) {
      long k = s[2 * i];
      if (k == EMPTY) return -1; // first: 0 is no post's id, and an empty slot must not answer for it
      if (k == id) return s[2 * i + 1];
      i = (i + 1) & mask;
    }
  }

  /** @return false when {@code id} had a place already (it is left as it was) */
  boolean put(long id, long place) {
    if (id == EMPTY) throw new IllegalArgumentException("post id 0");
    if ((size + 1) * 4L > (mask + 1) * 3L) grow();
    int i = spread(id) & mask;
    while (slots[2 * i] != EMPTY) {
      if (slots[2 * i] == id) return false;
      i = (i + 1) & mask;
    }
    slots[2 * i] = id;
    slots[2 * i + 1] = place;
    size++;
    return true;
  }

  /**
   * The table of {@code n} ids and their places, as a restart reads them (millions, in no useful
   * order). Put one by one at random, nearly every put missed the cache and waited for memory: most
   * of the time it took to read the posts back. So they are first sorted by the region of the table
   * their slot is in (a counting sort: two passes front to back), and each region, small enough to
   * stay in the cache, is then filled at once.
   *
   * @throws IllegalArgumentException for an id given twice
   */
  static PostPlaces of(long[] ids, long[] places, int n) {
    return of(ids, places, n, REGION_BITS);
  }

  /** The same with regions of 2^{@code regionBits} slots (tests use small ones, to have many). */
  static PostPlaces of(long[] ids, long[] places, int n, int regionBits) {
    return of(ids, places, n, regionBits, null);
  }

  /**
   * As {@link #of}, but an id given again takes the later place, and {@code replaced} hears the
   * earlier one (the sort keeps the order of each id's places).
   */
  static PostPlaces ofLatest(long[] ids, long[] places, int n, java.util.function.LongConsumer replaced) {
    return of(ids, places, n, REGION_BITS, replaced);
  }

  private static PostPlaces of(long[] ids, long[] places, int n, int regionBits, java.util.function.LongConsumer replaced) {
    PostPlaces table = new PostPlaces(n);
    int shift = Math.min(regionBits, Integer.numberOfTrailingZeros(table.mask + 1));
    int regions = (table.mask >>> shift) + 1;
    int[] start = new int[regions + 1];
    for (int i = 0; i < n; i++) start[((spread(ids[i]) & table.mask) >>> shift) + 1]++;
    for (int r = 0; r < regions; r++) start[r + 1] += start[r];
    long[] byRegion = new long[2 * n]; // id, place: the order they are put in
    for (int i = 0; i < n; i++) {
      int k = start[(spread(ids[i]) & table.mask) >>> shift]++;
      byRegion[2 * k] = ids[i];
      byRegion[2 * k + 1] = places[i];
    }
    for (int k = 0; k < n; k++) {
      if (table.put(byRegion[2 * k], byRegion[2 * k + 1])) continue;
      if (replaced == null) throw new IllegalArgumentException("post " + byRegion[2 * k] + " twice");
      replaced.accept(table.replace(byRegion[2 * k], byRegion[2 * k + 1]));
    }
    return table;
  }

  /** Gives {@code id} (which has a place) another; returns the one it had. */
  private long replace(long id, long place) {
    int i = spread(id) & mask;
    while (slots[2 * i] != id) i = (i + 1) & mask;
    long before = slots[2 * i + 1];
    slots[2 * i + 1] = place;
    return before;
  }

  /** A region of 2^14 slots is 256 KiB of the table. */
  private static final int REGION_BITS = 14;

  /** Removes {@code id}; returns its place, or -1 when it had none. */
  long remove(long id) {
    int i = spread(id) & mask;
    while (true) {
      long k = slots[2 * i];
      if (k == EMPTY) return -1;
      if (k == id) break;
      i = (i + 1) & mask;
    }
    long place = slots[2 * i + 1];
    size--;
    // shift later entries of the same run back, so no lookup stops early at the hole (no tombstones)
    int hole = i;
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      long k = slots[2 * j];
      if (k == EMPTY) break;
      int home = spread(k) & mask;
      // move k into the hole unless its home lies cyclically in (hole, j]
      boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
      if (!stays) {
        slots[2 * hole] = k;
        slots[2 * hole + 1] = slots[2 * j + 1];
        hole = j;
      }
    }
    slots[2 * hole] = EMPTY;
    slots[2 * hole + 1] = 0;
    return place;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    mask = (slots.length / 2) - 1;
    size = 0;
    for (int i = 0; i < old.length; i += 2) if (old[i] != EMPTY) put(old[i], old[i + 1]);
  }
}
