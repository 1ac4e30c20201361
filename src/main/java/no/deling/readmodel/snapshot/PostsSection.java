package no.deling.readmodel.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import no.deling.posts.PackedPosts;
import no.deling.posts.PostIndex;
import no.deling.posts.PostTable;

/**
 * The section of a snapshot that holds the posts: how many, each as its record ({@code
 * PostRecords}: its length, then its bytes), and after them the table of strings and tag sets the
 * records refer to by number. Read back, the records stay records ({@link PackedPosts}): reading a
 * post is a copy into a large array and an index entry, not an object. A post unchanged since the
 * snapshot it came from is written again as it was read, so the table only ever grows from the one
 * the records were read with. Read on a thread of its own beside the other sections.
 */
final class PostsSection {
  private PostsSection() {}

  /** The section whole, with the models standing still throughout (a test's way; a snapshot's is {@link #late}). */
  static void write(PostIndex posts, OutputStream out) {
    late(posts).writeTo(out);
  }

  /**
   * The section as a snapshot writes it: the posts are frozen ({@link PostIndex#freeze}, the
   * encoding of those kept as objects) while the models stand still, and written out after they
   * moved on. Writing them was most of a snapshot's pause (0.4 of 0.6 s on 1.5 million posts).
   */
  static Late late(PostIndex posts) {
    return new Late(posts);
  }

  /** The posts section as a snapshot writes it (see {@link #late}). */
  static final class Late implements SnapshotFile.LateBody {
    private final PostIndex posts;
    private final java.util.concurrent.CompletableFuture<Void> released = new java.util.concurrent.CompletableFuture<>();

    private Late(PostIndex posts) {
      this.posts = posts;
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> released() {
      return released;
    }

    @Override
    public void writeTo(OutputStream out) {
      try {
        PackedPosts.Frozen frozen;
        try {
          frozen = posts.freeze();
        } catch (RuntimeException e) {
          released.completeExceptionally(e);
          throw e;
        }
        released.complete(null);
        write(frozen, out);
      } finally {
        posts.thaw();
      }
    }
  }

  static void write(PackedPosts.Frozen posts, OutputStream out) {
    CompactWriter w = new CompactWriter(out);
    w.varLong(posts.size());
    long[] written = {0};
    posts.forEachRecord((bytes, at, length) -> {
      w.block(bytes, at, length);
      written[0]++;
    });
    if (written[0] != posts.size()) throw new IllegalStateException(written[0] + " posts written of " + posts.size());
    PostTable t = posts.table();
    w.varLong(t.strings().size());
    for (String s : t.strings()) w.text(s);
    w.varLong(t.tagSetNumbers().size());
    for (int[] set : t.tagSetNumbers()) {
      w.varLong(set.length);
      for (int n : set) w.varLong(n);
    }
    w.flush();
  }

  static PackedPosts read(InputStream in) {
    try {
      CompactReader r = new CompactReader(in);
      int n = r.count();
      PackedPosts.Builder posts = new PackedPosts.Builder(n);
      for (int i = 0; i < n; i++) {
        int length = r.blockLength();
        r.textInto(posts.room(length), posts.recordAt(), length);
        posts.added(length);
      }
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
      return posts.build(PostTable.of(strings, tagSets));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw new UncheckedIOException(new IOException("damaged section: " + e.getMessage(), e));
    }
  }
}
