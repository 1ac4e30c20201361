package no.deling.posts;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A post as bytes: the form a snapshot writes it in, and the one {@link PackedPosts} keeps it in
 * until it changes. Numbers are unsigned LEB128; strings and tag sets are numbers in a {@link
 * PostTable}. In order: a flags byte ({@link #DELETED}, {@link #SUPERSEDED}), the id and the time
 * published (first, so a scan can skip a record after reading two numbers), the author, the post
 * replied to, the thread's root, the log position, the group, the kind, revisedAt, editedAt, the
 * reply count, the hashtags' set, the mentions (how many plus one, 0 for none at all, then each as a
 * string), the links (the same, each as its length and UTF-8), and last the text (its length plus
 * one, 0 when deleted, then UTF-8), so a decoded post can point at its bytes where they are.
 */
public final class PostRecords {
  static final int DELETED = 1;
  /** The post changed after the record was made: the live object is the truth, and the record's bytes are zeros. */
  static final int SUPERSEDED = 2;
  private static final String[] NONE = new String[0];

  private PostRecords() {}

  /** A growable buffer a post is encoded into, reused from post to post. */
  public static final class Buffer {
    byte[] bytes = new byte[1024];
    int length;

    public byte[] bytes() {
      return bytes;
    }

    public int length() {
      return length;
    }

    private void room(int n) {
      if (bytes.length - length < n) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
    }

    void varLong(long v) {
      room(10);
      length = writeVarLong(bytes, length, v);
    }

    void raw(byte[] b, int from, int n) {
      room(n);
      System.arraycopy(b, from, bytes, length, n);
      length += n;
    }
  }

  /** Encodes {@code v} into {@code out} (emptied first), numbering its strings in {@code table}. */
  public static void encode(PostView v, PostTable.Builder table, Buffer out) {
    out.length = 0;
    out.room(1);
    out.bytes[out.length++] = (byte) (v.deleted ? DELETED : 0);
    out.varLong(v.id);
    out.varLong(v.publishedAt);
    out.varLong(table.string(v.author));
    out.varLong(v.inReplyTo);
    out.varLong(v.threadRoot);
    out.varLong(v.position);
    out.varLong(table.string(v.group));
    out.varLong(table.string(v.kind));
    out.varLong(v.revisedAt);
    out.varLong(v.editedAt);
    out.varLong(v.replies & 0xFFFFFFFFL);
    out.varLong(table.tags(v.hashtags));
    if (v.mentions == null) out.varLong(0);
    else {
      out.varLong(v.mentions.length + 1L);
      for (String m : v.mentions) out.varLong(table.string(m));
    }
    if (v.links == null) out.varLong(0);
    else {
      out.varLong(v.links.length + 1L);
      for (String l : v.links) {
        byte[] utf8 = l.getBytes(StandardCharsets.UTF_8);
        out.varLong(utf8.length);
        out.raw(utf8, 0, utf8.length);
      }
    }
    if (v.textUtf8 == null) out.varLong(0);
    else {
      out.varLong(v.textLength + 1L);
      out.raw(v.textUtf8, v.textFrom, v.textLength);
    }
  }

  /** Writes {@code v} as unsigned LEB128 at {@code at}; returns where it ends. */
  static int writeVarLong(byte[] a, int at, long v) {
    while ((v & ~0x7FL) != 0) {
      a[at++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    a[at++] = (byte) v;
    return at;
  }

  /** Reads unsigned LEB128 numbers from {@code at} on. */
  static final class Cursor {
    final byte[] a;
    int at;

    Cursor(byte[] a, int at) {
      this.a = a;
      this.at = at;
    }

    long varLong() {
      long v = 0;
      for (int shift = 0;; shift += 7) {
        byte b = a[at++];
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) return v;
      }
    }

    int varInt() {
      return (int) varLong();
    }
  }

  static int flags(byte[] a, int at) {
    return a[at];
  }

  static long id(byte[] a, int at) {
    return new Cursor(a, at + 1).varLong();
  }

  /**
   * The post a record holds, as a new object. Its text stays where the record has it (the object
   * points into {@code a}) unless {@code ownText}, when it gets an array of its own.
   */
  static PostView decode(byte[] a, int at, PostTable table, boolean ownText) {
    Cursor c = new Cursor(a, at);
    int flags = a[c.at++];
    long id = c.varLong();
    long publishedAt = c.varLong();
    String author = table.string(c.varInt());
    long inReplyTo = c.varLong();
    long threadRoot = c.varLong();
    long position = c.varLong();
    String group = table.string(c.varInt());
    String kind = table.string(c.varInt());
    PostView v = new PostView(id, author, inReplyTo, threadRoot, publishedAt, position, group, kind);
    v.deleted = (flags & DELETED) != 0;
    v.revisedAt = c.varLong();
    v.editedAt = c.varLong();
    v.replies = (int) c.varLong();
    v.hashtags = table.tags(c.varInt());
    int mentions = c.varInt() - 1;
    if (mentions >= 0) {
      String[] m = mentions == 0 ? NONE : new String[mentions];
      for (int i = 0; i < mentions; i++) m[i] = table.string(c.varInt());
      v.mentions = m;
    }
    int links = c.varInt() - 1;
    if (links >= 0) {
      String[] l = links == 0 ? NONE : new String[links];
      for (int i = 0; i < links; i++) {
        int n = c.varInt();
        l[i] = new String(a, c.at, n, StandardCharsets.UTF_8);
        c.at += n;
      }
      v.links = l;
    }
    int text = c.varInt() - 1;
    if (text >= 0) {
      if (ownText) v.restoreText(Arrays.copyOfRange(a, c.at, c.at + text), 0, text);
      else v.restoreText(a, c.at, text);
    }
    return v;
  }

  /** Where the record that starts at {@code at} ends. */
  static int end(byte[] a, int at) {
    Cursor c = new Cursor(a, at + 1);
    for (int i = 0; i < 12; i++) c.varLong(); // id … the hashtags' set
    for (int i = 0, n = c.varInt() - 1; i < n; i++) c.varLong(); // mentions
    for (int i = 0, n = c.varInt() - 1; i < n; i++) {
      int length = c.varInt(); // read before c.at is: `c.at += c.varInt()` would add to the old c.at
      c.at += length;
    }
    int text = c.varInt() - 1;
    return c.at + Math.max(0, text);
  }

  /** The time a record's post was published, read without decoding the rest. */
  static long publishedAt(byte[] a, int at) {
    Cursor c = new Cursor(a, at + 1);
    c.varLong();
    return c.varLong();
  }
}
