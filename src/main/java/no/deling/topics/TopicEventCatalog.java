package no.deling.topics;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** Topics' stored event names. */
public final class TopicEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("TopicOwnerAppointed.v1", TopicEvent.TopicOwnerAppointed.class, "TopicOwnerDismissed.v1", TopicEvent.TopicOwnerDismissed.class,
        "TopicDescribed.v1", TopicEvent.TopicDescribed.class, "TopicPostPinned.v1", TopicEvent.TopicPostPinned.class,
        "TopicPostUnpinned.v1", TopicEvent.TopicPostUnpinned.class, "TopicOwnershipOffered.v1", TopicEvent.TopicOwnershipOffered.class,
        "TopicOwnershipOfferWithdrawn.v1", TopicEvent.TopicOwnershipOfferWithdrawn.class);
  }
}
