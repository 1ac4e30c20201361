package no.deling.pulse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TrendingTest {
  @Test
  void score_isTheSquaredSurpriseOverTheBaseline_whenEnoughPeopleWrite() {
    assertThat(Trending.score(10, 2)).isEqualTo(32.0); // (10 − 2)² / 2
    assertThat(Trending.score(4, 2)).as("fewer than five authors").isZero();
    assertThat(Trending.score(6, 8)).as("below the baseline").isZero();
  }

  @Test
  void baseline_movesTowardsWhatWasSeen() {
    assertThat(Trending.nextBaseline(2, 10)).isCloseTo(4.4, within(1e-12)); // 0.3·10 + 0.7·2
  }

  @Test
  void peakHold_halvesEveryFourHours_unlessTheNewScoreIsHigher() {
    assertThat(Trending.held(32, 4, 0)).isCloseTo(16, within(1e-12));
    assertThat(Trending.held(32, 8, 10)).isEqualTo(10.0);
    assertThat(Trending.held(32, 8, 6)).isCloseTo(8, within(1e-12));
  }

  @Test
  void ideaVelocity_countsEachEndorsementHalvingEveryThreeDays() {
    long now = 1_000L * 3_600_000L;
    long hour = 3_600_000L;
    // endorsements now, 72 hours ago and 144 hours ago: 1 + 1/2 + 1/4
    assertThat(no.deling.ideas.Ideas.rising(new long[] {now, now - 72 * hour, now - 144 * hour}, now)).isCloseTo(1.75, within(1e-12));
    // a proposal with three fresh endorsements outranks one with five from a fortnight ago (5 · 2^-(336/72) ≈ 0.197)
    double fresh = no.deling.ideas.Ideas.rising(new long[] {now - hour, now - 2 * hour, now - 3 * hour}, now);
    double old = no.deling.ideas.Ideas.rising(new long[] {now - 336 * hour, now - 336 * hour, now - 336 * hour, now - 336 * hour, now - 336 * hour}, now);
    assertThat(old).isCloseTo(5 * Math.pow(0.5, 336.0 / 72), within(1e-12));
    assertThat(fresh).isGreaterThan(old);
  }
}
