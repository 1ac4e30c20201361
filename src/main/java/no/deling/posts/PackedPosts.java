package no.deling.posts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * The posts a snapshot read back, kept as their records ({@link PostRecords}) one after another in
 * large arrays until something changes them, instead of an object each. A restart on ten million
 * events read back 5.3 million posts: as objects they were most of its work and most of what its
 * collector copied; as records, reading them is a copy and an index entry each. A read decodes the
 * post it asks for into a new object (the text stays where it is); a change takes the post out
 * ({@link #take}) and {@link PostIndex} keeps it as an object from then on.
 *
 * <p>The arrays are "humongous" to G1 (8 MiB, regions are 4 MiB on a heap of a few gigabytes): made
 * in the old generation and never copied. Readers decode under the read model's read lock; only
 * {@link #take}, under the write lock, changes anything.
 */
public final class PackedPosts {
  /** Two 4 MiB regions, less the array's header, so that the array fills them exactly. */
  static final int SLAB = (8 << 20) - 16;
  /** A record longer than this gets an array of its own rather than leaving much of a slab empty. */
  static final int OWN_ARRAY_OVER = (64 << 10) / 4;
  /**
   * The first slabs are small, so that a new slab is made every few hundred posts while the JIT
   * profiles the reading loop. Made first only after some 60,000 posts, the branch had never been
   * taken in its profile: C2 compiled it away, and the first new slab threw the compiled loop out.
   */
  private static final int SMALL_SLAB = 64 << 10;
  /** About 125,000 posts, past where the JIT compiles the loop. */
  private static final int SMALL_SLABS = 256;

  /** Each post's record: its slab's number in the high half, its offset in the low half. */
  private final PostPlaces where;
  /** Grows by the run of records each snapshot packs ({@link #append}); a slab never changes but for {@link #take}. */
  private byte[][] slabs;
  /** How much of each slab is records. */
  private int[] used;
  private PostTable table;
  /**
   * A snapshot is writing the records out while applying goes on ({@link #freeze}): a post taken
   * out meanwhile leaves its record's bytes as they are, for the snapshot to write, and its place
   * waits in {@link #deferred} until {@link #settle}.
   */
  private volatile boolean frozen;
  /** Places of records taken out while frozen, not yet marked superseded nor zeroed. Write lock. */
  private final it.unimi.dsi.fastutil.longs.LongArrayList deferred = new it.unimi.dsi.fastutil.longs.LongArrayList();

  private PackedPosts(PostPlaces where, byte[][] slabs, int[] used, PostTable table) {
    this.where = where;
    this.slabs = slabs;
    this.used = used;
    this.table = table;
  }

  public static PackedPosts none() {
    return new PackedPosts(new PostPlaces(0), new byte[0][], new int[0], PostTable.EMPTY);
  }

  public int size() {
    return where.size();
  }

  /** Bytes of the arrays the records are kept in (what they take in the heap, less the index). */
  long bytesHeld() {
    long n = 0;
    for (byte[] slab : slabs) n += slab.length;
    return n;
  }

  /** The strings and tag sets the records refer to. */
  public PostTable table() {
    return table;
  }

  /** The post as a new object, or null when there is no record of it (never one, or taken out). */
  public PostView get(long id) {
    long ref = where.get(id);
    return ref < 0 ? null : PostRecords.decode(slabs[(int) (ref >>> 32)], (int) ref, table, false);
  }

  /**
   * Takes the post out, to be kept as an object from now on: the object gets a copy of its text,
   * and the record's bytes are overwritten with zeros (a post changes when it is edited or deleted,
   * and then its old words must leave memory). Null when there is no record of it. Under the write lock.
   */
  PostView take(long id) {
    long ref = where.remove(id);
    if (ref < 0) return null;
    PostView v = PostRecords.decode(slabs[(int) (ref >>> 32)], (int) ref, table, true);
    if (frozen) deferred.add(ref);
    else supersede(ref);
    return v;
  }

  private void supersede(long ref) {
    byte[] slab = slabs[(int) (ref >>> 32)];
    int at = (int) ref;
    Arrays.fill(slab, at + 1, PostRecords.end(slab, at), (byte) 0);
    slab[at] = (byte) PostRecords.SUPERSEDED;
  }

  /**
   * The records as they are now, for a snapshot that writes them out after applying went on: until
   * {@link #thaw}, a post taken out leaves its record as it is. Under the read lock, with applying stopped.
   */
  public Frozen freeze() {
    if (!deferred.isEmpty()) throw new IllegalStateException("records taken out under the last snapshot are not settled yet");
    frozen = true;
    return new Frozen(slabs.clone(), used.clone(), table, where.size(), slabs.length, 0);
  }

  /** Whether a snapshot is writing the records out ({@link #freeze} until {@link #thaw}). */
  boolean isFrozen() {
    return frozen;
  }

  /** The snapshot no longer reads the records: any thread. {@link #settle} then finishes what was taken out meanwhile. */
  public void thaw() {
    frozen = false;
  }

  /** Marks superseded, and zeroes, the records taken out while frozen, once thawed. Write lock. */
  public void settle() {
    if (deferred.isEmpty() || frozen) return;
    for (int i = 0; i < deferred.size(); i++) supersede(deferred.getLong(i));
    deferred.clear();
  }

  /**
   * Records as they were when {@link #freeze} was called (and a snapshot's new ones beside them): what a snapshot writes.
   *
   * @param runFrom the first slab of the new run ({@link #with}); {@code slabs.length} when there is none
   * @param runCount how many records the new run holds
   */
  public record Frozen(byte[][] slabs, int[] used, PostTable table, int size, int runFrom, int runCount) {
    /** The same with a run of records made since, their strings in {@code table} (which extends this one's). */
    public Frozen with(Builder run, PostTable table) {
      Frozen joined = joined(slabs, used, run, table, size + run.count);
      return new Frozen(joined.slabs, joined.used, table, joined.size, slabs.length, run.count);
    }

    /** Every record not superseded when frozen, as it is. */
    public void forEachRecord(RecordSink sink) {
      PackedPosts.forEachRecord(slabs, used, sink, null, 0);
    }

    /** Only the new run's records ({@link #with}): the posts that were objects when frozen. */
    public void forEachNewRecord(RecordSink sink) {
      PackedPosts.forEachRecord(slabs, used, sink, null, runFrom);
    }
  }

  /**
   * Keeps {@code run}'s records too (a snapshot packed posts that had been objects), their strings
   * in {@code table}, which extends this one's. Write lock.
   */
  public void append(Builder run, PostTable table) {
    int base = slabs.length;
    for (int i = 0; i < run.count; i++) {
      if (!where.put(run.ids[i], run.places[i] + ((long) base << 32))) throw new IllegalStateException("post " + run.ids[i] + " packed twice");
    }
    Frozen joined = joined(slabs, used, run, table, where.size());
    slabs = joined.slabs();
    used = joined.used();
    this.table = table;
  }

  /** The slabs and how much of each is used, {@code run}'s after these. */
  private static Frozen joined(byte[][] slabs, int[] used, Builder run, PostTable table, int size) {
    byte[][] s = Arrays.copyOf(slabs, slabs.length + run.slabs.size());
    int[] u = Arrays.copyOf(used, s.length);
    for (int i = 0; i < run.slabs.size(); i++) {
      s[slabs.length + i] = run.slabs.get(i);
      u[slabs.length + i] = run.used[i];
    }
    return new Frozen(s, u, table, size, s.length, 0);
  }

  /** Every post there is a record of, decoded; those whose publishing time {@code published} rejects are skipped undecoded. */
  public void forEach(LongPredicate published, Consumer<PostView> action) {
    forEachRecord((slab, at, length) -> {
      if (published.test(PostRecords.publishedAt(slab, at))) action.accept(PostRecords.decode(slab, at, table, false));
    });
  }

  /** Receives a record's bytes: {@code length} of them from {@code at}. */
  @FunctionalInterface
  public interface RecordSink {
    void record(byte[] slab, int at, int length);
  }

  /** Every record not taken out, as it is, in the order read. */
  public void forEachRecord(RecordSink sink) {
    forEachRecord(slabs, used, sink, deferred.isEmpty() ? null : where, 0);
  }

  /** With {@code live} (records were taken out under a snapshot, not yet marked): only those it still places there. */
  private static void forEachRecord(byte[][] slabs, int[] used, RecordSink sink, PostPlaces live, int fromSlab) {
    for (int s = fromSlab; s < slabs.length; s++) {
      byte[] slab = slabs[s];
      int end = used[s];
      PostRecords.Cursor c = new PostRecords.Cursor(slab, 0);
      while (c.at < end) {
        int length = c.varInt();
        if ((slab[c.at] & PostRecords.SUPERSEDED) == 0
            && (live == null || live.get(PostRecords.id(slab, c.at)) == ((long) s << 32 | c.at))) {
          sink.record(slab, c.at, length);
        }
        c.at += length;
      }
    }
  }

  /** Collects records, each preceded by its length, into slabs; then {@link #build}. Not thread-safe. */
  public static final class Builder {
    /** Each record's id and place, in the order they came: indexed all at once by {@link #build}. */
    private long[] ids;
    private long[] places;
    private int count;
    private final ArrayList<byte[]> slabs = new ArrayList<>();
    private int[] used = new int[64];
    private byte[] slab = new byte[0];
    private int slabIndex = -1;
    private int at;
    private int slabsMade;
    private byte[] target;
    private int targetIndex;
    private int recordAt;

    public Builder(int expected) {
      ids = new long[Math.max(16, expected)];
      places = new long[ids.length];
    }

    /** The array a record of {@code length} bytes is to be copied into, at {@link #recordAt}; then {@link #added}. */
    public byte[] room(int length) {
      int needed = length + 5;
      if (length > OWN_ARRAY_OVER) {
        target = new byte[needed];
        targetIndex = slabs.size();
        slabs.add(target);
        recordAt = PostRecords.writeVarLong(target, 0, length);
        return target;
      }
      if (needed > slab.length - at) {
        // SMALL_SLABS of 64 KiB, then SLAB: chosen without a branch, which would be one more the JIT could compile
        // away (and throw the loop's code out at the first large slab). Sizes between would waste up to half of
        // their regions (a humongous array takes whole ones).
        slab = new byte[Math.min(SLAB, SMALL_SLAB << (Math.min(SMALL_SLABS, slabsMade++) / SMALL_SLABS * 7))];
        slabIndex = slabs.size();
        slabs.add(slab);
        at = 0;
      }
      target = slab;
      targetIndex = slabIndex;
      recordAt = PostRecords.writeVarLong(slab, at, length);
      return slab;
    }

    public int recordAt() {
      return recordAt;
    }

    /** The record {@link #room} made room for is in place. */
    public void added(int length) {
      if (count == ids.length) {
        ids = Arrays.copyOf(ids, count * 2);
        places = Arrays.copyOf(places, count * 2);
      }
      ids[count] = PostRecords.id(target, recordAt);
      places[count++] = (long) targetIndex << 32 | recordAt;
      int end = recordAt + length;
      if (targetIndex >= used.length) used = Arrays.copyOf(used, used.length * 2);
      used[targetIndex] = end;
      if (target == slab) at = end;
    }

    /**
     * The last slab cut to what it holds, when more than a small slab of it is empty: a snapshot
     * packs a run of records into slabs of their own, and an 8 MiB slab mostly empty at the end of
     * each would add up over a server's life. Once every record is added.
     */
    void trim() {
      if (slabIndex < 0 || slab.length - at <= SMALL_SLAB) return;
      slab = Arrays.copyOf(slab, at);
      slabs.set(slabIndex, slab);
    }

    public PackedPosts build(PostTable table) {
      trim();
      PostPlaces where = PostPlaces.of(ids, places, count);
      ids = null;
      places = null;
      return new PackedPosts(where, slabs.toArray(new byte[0][]), Arrays.copyOf(used, slabs.size()), table);
    }

    /**
     * As {@link #build}, for records read from several runs oldest first, in which a post may come
     * again (it changed after the run before was written): its last record is the one kept, and
     * each earlier one is marked superseded and zeroed, as if it had been taken out.
     */
    public PackedPosts buildLatest(PostTable table) {
      trim();
      byte[][] all = slabs.toArray(new byte[0][]);
      PostPlaces where = PostPlaces.ofLatest(ids, places, count, earlier -> {
        byte[] slab = all[(int) (earlier >>> 32)];
        int at = (int) earlier;
        Arrays.fill(slab, at + 1, PostRecords.end(slab, at), (byte) 0);
        slab[at] = (byte) PostRecords.SUPERSEDED;
      });
      ids = null;
      places = null;
      return new PackedPosts(where, all, Arrays.copyOf(used, slabs.size()), table);
    }
  }
}
