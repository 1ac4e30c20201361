package no.deling.shares;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** Shares' stored event names. */
public final class ShareEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("PostShared.v1", ShareEvent.PostShared.class, "ShareWithdrawn.v1", ShareEvent.ShareWithdrawn.class);
  }
}
