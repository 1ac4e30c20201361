package no.deling.core.eventstore;

/**
 * Where a log may hold the answers to durable appends until the read side has applied them (see
 * {@code AppliedGate}), so that a writer hears of its write once, when it can also read it.
 */
public interface AnswerGate {
  /** Runs {@code answer} once {@code position} has been applied, or sooner if the read side stands still or is behind. */
  void whenApplied(long position, Runnable answer);

  /** The log is closing: every held answer goes now, and later ones at once. */
  void stop();
}
