package no.deling.core.projection;

import no.deling.core.events.DomainEvent;

/**
 * One read model's reaction to the log. Called by {@link ProjectionEngine} on its one thread, in log
 * order, inside the engine's write lock, for every event of a type this server knows. Must be
 * idempotent (an event can arrive again after a restart) and must ignore types it does not handle.
 */
@FunctionalInterface
public interface Projection {
  /**
   * @param idempotencyKey the Idempotency-Key of the request that wrote the event (from its
   *     metadata), or null; only read for the event types the engine's decoder extracts it for
   */
  void on(DomainEvent event, long position, String idempotencyKey);
}
