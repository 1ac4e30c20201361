package no.deling.privacy;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** Retention's stored event names. */
public final class RetentionEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("RetentionApplied.v1", RetentionEvent.RetentionApplied.class);
  }
}
