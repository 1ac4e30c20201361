package no.deling.users;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** Photos' stored event names. */
public final class PhotoEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("ProfilePhotoSet.v1", PhotoEvent.ProfilePhotoSet.class, "ProfilePhotoRemoved.v1", PhotoEvent.ProfilePhotoRemoved.class);
  }
}
