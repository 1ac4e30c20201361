package no.deling.saved;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** Saved posts' stored event names. */
public final class SavedEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("PostSaved.v1", SavedEvent.PostSaved.class, "PostUnsaved.v1", SavedEvent.PostUnsaved.class);
  }
}
