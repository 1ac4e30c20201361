package no.deling.posts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptTest {
  @Test
  void aShortText_isItself_aLongOne_endsAtItsLastWordThatFits() {
    assertThat(Excerpt.of("Lunch talk slides", 20)).isEqualTo("Lunch talk slides");
    assertThat(Excerpt.of("exactly ten", 11)).isEqualTo("exactly ten");
    assertThat(Excerpt.of("one two three four", 12)).isEqualTo("one two…");
    assertThat(Excerpt.of(null, 10)).isNull();
  }

  @Test
  void aWordLongerThanHalf_isCut_butNeverInsideASurrogatePair() {
    assertThat(Excerpt.of("supercalifragilistic", 10)).isEqualTo("supercalif…");
    String emoji = "a".repeat(9) + "😀" + "b"; // the emoji's two chars sit at 9 and 10
    String cut = Excerpt.of(emoji, 10);
    assertThat(cut).isEqualTo("a".repeat(9) + "…");
    assertThat(cut.codePoints().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
  }
}
