package no.deling.posts;

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
  public String text;
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
