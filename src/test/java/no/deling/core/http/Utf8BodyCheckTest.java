package no.deling.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The check reuses one decoder and buffer per thread; its verdict must stay the JDK's strict decoder's. */
class Utf8BodyCheckTest {
  private static boolean strictlyDecodes(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Property(tries = 2_000)
  void agreesWithAStrictDecoder(@ForAll("bodies") byte[] body) {
    assertThat(Utf8BodyCheck.valid(body)).isEqualTo(strictlyDecodes(body));
  }

  /** Valid text of every width (longer than the check's buffer too), sometimes with one byte changed or cut off. */
  @Provide
  Arbitrary<byte[]> bodies() {
    Arbitrary<String> text = Arbitraries.strings().withCharRange('\u0000', '\u07ff').withCharRange('\u0800', '\ud7ff')
        .withCharRange('\ue000', '\uffff').all().ofMaxLength(6_000)
        .map(s -> s + (s.length() % 3 == 0 ? "\uD83D\uDE00" : ""));
    return text.flatMap(s -> {
      byte[] valid = s.getBytes(StandardCharsets.UTF_8);
      if (valid.length == 0) return Arbitraries.just(valid);
      return Arbitraries.oneOf(
          Arbitraries.just(valid),
          Arbitraries.integers().between(0, valid.length - 1).flatMap(at -> Arbitraries.bytes().map(b -> {
            byte[] changed = valid.clone();
            changed[at] = b;
            return changed;
          })),
          Arbitraries.integers().between(0, valid.length - 1).map(cut -> java.util.Arrays.copyOf(valid, cut)));
    });
  }

  @Test
  void knownCases() {
    assertThat(Utf8BodyCheck.valid(new byte[0])).isTrue();
    assertThat(Utf8BodyCheck.valid("{\"text\":\"plain ascii\"}".getBytes(StandardCharsets.US_ASCII))).isTrue();
    assertThat(Utf8BodyCheck.valid("{\"text\":\"blåbærsyltetøy — 😀\"}".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(Utf8BodyCheck.valid(new byte[] {'{', (byte) 0xC3})).as("cut in a character").isFalse();
    assertThat(Utf8BodyCheck.valid(new byte[] {(byte) 0xC0, (byte) 0x80})).as("overlong").isFalse();
    assertThat(Utf8BodyCheck.valid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).as("a surrogate").isFalse();
    // longer than the per-thread buffer, the bad byte at the very end
    byte[] long_ = ("é".repeat(10_000) + "x").getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8BodyCheck.valid(long_)).isTrue();
    long_[long_.length - 1] = (byte) 0xFF;
    assertThat(Utf8BodyCheck.valid(long_)).isFalse();
  }
}
