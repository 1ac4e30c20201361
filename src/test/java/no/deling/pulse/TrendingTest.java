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
}
