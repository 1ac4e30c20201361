package no.deling.previews;

import java.util.concurrent.atomic.LongAdder;

/** Pages fetched for previews, by outcome: for {@code deling_link_previews_total}. */
public final class PreviewTraffic {
  private final LongAdder shown = new LongAdder(), none = new LongAdder(), refused = new LongAdder();

  /** The page gave a preview. */
  void shown() {
    shown.increment();
  }

  /** Fetched or tried, and nothing to show: not HTML, no title, an error, no answer in time, no such host. */
  void none() {
    none.increment();
  }

  /** Not fetched: an address inside the network, a port or scheme not allowed. */
  void refused() {
    refused.increment();
  }

  public double shownCount() {
    return shown.sum();
  }

  public double noneCount() {
    return none.sum();
  }

  public double refusedCount() {
    return refused.sum();
  }
}
