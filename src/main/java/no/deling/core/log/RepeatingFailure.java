package no.deling.core.log;

import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The log lines of a failure that repeats until something outside changes (a full disk fails every
 * write): the first with its stack trace, then one line with a count at most every {@code
 * intervalNanos}, and one when it works again. A full disk failing thousands of writes a second
 * otherwise writes as many stack traces, to a disk that may be the same one. Thread-safe; {@link
 * #succeeded} costs one volatile read while nothing fails.
 */
public final class RepeatingFailure {
  private final Logger log;
  private final String what;
  private final long intervalNanos;
  private final LongSupplier clock;
  private volatile boolean failing;
  private long failures;
  private long sinceLine;
  private long lineAt;

  /** @param what what fails, as the log line names it: "event store writes" */
  public RepeatingFailure(Logger log, String what, long intervalNanos) {
    this(log, what, intervalNanos, System::nanoTime);
  }

  RepeatingFailure(Logger log, String what, long intervalNanos, LongSupplier clock) {
    this.log = log;
    this.what = what;
    this.intervalNanos = intervalNanos;
    this.clock = clock;
  }

  /** {@code count} more failed (appends refused, say), this way. */
  public synchronized void failed(String detail, long count, Throwable e) {
    long now = clock.getAsLong();
    failures += count;
    if (!failing) {
      failing = true;
      sinceLine = 0;
      lineAt = now;
      log.error("{} failed: {}", what, detail, e);
      return;
    }
    sinceLine += count;
    if (now - lineAt >= intervalNanos) {
      log.error("{} still failing: {} more in the last {} s ({}; last: {})", what, sinceLine, Math.round((now - lineAt) / 1e9), detail,
          e.toString());
      sinceLine = 0;
      lineAt = now;
    }
  }

  /** It worked: says so once if it had been failing. */
  public void succeeded() {
    if (!failing) return;
    synchronized (this) {
      if (!failing) return;
      failing = false;
      log.warn("{}: working again after {} failures", what, failures);
      failures = 0;
    }
  }
}
