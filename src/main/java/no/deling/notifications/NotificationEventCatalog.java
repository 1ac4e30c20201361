package no.deling.notifications;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** Notifications' stored event names. */
public final class NotificationEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("NotificationsRead.v1", NotificationEvent.NotificationsRead.class,
        "ThreadSubscriptionSet.v1", NotificationEvent.ThreadSubscriptionSet.class);
  }
}
