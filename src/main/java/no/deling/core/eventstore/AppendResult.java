package no.deling.core.eventstore;

/**
 * Where an acknowledged batch landed.
 *
 * @param nextExpectedRevision the stream's last revision after the append
 * @param position global position of the last event of the batch
 */
public record AppendResult(long nextExpectedRevision, long position) {}
