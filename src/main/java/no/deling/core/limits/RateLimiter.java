package no.deling.core.limits;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link TokenBucket} per key (a user id, an address), created on first use. Buckets that have
 * filled up again carry no information and are dropped when the table grows, so a flood of
 * distinct keys cannot grow it without bound.
 */
public final class RateLimiter {
  private static final int SWEEP_AT = 50_000;
  private final double perSecond;
  private final double burst;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  /** @param perSecond sustained rate; 0 or less turns the limit off */
  public RateLimiter(double perSecond, double burst) {
    this.perSecond = perSecond;
    this.burst = Math.max(1, burst);
  }

  public boolean enabled() {
    return perSecond > 0;
  }

  /** 0 when {@code key} may go ahead now; otherwise how many nanoseconds until it may. */
  public long take(String key, long nowNanos) {
    if (!enabled()) return 0;
    if (buckets.size() > SWEEP_AT) sweep(nowNanos);
    TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, burst, nowNanos));
    synchronized (bucket) {
      return bucket.take(nowNanos);
    }
  }

  private void sweep(long nowNanos) {
    for (Iterator<TokenBucket> it = buckets.values().iterator(); it.hasNext(); ) {
      TokenBucket b = it.next();
      synchronized (b) {
        if (b.full(nowNanos)) it.remove();
      }
    }
    if (buckets.size() > SWEEP_AT) buckets.clear(); // all busy at once: forgetting is safer than growing
  }
}
