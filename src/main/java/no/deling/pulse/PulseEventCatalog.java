package no.deling.pulse;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** The pulse's stored event names. */
public final class PulseEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("PulseViewed.v1", PulseEvent.PulseViewed.class, "NetworkFiguresRecorded.v1", PulseEvent.NetworkFiguresRecorded.class);
  }
}
