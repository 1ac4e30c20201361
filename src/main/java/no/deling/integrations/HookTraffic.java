package no.deling.integrations;

import java.util.concurrent.atomic.LongAdder;

/**
 * What tools sent to {@code /hooks} since start, for {@code /metrics}: a tool posting with a stale
 * secret, or flooding its group, shows here before its owners notice.
 */
public final class HookTraffic {
  private final LongAdder accepted = new LongAdder();
  private final LongAdder unauthorized = new LongAdder();
  private final LongAdder limited = new LongAdder();

  void accepted() {
    accepted.increment();
  }

  void unauthorized() {
    unauthorized.increment();
  }

  void limited() {
    limited.increment();
  }

  /** Posts stored. */
  public long acceptedCount() {
    return accepted.sum();
  }

  /** Refused with 401: unknown or revoked integration, or a wrong secret. */
  public long unauthorizedCount() {
    return unauthorized.sum();
  }

  /** Refused with 429: past the write limit. */
  public long limitedCount() {
    return limited.sum();
  }
}
