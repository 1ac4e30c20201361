package no.deling.readmodel.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import no.deling.posts.PackedPosts;
import no.deling.posts.PostIndex;
import no.deling.posts.PostTable;

/**
 * The posts of a snapshot. Their records ({@code PostRecords}: each its length, then its bytes)
 * are kept in run files beside the snapshot ({@link Snapshots}), each sealed under a key of its
 * own; the snapshot's own section holds how many posts there are, the table of strings and tag
 * sets the records refer to by number, and which runs, oldest first, hold the records. A snapshot
 * usually writes one new run: the posts published or changed since the one before (the posts the
 * index kept as objects). A post that changed comes again in a later run, and the later record is
 * the one read back ({@link PackedPosts.Builder#buildLatest}). Writing every post into every
 * snapshot had cost 130 MB and half a second of a core every few seconds on 1.5 million posts.
 *
 * <p>Read back, the records stay records ({@link PackedPosts}): reading a post is a copy into a
 * large array and an index entry, not an object. The table only ever grows from the one the
 * records were read with, so a record in an older run refers to the same strings in the newest
 * table.
 */
final class PostsSection {
  private PostsSection() {}

  /** A run file of records: its name (the key that seals it is named after it), how many records, and its size. */
  record Run(String name, long records, long bytes) {}

  /** What a snapshot's own posts section says. */
  record Contents(long size, PostTable table, List<Run> runs) {}

  /** Writes a run of records to disk, synced, and answers the runs the snapshot is to list, oldest first. */
  @FunctionalInterface
  interface RunWriter {
    List<Run> write(PackedPosts.Frozen frozen) throws IOException;
  }

  /**
   * The section as a snapshot writes it: the posts are frozen ({@link PostIndex#freeze}, the
   * encoding of those kept as objects) while the models stand still, and written out after they
   * moved on (writing them had been most of a snapshot's pause). The records go to a run file
   * through {@code runs}; the section lists it.
   */
  static Late late(PostIndex posts, RunWriter runs) {
    return new Late(posts, runs);
  }

  /** The posts section as a snapshot writes it (see {@link #late}). */
  static final class Late implements SnapshotFile.LateBody {
    private final PostIndex posts;
    private final RunWriter runs;
    private final CompletableFuture<Void> released = new CompletableFuture<>();

    private Late(PostIndex posts, RunWriter runs) {
      this.posts = posts;
      this.runs = runs;
    }

    @Override
    public CompletableFuture<Void> released() {
      return released;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      try {
        PackedPosts.Frozen frozen;
        try {
          frozen = posts.freeze();
        } catch (RuntimeException e) {
          released.completeExceptionally(e);
          throw e;
        }
        released.complete(null);
        List<Run> listed = runs.write(frozen);
        writeContents(new Contents(frozen.size(), frozen.table(), listed), out);
      } finally {
        posts.thaw();
      }
    }
  }

  /** A run file's body: how many records, then each; every record of the frozen posts, or only the new run's. */
  static long writeRecords(PackedPosts.Frozen posts, boolean all, OutputStream out) {
    CompactWriter w = new CompactWriter(out);
    long expected = all ? posts.size() : posts.runCount();
    w.varLong(expected);
    long[] written = {0};
    PackedPosts.RecordSink sink = (bytes, at, length) -> {
      w.block(bytes, at, length);
      written[0]++;
    };
    if (all) posts.forEachRecord(sink);
    else posts.forEachNewRecord(sink);
    if (written[0] != expected) throw new IllegalStateException(written[0] + " posts written of " + expected);
    w.flush();
    return expected;
  }

  /** Adds a run file's records to {@code into}; returns how many. */
  static int readRecords(InputStream in, PackedPosts.Builder into) {
    return readRecords(new CompactReader(in), into);
  }

  private static int readRecords(CompactReader r, PackedPosts.Builder into) {
    try {
      int n = r.count();
      for (int i = 0; i < n; i++) {
        int length = r.blockLength();
        r.textInto(into.room(length), into.recordAt(), length);
        into.added(length);
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw new UncheckedIOException(new IOException("damaged run: " + e.getMessage(), e));
    }
  }

  static void writeContents(Contents c, OutputStream out) {
    CompactWriter w = new CompactWriter(out);
    w.varLong(c.size());
    writeTable(c.table(), w);
    w.varLong(c.runs().size());
    for (Run run : c.runs()) {
      w.text(run.name());
      w.varLong(run.records());
      w.varLong(run.bytes());
    }
    w.flush();
  }

  static Contents readContents(InputStream in) {
    return readContents(new CompactReader(in));
  }

  private static Contents readContents(CompactReader r) {
    try {
      long size = r.varLong();
      PostTable table = readTable(r);
      int n = r.count();
      List<Run> runs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String name = r.text();
        if (name == null || !Snapshots.isRunName(name)) throw new IOException("damaged section: a run named " + name);
        runs.add(new Run(name, r.varLong(), r.varLong()));
      }
      return new Contents(size, table, runs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw new UncheckedIOException(new IOException("damaged section: " + e.getMessage(), e));
    }
  }

  private static void writeTable(PostTable t, CompactWriter w) {
    w.varLong(t.strings().size());
    for (String s : t.strings()) w.text(s);
    w.varLong(t.tagSetNumbers().size());
    for (int[] set : t.tagSetNumbers()) {
      w.varLong(set.length);
      for (int n : set) w.varLong(n);
    }
  }

  private static PostTable readTable(CompactReader r) throws IOException {
    String[] strings = new String[r.count()];
    for (int i = 0; i < strings.length; i++) {
      strings[i] = r.text();
      if (strings[i] == null) throw new IOException("damaged section: a null in the posts' strings");
    }
    int[][] tagSets = new int[r.count()][];
    for (int i = 0; i < tagSets.length; i++) {
      int[] set = new int[r.count()];
      for (int j = 0; j < set.length; j++) set[j] = (int) r.varLong();
      tagSets[i] = set;
    }
    return PostTable.of(strings, tagSets);
  }

  // ------------------------------------------------------------------ the whole in one stream (tests)

  /** Every post's record and the table in one stream, frozen and thawed as a snapshot does: how tests hold an index's records. */
  static void write(PostIndex posts, OutputStream out) {
    try {
      late(posts, frozen -> {
        writeRecords(frozen, true, out);
        return List.of();
      }).writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The records, then the contents (table and no runs), of frozen posts. */
  static void write(PackedPosts.Frozen posts, OutputStream out) {
    writeRecords(posts, true, out);
    writeContents(new Contents(posts.size(), posts.table(), List.of()), out);
  }

  /** What {@link #write} wrote, as records. */
  static PackedPosts read(InputStream in) {
    CompactReader r = new CompactReader(in);
    PackedPosts.Builder posts = new PackedPosts.Builder(1024);
    readRecords(r, posts);
    return posts.buildLatest(readContents(r).table());
  }
}
