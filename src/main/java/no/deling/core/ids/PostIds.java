package no.deling.core.ids;

/**
 * Snowflake-style ids that sort by creation time both as numbers and as strings: 41 bits of
 * milliseconds since 2024-01-01, 10 bits of node id (so several instances never collide), 12 bits
 * of sequence. Rendered as 19 zero-padded decimal digits, so string order equals numeric order
 * for the next ~69 years. Thread-safe.
 */
public final class PostIds {
  private static final long EPOCH = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
  private final long node;
  private long lastMillis = -1;
  private long sequence;

  public PostIds(int node) {
    if (node < 0 || node > 1023) throw new IllegalArgumentException("node id must be 0..1023");
    this.node = node;
  }

  /**
   * Ids minted from now on come after any minted up to {@code millis} (the newest event's time at a
   * start): a clock set back since then would otherwise mint ids that posts already have.
   */
  public synchronized void notBefore(long millis) {
    if (millis > lastMillis || (millis == lastMillis && sequence < 0xFFF)) {
      lastMillis = millis;
      sequence = 0xFFF; // the next id moves on to the next millisecond
    }
  }

  public synchronized long next(long nowMillis) {
    long t = Math.max(nowMillis, lastMillis); // a clock stepping back must not reorder ids
    if (t == lastMillis) {
      sequence = (sequence + 1) & 0xFFF;
      if (sequence == 0) t++; // borrow the next millisecond rather than repeat an id
    } else {
      sequence = 0;
    }
    lastMillis = t;
    return ((t - EPOCH) << 22) | (node << 12) | sequence;
  }

  /** When an id was minted (epoch millis): ids carry their time. */
  public static long millis(long id) {
    return (id >>> 22) + EPOCH;
  }

  public static String format(long id) {
    String s = Long.toString(id);
    return "0".repeat(19 - s.length()) + s;
  }

  /** @return the numeric id, or -1 when {@code text} is not a well-formed id */
  public static long parse(String text) {
    if (text == null || text.length() != 19) return -1;
    // one pass that validates and accumulates: replaying the log parses several ids per event.
    // Eighteen digits cannot overflow a long, so only the last one needs the overflow check.
    long value = 0;
    for (int i = 0; i < 18; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) return -1;
      value = value * 10 + digit;
    }
    int last = text.charAt(18) - '0';
    if (last < 0 || last > 9 || value > (Long.MAX_VALUE - last) / 10) return -1;
    return value * 10 + last;
  }
}
