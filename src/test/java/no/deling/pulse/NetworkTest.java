package no.deling.pulse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.deling.pulse.Network.Interaction;
import org.junit.jupiter.api.Test;

/** Every figure on a small graph worked out by hand. */
class NetworkTest {
  private static final long NOW = 100 * 86_400_000L;
  private static final long WINDOW_START = NOW - 28 * 86_400_000L;
  private static final Map<String, String> UNITS = Map.of("a", "X", "b", "X", "c", "Y", "d", "Y");

  private static List<Interaction> graph() {
    List<Interaction> out = new ArrayList<>();
    for (int i = 0; i < 2; i++) out.add(new Interaction("a", "b", NOW - i));
    for (int i = 0; i < 2; i++) out.add(new Interaction("b", "a", NOW - i));
    out.add(new Interaction("a", "c", NOW));
    for (int i = 0; i < 3; i++) out.add(new Interaction("c", "a", NOW - i));
    for (int i = 0; i < 2; i++) out.add(new Interaction("d", "a", WINDOW_START - 1)); // before the window
    for (int i = 0; i < 5; i++) out.add(new Interaction("b", "b", NOW)); // oneself: never
    return out;
  }

  @Test
  void tiesNeedTwoInteractionsInTheWindow_andReciprocityIsTheShareReturned() {
    Set<String> ties = Network.ties(graph(), WINDOW_START);
    assertThat(ties).containsExactlyInAnyOrder("a\nb", "b\na", "c\na");
    assertThat(Network.reciprocity(ties)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(Network.reciprocity(Set.of())).isNaN();
  }

  @Test
  void eiIndex_andTheShareWithAnOutsideTie_perUnit() {
    Set<String> ties = Network.ties(graph(), WINDOW_START);
    // X: two ties inside (a↔b), one from outside (c→a): (1 − 2) / 3
    assertThat(Network.eiIndex(ties, UNITS, "X")).isCloseTo(-1.0 / 3, within(1e-12));
    assertThat(Network.eiIndex(ties, UNITS, "Y")).isEqualTo(1.0);
    assertThat(Network.shareWithOutsideTie(ties, UNITS, "X")).isEqualTo(0.5);
    assertThat(Network.shareWithOutsideTie(ties, UNITS, "Y")).isEqualTo(0.5);
    assertThat(Network.matrix(ties, UNITS, List.of("X", "Y"))).isEqualTo(new long[][] {{2, 0}, {1, 0}});
  }

  @Test
  void giniOfInteractionsReceived() {
    // received in the window: a 5, b 2, c 1, d 0 → Σ|xi − xj| = 32 over 2·n²·mean = 64
    assertThat(Network.giniReceived(graph(), WINDOW_START, Set.of("a", "b", "c", "d"))).isCloseTo(0.5, within(1e-12));
    assertThat(Network.gini(new long[] {3, 3, 3})).isEqualTo(0.0);
    assertThat(Network.gini(new long[] {0, 0, 0, 4})).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void aPersonsOwnFigures() {
    Network.Own own = Network.own(Network.ties(graph(), WINDOW_START), UNITS, "a");
    assertThat(own.networkSize()).isEqualTo(2);
    assertThat(own.outsideUnit()).isEqualTo(1);
    assertThat(own.reciprocity()).isEqualTo(1.0);
  }
}
