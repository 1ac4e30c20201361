package no.deling.push;

import java.util.concurrent.atomic.LongAdder;

/** Pushes sent, devices found gone, pushes tried again, and pushes that failed: for {@code deling_pushes_total}. */
public final class PushTraffic {
  private final LongAdder sent = new LongAdder(), gone = new LongAdder(), retried = new LongAdder(), failed = new LongAdder();

  void sent() {
    sent.increment();
  }

  void gone() {
    gone.increment();
  }

  void retried() {
    retried.increment();
  }

  void failed() {
    failed.increment();
  }

  public double sentCount() {
    return sent.sum();
  }

  public double goneCount() {
    return gone.sum();
  }

  public double retriedCount() {
    return retried.sum();
  }

  public double failedCount() {
    return failed.sum();
  }
}
