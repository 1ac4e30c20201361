package no.deling.core.limits;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code perSecond}. Pure arithmetic on
 * the time it is given, so tests need no clock. Not thread-safe: {@link RateLimiter} guards it.
 */
public final class TokenBucket {
  private final double perSecond;
  private final double burst;
  private double tokens;
  private long lastNanos;

  public TokenBucket(double perSecond, double burst, long nowNanos) {
    if (perSecond <= 0 || burst < 1) throw new IllegalArgumentException("a bucket needs a positive rate and room for one token");
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  /** Takes one token if there is one and returns 0; otherwise returns the nanoseconds until there will be one. */
  public long take(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - tokens) / perSecond * 1e9);
  }

  /** Whether the bucket is full (its owner has been quiet long enough to be forgotten). */
  public boolean full(long nowNanos) {
    refill(nowNanos);
    return tokens >= burst;
  }

  private void refill(long nowNanos) {
    if (nowNanos > lastNanos) {
      tokens = Math.min(burst, tokens + (nowNanos - lastNanos) / 1e9 * perSecond);
      lastNanos = nowNanos;
    }
  }
}
