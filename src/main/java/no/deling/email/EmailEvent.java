package no.deling.email;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/**
 * Email about notifications a person has not read: their choice, and what was emailed to them.
 * Stream {@code email-<userId>}. No address and no words of any post are in these events: the
 * address is the directory's, and an email says who did what, never what a post said (a copy of a
 * post in a mailbox is out of reach of an erasure).
 */
public sealed interface EmailEvent extends DomainEvent {
  String userId();

  /**
   * The person chose whether to be emailed about notifications they have not read, and after how
   * long unread.
   *
   * @param afterMinutes one of {@link EmailDecider#DELAYS}; null: the server's {@code DELING_EMAIL_AFTER_MINUTES}
   */
  record EmailChoiceSet(String userId, boolean unreadNotifications, Integer afterMinutes, Instant at) implements EmailEvent {
    public EmailChoiceSet(String userId, boolean unreadNotifications, Instant at) {
      this(userId, unreadNotifications, null, at);
    }
  }

  /**
   * The server claimed the person's unread notifications up to {@code upTo} for one email, before
   * sending it: two servers on one log never both send it.
   *
   * @param upTo the newest notification's id in the email
   * @param count how many notifications the email lists
   */
  record NotificationsEmailed(String userId, long upTo, int count, Instant at) implements EmailEvent {}

  /**
   * The mail server refused or could not be reached: the claim up to {@code upTo} is given back,
   * so the next look sends those notifications again.
   *
   * @param backTo the notification the person was emailed up to before that claim
   */
  record NotificationEmailFailed(String userId, long upTo, long backTo, String reason, Instant at) implements EmailEvent {}

  static String stream(String userId) {
    return "email-" + userId;
  }
}
