package no.deling.users;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** The directory's stored event names. */
public final class UserEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("UserProfileRecorded.v1", UserEvent.ProfileRecorded.class, "PersonProvisioned.v1", UserEvent.PersonProvisioned.class,
        "PersonUpdated.v1", UserEvent.PersonUpdated.class, "PersonDeactivated.v1", UserEvent.PersonDeactivated.class,
        "PersonReactivated.v1", UserEvent.PersonReactivated.class, "PersonDeprovisioned.v1", UserEvent.PersonDeprovisioned.class,
        "PersonErased.v1", UserEvent.PersonErased.class);
  }
}
