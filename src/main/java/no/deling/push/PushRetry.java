package no.deling.push;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Whether, and when, a message a push service did not take is sent again. Pure. Only what may pass:
 * no answer at all (refused, timed out), 429 (too many) and 5xx (the push service's own trouble); a
 * push service's {@code Retry-After} is kept to, unless it asks for longer than a message stays
 * worth showing. Any other 4xx would be answered the same way again.
 */
final class PushRetry {
  private PushRetry() {}

  /** Retries after the first try, at most. */
  static final int MAX_RETRIES = 3;
  /** The waits before the first, second and third retry when the push service names none. */
  private static final long[] BACKOFF_MS = {2_000, 20_000, 120_000};
  /** A push service asking for a longer wait than this is not tried again for that message. */
  static final long MAX_WAIT_MS = 300_000;
  /** Not sooner than this, whatever a push service says. */
  static final long MIN_WAIT_MS = 1_000;

  /**
   * Milliseconds to wait before retry number {@code retry} (1 for the first), or -1: not again.
   *
   * @param status the push service's answer; 0 for none (the connection failed or timed out)
   * @param retryAfter its {@code Retry-After} header (seconds, or an HTTP date), or null
   */
  static long delay(int status, String retryAfter, int retry, long nowMillis) {
    boolean passing = status == 0 || status == 429 || status >= 500;
    if (!passing || retry < 1 || retry > MAX_RETRIES) return -1;
    Long asked = retryAfterMs(retryAfter, nowMillis);
    if (asked == null) return BACKOFF_MS[retry - 1];
    return asked > MAX_WAIT_MS ? -1 : Math.max(MIN_WAIT_MS, asked);
  }

  /** RFC 9110's {@code Retry-After}: a number of seconds or an HTTP date; null when absent or neither. */
  static Long retryAfterMs(String value, long nowMillis) {
    if (value == null || value.isBlank()) return null;
    String v = value.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      return v.length() > 9 ? Long.MAX_VALUE : Long.parseLong(v) * 1000;
    }
    try {
      return Math.max(0, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli() - nowMillis);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
