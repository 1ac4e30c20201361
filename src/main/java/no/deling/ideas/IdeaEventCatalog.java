package no.deling.ideas;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** Ideas' stored event names. */
public final class IdeaEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("IdeaStatusSet.v1", IdeaEvent.IdeaStatusSet.class);
  }
}
