package no.deling.integrations;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** Integrations' stored event names. */
public final class IntegrationEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("IntegrationCreated.v1", IntegrationEvent.IntegrationCreated.class,
        "IntegrationRevoked.v1", IntegrationEvent.IntegrationRevoked.class,
        "IntegrationSecretRotated.v1", IntegrationEvent.IntegrationSecretRotated.class);
  }
}
