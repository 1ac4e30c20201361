package no.deling.announcements;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/**
 * Announcements: important posts that stay at the top of their audience's home timeline until
 * each person acknowledges them. Published and withdrawn on {@code announcement-<id>};
 * each person's acknowledgement on its own stream {@code announcement-<id>-ack-<user>}, so a
 * whole organisation acknowledging at once never contends for one stream.
 */
public sealed interface AnnouncementEvent extends DomainEvent {
  String announcementId();

  record AnnouncementPublished(String announcementId, String author, String text, Audience audience, Instant publishedAt)
      implements AnnouncementEvent {}

  /** The author took it down: it leaves every home timeline. */
  record AnnouncementWithdrawn(String announcementId, String by, Instant withdrawnAt) implements AnnouncementEvent {}

  record AnnouncementAcknowledged(String announcementId, String userId, Instant acknowledgedAt) implements AnnouncementEvent {}

  static String stream(String announcementId) {
    return "announcement-" + announcementId;
  }

  static String acknowledgementStream(String announcementId, String userId) {
    return "announcement-" + announcementId + "-ack-" + userId;
  }
}
