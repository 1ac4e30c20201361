package no.deling.push;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** Push's stored event names. */
public final class PushEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("PushSubscribed.v1", PushEvent.PushSubscribed.class, "PushUnsubscribed.v1", PushEvent.PushUnsubscribed.class,
        "NotificationsPushed.v1", PushEvent.NotificationsPushed.class, "PushChoiceSet.v1", PushEvent.PushChoiceSet.class);
  }
}
