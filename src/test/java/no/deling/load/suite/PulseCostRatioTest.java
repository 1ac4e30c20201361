package no.deling.load.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pulse's cost to posts/s is read within each back-to-back pair, not across drifting rounds. */
class PulseCostRatioTest {
  @Test
  void eachRoundsRatioIsItsOwnPair_sorted() {
    // the suite's run on 6625a06: on 11,748 / 8,107 / 7,593 against off 12,313 / 9,613 / 6,626
    List<Double> ratios = PulseBenchmark.pairedRatios(List.of(11_748.0, 8_107.0, 7_593.0), List.of(12_313.0, 9_613.0, 6_626.0));
    assertThat(ratios).hasSize(3);
    assertThat(ratios.get(0)).isCloseTo(0.843, within(0.001));
    assertThat(ratios.get(1)).isCloseTo(0.954, within(0.001));
    assertThat(ratios.get(2)).isCloseTo(1.146, within(0.001));
  }

  @Test
  void roundsWithoutBothRunsAreRefused() {
    assertThatThrownBy(() -> PulseBenchmark.pairedRatios(List.of(1.0, 2.0), List.of(1.0))).isInstanceOf(IllegalArgumentException.class);
  }
}
