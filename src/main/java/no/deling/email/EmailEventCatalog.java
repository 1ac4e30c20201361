package no.deling.email;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** Email's stored event names. */
public final class EmailEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("EmailChoiceSet.v1", EmailEvent.EmailChoiceSet.class, "NotificationsEmailed.v1", EmailEvent.NotificationsEmailed.class,
        "NotificationEmailFailed.v1", EmailEvent.NotificationEmailFailed.class);
  }
}
