package no.deling.posts;

import java.time.Instant;
import java.util.List;
import no.deling.core.events.DomainEvent;

/** Facts about one post, stream {@code post-<id>}. Hashtags, mentions and links are extracted at write time. */
public sealed interface PostEvent extends DomainEvent {
  String postId();

  /**
   * @param inReplyTo the parent post, or null for a top-level post
   * @param threadRoot the top-level post of the thread (the post itself when top-level)
   * @param group the group the post is addressed to (a reply's is its thread's), or null for
   *     everyone; absent from posts written before groups existed, which are all public
   * @param kind {@code question}, {@code idea} or {@code poll} for a top-level post that is one;
   *     null (absent) for a plain post, a reply, and every post written before kinds existed
   * @param poll what a poll's voters choose among, exactly when {@code kind} is {@code poll}
   * @param attachments the ids of files the author uploaded and shows with the post, in order; null
   *     (absent) when none, and on every post written before files existed
   */
  record PostPublished(
      String postId,
      String author,
      String text,
      String inReplyTo,
      String threadRoot,
      List<String> hashtags,
      List<String> mentions,
      List<String> links,
      Instant publishedAt,
      String group,
      String kind,
      Poll poll,
      List<String> attachments)
      implements PostEvent {
    /** Without attachments. */
    public PostPublished(String postId, String author, String text, String inReplyTo, String threadRoot, List<String> hashtags,
        List<String> mentions, List<String> links, Instant publishedAt, String group, String kind, Poll poll) {
      this(postId, author, text, inReplyTo, threadRoot, hashtags, mentions, links, publishedAt, group, kind, poll, null);
    }

    /** A post, question or idea (not a poll). */
    public PostPublished(String postId, String author, String text, String inReplyTo, String threadRoot, List<String> hashtags,
        List<String> mentions, List<String> links, Instant publishedAt, String group, String kind) {
      this(postId, author, text, inReplyTo, threadRoot, hashtags, mentions, links, publishedAt, group, kind, null);
    }

    /** A post, question or idea addressed to a group (null: everyone). */
    public PostPublished(String postId, String author, String text, String inReplyTo, String threadRoot, List<String> hashtags,
        List<String> mentions, List<String> links, Instant publishedAt, String group) {
      this(postId, author, text, inReplyTo, threadRoot, hashtags, mentions, links, publishedAt, group, null);
    }

    /** A public post. */
    public PostPublished(String postId, String author, String text, String inReplyTo, String threadRoot, List<String> hashtags,
        List<String> mentions, List<String> links, Instant publishedAt) {
      this(postId, author, text, inReplyTo, threadRoot, hashtags, mentions, links, publishedAt, null);
    }
  }

  /**
   * A poll's choices, in order (a vote names one by its index), and when voting ends (null: open
   * while the post is there). The author's words, sealed with the post.
   */
  record Poll(List<String> options, Instant closesAt) {}

  /** @param attachments the files it shows from this edit on (empty: none); null when the edit left them as they were */
  record PostEdited(
      String postId,
      String author,
      String text,
      List<String> hashtags,
      List<String> mentions,
      List<String> links,
      Instant editedAt,
      List<String> attachments)
      implements PostEvent {
    /** The text only. */
    public PostEdited(String postId, String author, String text, List<String> hashtags, List<String> mentions, List<String> links, Instant editedAt) {
      this(postId, author, text, hashtags, mentions, links, editedAt, null);
    }
  }

  /**
   * The post is gone for everyone: its author deleted it, or a moderator removed it.
   *
   * @param removedBy the moderator who removed it, or null when its author deleted it
   * @param reason the moderator's reason, which the author is told; null when the author deleted it
   */
  record PostDeleted(String postId, String author, Instant deletedAt, String removedBy, String reason) implements PostEvent {
    /** Deleted by its author (or as if by them: erasure and retention). */
    public PostDeleted(String postId, String author, Instant deletedAt) {
      this(postId, author, deletedAt, null, null);
    }

    public boolean removedByModerator() {
      return removedBy != null;
    }
  }

  static String stream(String postId) {
    return "post-" + postId;
  }
}
