package no.deling.notifications;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/** A person's reading of their notifications; stream {@code notifications-<userId>}. */
public sealed interface NotificationEvent extends DomainEvent {
  /** Every notification with an id up to and including {@code upTo} is read. */
  record NotificationsRead(String userId, long upTo, Instant at) implements NotificationEvent {}

  static String stream(String userId) {
    return "notifications-" + userId;
  }
}
