package no.deling.core.events;

/** Marker for every fact we store. Each feature declares its events as records in a sealed interface. */
public interface DomainEvent {}
