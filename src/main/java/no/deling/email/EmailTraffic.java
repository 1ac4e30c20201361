package no.deling.email;

import java.util.concurrent.atomic.LongAdder;

/**
 * Emails about unread notifications since start, for {@code /metrics}: sent, and refused by the mail
 * server (tried again); and the looks for what is due that finished, which show the sender is alive.
 */
public final class EmailTraffic {
  private final LongAdder sent = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder looks = new LongAdder();

  void sent() {
    sent.increment();
  }

  void failed() {
    failed.increment();
  }

  void looked() {
    looks.increment();
  }

  public long looksCount() {
    return looks.sum();
  }

  public long sentCount() {
    return sent.sum();
  }

  public long failedCount() {
    return failed.sum();
  }
}
