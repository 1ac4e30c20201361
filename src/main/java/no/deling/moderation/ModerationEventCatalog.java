package no.deling.moderation;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** Moderation's stored event names. */
public final class ModerationEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("PostReported.v1", ModerationEvent.PostReported.class, "ReportsDismissed.v1", ModerationEvent.ReportsDismissed.class);
  }
}
