package no.deling.readmodel.snapshot;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;

/**
 * The section of a snapshot that holds the posts, written field by field in a format of our own
 * ({@link CompactWriter}'s) rather than through Kryo: they are most of a snapshot, and one
 * monomorphic loop reads them in a fraction of the time (and of the JIT's time) Kryo's general
 * reader takes. Read on a thread of its own beside the other sections.
 *
 * <p>Strings and string arrays go through a table each: a string is written once and then as its
 * number, so every post by one author gets the same instance back.
 * Tag arrays are shared the same way (millions of posts carry a few thousand distinct sets; an
 * edit replaces a post's array, never changes it in place), and so are single mentions; links and
 * longer lists of people are written each time. A text is its UTF-8 bytes (a post's are kept as
 * they are, so reading one back is a copy). The posts are split by id over {@link #PARTS} sections,
 * read on as many threads.
 */
final class PostsSection {
  /** The posts are split over this many sections, read on as many threads (the largest part of a snapshot). */
  static final int PARTS = 2;

  private PostsSection() {}

  /** Which part a post is written in: by its id, mixed (ids end in a sequence number). */
  static int partOf(long id) {
    return Math.floorMod(Long.hashCode(id * 0x9E3779B97F4A7C15L), PARTS);
  }

  /** The posts of one part; the first part also says how many posts there are in all. */
  static void write(PostIndex posts, int part, OutputStream out) {
    CompactWriter w = new CompactWriter(out);
    int[] count = new int[1];
    posts.forEach(v -> {
      if (partOf(v.id) == part) count[0]++;
    });
    if (part == 0) w.varLong(posts.size());
    w.varLong(count[0]);
    posts.forEach(v -> {
      if (partOf(v.id) == part) post(w, v);
    });
    w.flush();
  }

  /**
   * The first part, into a map sized for every post; then the other parts' posts (read meanwhile on
   * threads of their own, see {@link #readPart}) join it.
   */
  static Long2ObjectOpenHashMap<PostView> read(InputStream first, List<? extends java.util.concurrent.Future<PostView[]>> others) {
    try {
      CompactReader r = new CompactReader(first);
      long total = r.varLong();
      if (total < 0 || total > Integer.MAX_VALUE - 16) throw new IOException("damaged section: " + total + " posts");
      Long2ObjectOpenHashMap<PostView> posts = new Long2ObjectOpenHashMap<>((int) total);
      int n = r.count();
      for (int i = 0; i < n; i++) {
        PostView v = post(r);
        posts.put(v.id, v);
      }
      for (java.util.concurrent.Future<PostView[]> other : others) {
        for (PostView v : other.get()) posts.put(v.id, v);
      }
      if (posts.size() != total) throw new IOException("damaged section: " + posts.size() + " posts of " + total);
      return posts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the posts", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    }
  }

  /** Another part's posts, as they were written. */
  static PostView[] readPart(InputStream in) {
    try {
      CompactReader r = new CompactReader(in);
      PostView[] posts = new PostView[r.count()];
      for (int i = 0; i < posts.length; i++) posts[i] = post(r);
      return posts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void post(CompactWriter w, PostView v) {
    w.varLong(v.id);
    w.string(v.author);
    w.varLong(v.inReplyTo);
    w.varLong(v.threadRoot);
    w.varLong(v.publishedAt);
    w.varLong(v.position);
    w.string(v.group);
    w.string(v.kind);
    w.varLong(v.revisedAt);
    w.text(v.textUtf8);
    w.array(v.hashtags, Integer.MAX_VALUE);
    w.array(v.mentions, 1);
    w.array(v.links, 0);
    w.varLong(v.editedAt);
    w.varLong(v.deleted ? 1 : 0);
    w.varLong(v.replies & 0xFFFFFFFFL);
  }

  private static PostView post(CompactReader r) throws IOException {
    long id = r.varLong();
    String author = r.string();
    long inReplyTo = r.varLong();
    long threadRoot = r.varLong();
    long publishedAt = r.varLong();
    long position = r.varLong();
    String group = r.string();
    String kind = r.string();
    PostView v = PostView.restored(id, author, inReplyTo, threadRoot, publishedAt, position, group, kind);
    v.revisedAt = r.varLong();
    v.textUtf8 = r.textBytes();
    v.hashtags = r.array();
    v.mentions = r.array();
    v.links = r.array();
    v.editedAt = r.varLong();
    v.deleted = r.varLong() != 0;
    v.replies = (int) r.varLong();
    return v;
  }
}
