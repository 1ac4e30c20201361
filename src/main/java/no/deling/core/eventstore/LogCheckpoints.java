package no.deling.core.eventstore;

import java.util.concurrent.atomic.LongAdder;

/**
 * The embedded log's background checkpoints (its write-ahead log copied into the database file),
 * for {@code /metrics}. Why an operator wants them: if checkpoints stop or fail, the WAL grows until
 * the writer's own checkpoint bounds it, and every append then waits for that one; the WAL's size
 * at the last checkpoint shows it before it hurts.
 */
public final class LogCheckpoints {
  private final LongAdder runs = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder nanos = new LongAdder();
  private volatile long walPages;

  /** A checkpoint took {@code tookNanos} and found {@code pages} pages in the WAL. */
  public void ran(long tookNanos, long pages) {
    runs.increment();
    nanos.add(Math.max(0, tookNanos));
    walPages = pages;
  }

  /** A checkpoint failed; the writer's own still bounds the WAL. */
  public void failed() {
    failures.increment();
  }

  public long runs() {
    return runs.sum();
  }

  public long failures() {
    return failures.sum();
  }

  /** Seconds spent checkpointing since start. */
  public double seconds() {
    return nanos.sum() / 1e9;
  }

  /** Pages (4 KiB) the WAL held at the last checkpoint; 0 before the first. */
  public long walPages() {
    return walPages;
  }
}
