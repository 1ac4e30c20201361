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

  static void write(PostIndex posts, OutputStream out) {
    CompactWriter w = new CompactWriter(out);
    w.varLong(posts.size());
    PostTable.Builder table = new PostTable.Builder(posts.recordTable());
    long[] written = {0};
    posts.forEachRecord(table, (bytes, at, length) -> {
      w.block(bytes, at, length);
      written[0]++;
    });
    if (written[0] != posts.size()) throw new IllegalStateException(written[0] + " posts written of " + posts.size());
    PostTable t = table.table();
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
