package no.deling.links;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** The link library's stored event names. */
public final class LinkEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("BookmarkSaved.v1", LinkEvent.BookmarkSaved.class, "BookmarkRemoved.v1", LinkEvent.BookmarkRemoved.class);
  }
}
