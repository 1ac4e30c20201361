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
   * The text in UTF-8, or null once deleted. Posts are most of the heap: kept as bytes, a text costs
   * one object instead of two and mostly a byte per character (a String with one emoji takes two
   * per character), a snapshot copies it back instead of decoding it, and JSON takes it as it is.
   * An edit replaces the array, never changes it, so its identity tells whether the text changed.
   */
  public byte[] textUtf8;
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
    return textUtf8 == null ? null : new String(textUtf8, StandardCharsets.UTF_8);
  }

  public void setText(String text) {
    textUtf8 = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
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
