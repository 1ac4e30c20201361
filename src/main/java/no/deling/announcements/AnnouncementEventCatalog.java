package no.deling.announcements;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** Announcements' stored event names. */
public final class AnnouncementEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("AnnouncementPublished.v2", AnnouncementEvent.AnnouncementPublished.class,
        "AnnouncementWithdrawn.v1", AnnouncementEvent.AnnouncementWithdrawn.class,
        "AnnouncementAcknowledged.v1", AnnouncementEvent.AnnouncementAcknowledged.class);
  }

  /** v1 knew audiences of everyone and of a department; v2 adds a group's. A v1 body reads as the v2 it would have been. */
  @Override
  public Map<String, Class<? extends DomainEvent>> formerTypes() {
    return Map.of("AnnouncementPublished.v1", AnnouncementEvent.AnnouncementPublished.class);
  }
}
