package no.deling.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PushRetryTest {
  private static final long NOW = java.time.Instant.parse("2026-12-07T10:00:00Z").toEpochMilli();

  @Test
  void noAnswer_429and5xx_areTriedAgain_threeTimesAtMost_backingOff() {
    assertThat(PushRetry.delay(0, null, 1, NOW)).isEqualTo(2_000);
    assertThat(PushRetry.delay(503, null, 2, NOW)).isEqualTo(20_000);
    assertThat(PushRetry.delay(500, null, 3, NOW)).isEqualTo(120_000);
    assertThat(PushRetry.delay(429, null, 1, NOW)).isEqualTo(2_000);
    assertThat(PushRetry.delay(502, null, 4, NOW)).as("a fourth retry").isEqualTo(-1);
  }

  @Test
  void otherRefusals_wouldBeAnsweredTheSameAgain_soAreNotTried() {
    for (int status : new int[] {400, 401, 403, 405, 413}) assertThat(PushRetry.delay(status, "1", 1, NOW)).as("%d", status).isEqualTo(-1);
  }

  @Test
  void retryAfter_inSecondsOrAsADate_isKeptTo_withinLimits() {
    assertThat(PushRetry.delay(503, "7", 1, NOW)).isEqualTo(7_000);
    assertThat(PushRetry.delay(429, " 30 ", 3, NOW)).isEqualTo(30_000);
    assertThat(PushRetry.delay(503, "Mon, 07 Dec 2026 10:00:45 GMT", 1, NOW)).isEqualTo(45_000);
    assertThat(PushRetry.delay(503, "0", 1, NOW)).as("not sooner than a second").isEqualTo(1_000);
    assertThat(PushRetry.delay(503, "Mon, 07 Dec 2026 09:00:00 GMT", 1, NOW)).as("a date gone by").isEqualTo(1_000);
    assertThat(PushRetry.delay(503, "3600", 1, NOW)).as("an hour: the message would be stale").isEqualTo(-1);
    assertThat(PushRetry.delay(503, "99999999999999999999", 1, NOW)).isEqualTo(-1);
    assertThat(PushRetry.delay(503, "soon", 2, NOW)).as("not a Retry-After: our own wait").isEqualTo(20_000);
    assertThat(PushRetry.delay(503, "-5", 1, NOW)).isEqualTo(2_000);
  }
}
