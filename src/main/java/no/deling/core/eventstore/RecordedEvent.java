package no.deling.core.eventstore;

import java.util.UUID;

/**
 * An event as stored in the log.
 *
 * @param revision 0-based position within its stream
 * @param position global, strictly increasing position in the whole log (first event is 1)
 * @param created milliseconds since the epoch at which the store committed it
 */
public record RecordedEvent(
    String stream,
    long revision,
    long position,
    UUID eventId,
    String type,
    byte[] data,
    byte[] metadata,
    long created) {}
