package no.deling.core.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PostIdsTest {
  @Test
  void formatAndParse_roundTrip_andIdsSortByCreation() {
    PostIds ids = new PostIds(7);
    long previous = -1;
    Random random = new Random(3);
    long now = 1_790_000_000_000L;
    for (int i = 0; i < 10_000; i++) {
      now += random.nextInt(3);
      long id = ids.next(now);
      String text = PostIds.format(id);
      assertThat(text).hasSize(19);
      assertThat(PostIds.parse(text)).isEqualTo(id);
      assertThat(id).isGreaterThan(previous);
      if (previous >= 0) assertThat(text.compareTo(PostIds.format(previous))).isPositive();
      previous = id;
    }
  }

  /** A restart with the clock set back: ids go on after the newest event's time, never repeating one made before. */
  @Test
  void afterARestartWithTheClockSetBack_idsComeAfterEveryEarlierOne() {
    long t = 1_800_000_000_000L;
    PostIds before = new PostIds(3);
    java.util.Set<Long> earlier = new java.util.HashSet<>();
    for (int i = 0; i < 5_000; i++) earlier.add(before.next(t - 2 + i / 2_000)); // up to t, several per millisecond
    long newest = java.util.Collections.max(earlier);

    PostIds restarted = new PostIds(3);
    restarted.notBefore(t); // the log's newest event was appended at t
    long first = restarted.next(t - 60_000); // the clock is a minute behind now
    assertThat(first).isGreaterThan(newest);
    assertThat(PostIds.millis(first)).isEqualTo(t + 1);
    for (int i = 0; i < 10_000; i++) assertThat(earlier).doesNotContain(restarted.next(t - 60_000 + i));

    PostIds fresh = new PostIds(3);
    fresh.notBefore(0); // an empty log: the clock alone
    assertThat(PostIds.millis(fresh.next(t))).isEqualTo(t);
  }

  @Test
  void parse_refusesAnythingButNineteenDigitsThatFitALong() {
    assertThat(PostIds.parse(null)).isEqualTo(-1);
    assertThat(PostIds.parse("123")).isEqualTo(-1);
    assertThat(PostIds.parse("03840585306189332a0")).isEqualTo(-1);
    assertThat(PostIds.parse("-384058530618933270")).isEqualTo(-1);
    assertThat(PostIds.parse("9999999999999999999")).isEqualTo(-1); // above Long.MAX_VALUE
    assertThat(PostIds.parse("9223372036854775808")).isEqualTo(-1); // one above
    assertThat(PostIds.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(PostIds.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(PostIds.parse("0000000000000000042")).isEqualTo(42);
  }
}
