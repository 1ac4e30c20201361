package no.deling.readmodel.snapshot;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
 * edit replaces a post's array, never changes it in place), and so are single mentions; longer
 * lists of people are written each time, and links as texts, without the table (most are the only
 * one of their kind: a table of millions of them cost more of a snapshot's writing than anything
 * else, and the running server does not share them either). A text is its UTF-8 bytes (a post's
 * are kept as they are, so reading one back is a copy, into a {@link TextSlabs slab}).
 */
final class PostsSection {
  private PostsSection() {}

  static void write(PostIndex posts, OutputStream out) {
    CompactWriter w = new CompactWriter(out);
    w.varLong(posts.size());
    posts.forEach(v -> post(w, v));
    w.flush();
  }

  static Long2ObjectOpenHashMap<PostView> read(InputStream in) {
    try {
      CompactReader r = new CompactReader(in);
      int n = r.count();
      Long2ObjectOpenHashMap<PostView> posts = new Long2ObjectOpenHashMap<>(n);
      TextSlabs texts = new TextSlabs();
      for (int i = 0; i < n; i++) {
        PostView v = post(r, texts);
        posts.put(v.id, v);
      }
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
    w.text(v.textArray(), v.textFrom(), v.textLength());
    w.array(v.hashtags, Integer.MAX_VALUE);
    w.array(v.mentions, 1);
    w.texts(v.links);
    w.varLong(v.editedAt);
    w.varLong(v.deleted ? 1 : 0);
    w.varLong(v.replies & 0xFFFFFFFFL);
  }

  private static PostView post(CompactReader r, TextSlabs texts) throws IOException {
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
    texts.readText(r, v);
    v.hashtags = r.array();
    v.mentions = r.array();
    v.links = r.texts();
    v.editedAt = r.varLong();
    v.deleted = r.varLong() != 0;
    v.replies = (int) r.varLong();
    return v;
  }
}
