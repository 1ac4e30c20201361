package no.deling.posts;

import java.nio.charset.StandardCharsets;

/**
 * A post as the read side keeps it in memory. Mutable, but only the projection thread writes it,
 * under the read model's write lock; readers copy what they need under the read lock.
 */
public final class PostView {
  public final long id;
  public final String author;
  public final long inReplyTo; // 0 when top-level
  public final long threadRoot;
  public final long publishedAt; // epoch millis
  public final long position;
  /** The group the post is addressed to, or null for everyone. */
  public final String group;
  /** "question" or "idea" (interned), or null for a plain post or reply. */
  public final String kind;
  /** The log position of the latest edit or the delete; 0 when neither happened. */
  public long revisedAt;
  /**
   * The text in UTF-8, {@link #textLength} bytes from {@link #textFrom}, or null once deleted. Posts
   * are most of the heap: kept as bytes, a text costs one object instead of two and mostly a byte
   * per character (a String with one emoji takes two per character), a snapshot copies it back
   * instead of decoding it, and JSON takes it as it is. A post decoded from a snapshot's record
   * ({@link PackedPosts}) points at the text inside the record, in an array shared with thousands of
   * other records ({@link #restoreText}). An edit replaces the array, never changes the
   * bytes a post was given, so its identity tells whether the text changed; the text it replaces,
   * and a deleted post's, is overwritten with zeros, so the words leave memory.
   */
  byte[] textUtf8;
  int textFrom;
  int textLength;
  public String[] hashtags;
  public String[] mentions;
  public String[] links;
  public long editedAt; // 0 when never edited
  public boolean deleted;
  public int replies;

  PostView(long id, String author, long inReplyTo, long threadRoot, long publishedAt, long position, String group, String kind) {
    this.group = group;
    this.kind = kind;
    this.id = id;
    this.author = author;
    this.inReplyTo = inReplyTo;
    this.threadRoot = threadRoot;
    this.publishedAt = publishedAt;
    this.position = position;
  }

  /** A post as a snapshot wrote it (see {@code SnapshotCodec}): its identity here, its state set by the caller. */
  public static PostView restored(long id, String author, long inReplyTo, long threadRoot, long publishedAt, long position, String group,
      String kind) {
    return new PostView(id, author, inReplyTo, threadRoot, publishedAt, position, group, kind);
  }

  /** The text (decoded on each call), or null once deleted. */
  public String text() {
    return textUtf8 == null ? null : new String(textUtf8, textFrom, textLength, StandardCharsets.UTF_8);
  }

  /** The array the text's UTF-8 bytes are in, from {@link #textFrom} ({@link #textLength} of them); null once deleted. */
  public byte[] textArray() {
    return textUtf8;
  }

  public int textFrom() {
    return textFrom;
  }

  public int textLength() {
    return textLength;
  }

  public void setText(String text) {
    byte[] utf8 = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    forgetText();
    textUtf8 = utf8;
    textLength = utf8 == null ? 0 : utf8.length;
  }

  /** A snapshot read back: the text is {@code length} bytes of {@code array} from {@code from}, an array it may share. */
  public void restoreText(byte[] array, int from, int length) {
    textUtf8 = array;
    textFrom = from;
    textLength = length;
  }

  /** Overwrites the text's bytes with zeros (in an array shared with other posts, only its own) and lets it go. */
  void forgetText() {
    if (textUtf8 != null) java.util.Arrays.fill(textUtf8, textFrom, textFrom + textLength, (byte) 0);
    textUtf8 = null;
    textFrom = 0;
    textLength = 0;
  }

  public boolean isQuestion() {
    return PostDecider.QUESTION.equals(kind);
  }

  public boolean isIdea() {
    return PostDecider.IDEA.equals(kind);
  }

  public boolean hasTag(String tag) {
    for (String t : hashtags) if (t.equals(tag)) return true;
    return false;
  }
}
