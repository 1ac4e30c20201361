package no.deling.pulse;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/** The pulse's audit trail: every pulse query, before it is answered. Stream {@code pulse-audit-<by>}. */
public sealed interface PulseEvent extends DomainEvent {
  /** @param query what was asked: the route and its parameters */
  record PulseViewed(String by, String query, Instant at) implements PulseEvent {}

  static String stream(String by) {
    return "pulse-audit-" + by;
  }
}
