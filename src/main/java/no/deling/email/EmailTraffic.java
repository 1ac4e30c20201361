package no.deling.email;

import java.util.concurrent.atomic.LongAdder;

/** Emails about unread notifications since start, for {@code /metrics}: sent, and refused by the mail server (tried again). */
public final class EmailTraffic {
  private final LongAdder sent = new LongAdder();
  private final LongAdder failed = new LongAdder();

  void sent() {
    sent.increment();
  }

  void failed() {
    failed.increment();
  }

  public long sentCount() {
    return sent.sum();
  }

  public long failedCount() {
    return failed.sum();
  }
}
