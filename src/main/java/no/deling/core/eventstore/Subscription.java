package no.deling.core.eventstore;

/** A running catch-up subscription; cancel it to stop deliveries. */
public interface Subscription {
  void cancel();
}
