package no.deling.core.eventstore;

/**
 * Whether the log can be used right now, for the health endpoint.
 *
 * @param available false while writes or the projection feed cannot reach the log
 * @param detail a short human-readable reason, e.g. "connected" or the last connection error
 */
public record StoreStatus(String kind, boolean available, String detail) {}
