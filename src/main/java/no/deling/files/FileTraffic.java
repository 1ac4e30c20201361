package no.deling.files;

import java.util.concurrent.atomic.LongAdder;

/**
 * Uploads since start, for {@code /metrics}: how many were stored and their bytes (the file
 * store's growth), and how many were turned away, busy (too many at once) or too large.
 */
public final class FileTraffic {
  private final LongAdder stored = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder busy = new LongAdder();
  private final LongAdder tooLarge = new LongAdder();

  void stored(long size) {
    stored.increment();
    bytes.add(size);
  }

  /** Answered 503: the server was receiving as many uploads as it takes at once. */
  public void busy() {
    busy.increment();
  }

  /** Answered 413: over {@code DELING_FILE_MAX_MB}. */
  public void tooLarge() {
    tooLarge.increment();
  }

  public long storedCount() {
    return stored.sum();
  }

  public long storedBytes() {
    return bytes.sum();
  }

  public long busyCount() {
    return busy.sum();
  }

  public long tooLargeCount() {
    return tooLarge.sum();
  }
}
