package no.deling.core.eventstore;

import java.util.Objects;
import java.util.UUID;

/**
 * An event proposed for appending. {@code eventId} makes re-appends idempotent: appending an event
 * whose id the stream already holds is acknowledged with the original position, not written twice.
 *
 * @param type stable type name with version, e.g. {@code PostPublished.v1}
 * @param data the event body as UTF-8 JSON
 * @param metadata UTF-8 JSON (actor, causation, idempotency key), never null
 */
public record EventData(UUID eventId, String type, byte[] data, byte[] metadata) {
  public EventData {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    metadata = metadata == null ? new byte[] {'{', '}'} : metadata;
  }
}
