package no.deling.moderation;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/**
 * Reports about one post and their review. Stream {@code reports-<postId>}; a moderator's removal
 * is the post's own deletion ({@code PostDeleted} with {@code removedBy}), so the post's stream
 * alone says whether it is still there.
 */
public sealed interface ModerationEvent extends DomainEvent {
  String postId();

  /**
   * Someone who may see a post reported it. Moderators see the reason and the note, never who
   * reported: reporting a colleague, or a manager, must be safe.
   *
   * @param reason one of {@link Reasons#ALL}
   * @param note the reporter's words, or null (required for {@code other})
   */
  record PostReported(String postId, String postAuthor, String reporter, String reason, String note, Instant reportedAt)
      implements ModerationEvent {}

  /** A moderator reviewed the open reports and kept the post; the reporters are told. */
  record ReportsDismissed(String postId, String by, Instant at) implements ModerationEvent {}

  static String stream(String postId) {
    return "reports-" + postId;
  }
}
