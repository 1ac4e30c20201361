package no.deling.core.events;

import java.util.Map;

/**
 * What one feature contributes to the event registry: its stable, versioned type names and, for
 * the types that make up most of a log, a fast reader. Implementations are listed in
 * {@code META-INF/services/no.deling.core.events.EventCatalog}; {@link EventTypes} loads them, so
 * a new feature adds its catalog there instead of editing the registry.
 */
public interface EventCatalog {
  /** Stored name (e.g. {@code PostPublished.v1}) → event record, each with a schema at {@code schema/events/<name>.json}. */
  Map<String, Class<? extends DomainEvent>> types();

  /**
   * Names this feature wrote once and reads still, but never writes again: an older version whose
   * bodies read into the same record as its successor (a new version that only added to it). Each
   * keeps its schema, so the log's old events still validate.
   */
  default Map<String, Class<? extends DomainEvent>> formerTypes() {
    return Map.of();
  }

  /** Readers straight from the token stream for this feature's frequent types; most features have none. */
  default Map<Class<? extends DomainEvent>, FastEventReader> fastReaders() {
    return Map.of();
  }
}
