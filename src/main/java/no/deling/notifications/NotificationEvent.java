package no.deling.notifications;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/** A person's reading of their notifications; stream {@code notifications-<userId>}. */
public sealed interface NotificationEvent extends DomainEvent {
  /** Every notification with an id up to and including {@code upTo} is read. */
  record NotificationsRead(String userId, long upTo, Instant at) implements NotificationEvent {}

  /**
   * A person chose whether to hear of new replies in a conversation: following one they never
   * wrote in, or muting one they did. Stream {@link #subscriptionStream}.
   *
   * @param threadId the conversation's first post
   */
  record ThreadSubscriptionSet(String userId, String threadId, boolean subscribed, Instant at) implements NotificationEvent {}

  static String subscriptionStream(String threadId, String userId) {
    return "thread-" + threadId + "-subscriber-" + userId;
  }

  static String stream(String userId) {
    return "notifications-" + userId;
  }
}
