package no.deling.readmodel.snapshot;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import no.deling.endorsements.Endorsements;
import no.deling.notifications.Notification;
import no.deling.notifications.Notifications;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;

/**
 * The section of a snapshot that holds the numerous plain records (the posts, the endorsements,
 * the notifications), written field by field in a format of their own rather than through Kryo: they
 * are most of a snapshot, and one monomorphic loop reads them in a fraction of the time (and of
 * the JIT's time) Kryo's general reader takes. Read on a thread of its own beside the other
 * section (the models, through Kryo).
 *
 * <p>Numbers are unsigned LEB128. Strings and string arrays go through a table each: a string is
 * written once and then as its number, so every post by one author gets the same instance back.
 * Tag arrays are shared the same way (millions of posts carry a few thousand distinct sets; an
 * edit replaces a post's array, never changes it in place), and so are single mentions; links and
 * longer lists of people are written each time. A text is its UTF-8 bytes (a post's are kept as
 * they are, so reading one back is a copy).
 */
final class CompactSection {
  private static final String[] NONE = new String[0];
  /** String and array references: 0 null, then 1 a new entry, then the table's entries from {@code TABLE}. */
  private static final int NULL = 0;
  private static final int NEW = 1;
  private static final int EMPTY = 2;
  private static final int NEW_UNSHARED = 3;
  private static final int TABLE = 4;

  private CompactSection() {}

  /** What the section held. */
  record Contents(Long2ObjectOpenHashMap<PostView> posts, Endorsements.Restoring endorsements, Notifications notifications) {}

  static void write(PostIndex posts, Endorsements endorsements, Notifications notifications, OutputStream out) {
    Writer w = new Writer(out);
    w.varLong(posts.size());
    posts.forEach(w::post);
    long[] count = new long[1];
    endorsements.forEach((post, who, at) -> count[0]++);
    w.varLong(endorsements.posts());
    w.varLong(count[0]);
    endorsements.forEach(w::endorsement);
    w.varLong(notifications.recipients());
    notifications.forEachPerson(w::person);
    w.flush();
  }

  static Contents read(InputStream in) {
    try {
      Reader r = new Reader(in);
      int n = (int) r.varLong();
      Long2ObjectOpenHashMap<PostView> posts = new Long2ObjectOpenHashMap<>(n);
      for (int i = 0; i < n; i++) {
        PostView v = r.post();
        posts.put(v.id, v);
      }
      Endorsements.Restoring endorsements = new Endorsements.Restoring((int) r.varLong());
      long endorsementCount = r.varLong();
      for (long i = 0; i < endorsementCount; i++) endorsements.add(r.varLong(), r.string(), r.varLong());
      Notifications notifications = new Notifications();
      int people = (int) r.varLong();
      for (int i = 0; i < people; i++) r.person(notifications);
      return new Contents(posts, endorsements, notifications);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Writer {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private final Object2IntOpenHashMap<String> strings = new Object2IntOpenHashMap<>();
    private final Object2IntOpenHashMap<List<String>> arrays = new Object2IntOpenHashMap<>();

    Writer(OutputStream out) {
      this.out = out;
      strings.defaultReturnValue(-1);
      arrays.defaultReturnValue(-1);
    }

    void post(PostView v) {
      varLong(v.id);
      string(v.author);
      varLong(v.inReplyTo);
      varLong(v.threadRoot);
      varLong(v.publishedAt);
      varLong(v.position);
      string(v.group);
      string(v.kind);
      varLong(v.revisedAt);
      text(v.textUtf8);
      array(v.hashtags, Integer.MAX_VALUE);
      array(v.mentions, 1);
      array(v.links, 0);
      varLong(v.editedAt);
      varLong(v.deleted ? 1 : 0);
      varLong(v.replies & 0xFFFFFFFFL);
    }

    void endorsement(long postId, String endorser, long atMillis) {
      varLong(postId);
      string(endorser);
      varLong(atMillis);
    }

    void person(String recipient, long readUpTo, Collection<Notification> oldestFirst) {
      string(recipient);
      varLong(readUpTo);
      varLong(oldestFirst.size());
      for (Notification n : oldestFirst) {
        varLong(n.id());
        string(n.recipient());
        string(n.kind());
        string(n.from());
        varLong(n.post());
        string(n.group());
        varLong(n.atMillis());
        string(n.note());
      }
    }

    private void string(String s) {
      if (s == null) {
        varLong(NULL);
        return;
      }
      if (writtenBefore(strings, s)) return;
      varLong(NEW);
      bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code key}'s number if the table has it; else gives it the next one and returns false. */
    private <K> boolean writtenBefore(Object2IntOpenHashMap<K> table, K key) {
      int known = table.getInt(key);
      if (known >= 0) {
        varLong(TABLE + known);
        return true;
      }
      table.put(key, table.size());
      return false;
    }

    private void text(byte[] utf8) {
      if (utf8 == null) varLong(0);
      else {
        varLong(1);
        bytes(utf8);
      }
    }

    /** Arrays up to {@code sharedUpTo} long are written once and then as their number. */
    private void array(String[] a, int sharedUpTo) {
      if (a == null) {
        varLong(NULL);
        return;
      }
      if (a.length == 0) {
        varLong(EMPTY);
        return;
      }
      if (a.length > sharedUpTo) {
        varLong(NEW_UNSHARED);
      } else {
        if (writtenBefore(arrays, Arrays.asList(a))) return;
        varLong(NEW);
      }
      varLong(a.length);
      for (String s : a) string(s);
    }

    private void bytes(byte[] b) {
      varLong(b.length);
      if (b.length > buf.length - pos) {
        flush();
        if (b.length > buf.length) {
          write(b, b.length);
          return;
        }
      }
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
    }

    void varLong(long v) {
      if (buf.length - pos < 10) flush();
      while ((v & ~0x7FL) != 0) {
        buf[pos++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[pos++] = (byte) v;
    }

    void flush() {
      write(buf, pos);
      pos = 0;
    }

    private void write(byte[] b, int n) {
      try {
        out.write(b, 0, n);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final class Reader {
    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private final ArrayList<String> strings = new ArrayList<>();
    private final ArrayList<String[]> arrays = new ArrayList<>();

    Reader(InputStream in) {
      this.in = in;
    }

    PostView post() throws IOException {
      long id = varLong();
      String author = string();
      long inReplyTo = varLong();
      long threadRoot = varLong();
      long publishedAt = varLong();
      long position = varLong();
      String group = string();
      String kind = string();
      PostView v = PostView.restored(id, author, inReplyTo, threadRoot, publishedAt, position, group, kind);
      v.revisedAt = varLong();
      v.textUtf8 = varLong() == 0 ? null : utf8Bytes();
      v.hashtags = array();
      v.mentions = array();
      v.links = array();
      v.editedAt = varLong();
      v.deleted = varLong() != 0;
      v.replies = (int) varLong();
      return v;
    }

    void person(Notifications into) throws IOException {
      String recipient = string();
      long readUpTo = varLong();
      Notification[] list = new Notification[(int) varLong()];
      for (int i = 0; i < list.length; i++) {
        list[i] = new Notification(varLong(), string(), string(), string(), varLong(), string(), varLong(), string());
      }
      into.restore(recipient, readUpTo, list);
    }

    private String string() throws IOException {
      int ref = (int) varLong();
      if (ref == NULL) return null;
      if (ref >= TABLE) return strings.get(ref - TABLE);
      if (ref != NEW) throw new IOException("damaged section: string reference " + ref);
      String s = utf8();
      strings.add(s);
      return s;
    }

    private String[] array() throws IOException {
      int ref = (int) varLong();
      switch (ref) {
        case NULL:
          return null;
        case EMPTY:
          return NONE;
        case NEW:
        case NEW_UNSHARED:
          String[] a = new String[(int) varLong()];
          for (int i = 0; i < a.length; i++) a[i] = string();
          if (ref == NEW) arrays.add(a);
          return a;
        default:
          return arrays.get(ref - TABLE);
      }
    }

    private String utf8() throws IOException {
      int n = buffered();
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    /** A text as its bytes, copied (a post keeps its text in UTF-8). */
    private byte[] utf8Bytes() throws IOException {
      int n = buffered();
      byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return b;
    }

    /** Reads a length and makes sure that many bytes are in the buffer from {@code pos}. */
    private int buffered() throws IOException {
      int n = (int) varLong();
      if (n < 0) throw new IOException("damaged section: a text of length " + n);
      if (limit - pos < n) {
        if (n > buf.length) buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        fill(n);
        if (limit - pos < n) throw new EOFException("section ends inside a text");
      }
      return n;
    }

    long varLong() throws IOException {
      if (limit - pos < 10) fill(Math.min(10, buf.length));
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos == limit) throw new EOFException("section ends inside a number");
        byte b = buf[pos++];
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) return v;
      }
      throw new IOException("damaged section: a number longer than 64 bits");
    }

    /** At least {@code n} bytes in the buffer from {@code pos}, unless the section ends first (the caller checks). */
    private void fill(int n) throws IOException {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
      while (limit < n) {
        int read = in.read(buf, limit, buf.length - limit);
        if (read < 0) return;
        limit += read;
      }
    }
  }
}
