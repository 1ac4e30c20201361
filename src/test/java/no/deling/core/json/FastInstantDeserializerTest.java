package no.deling.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FastInstantDeserializerTest {
  record Holder(Instant at) {}

  @Test
  void readsWhatWeWrite_exactlyAsInstantParseDoes() throws Exception {
    Random random = new Random(1);
    for (int i = 0; i < 20_000; i++) {
      Instant t = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
      if (random.nextBoolean()) t = Instant.ofEpochMilli(t.toEpochMilli());
      String json = Json.MAPPER.writeValueAsString(new Holder(t));
      assertThat(Json.MAPPER.readValue(json, Holder.class).at()).isEqualTo(t);
      assertThat(FastInstantDeserializer.parse(t.toString())).isEqualTo(Instant.parse(t.toString()));
    }
  }

  @Test
  void otherShapes_fallBackToTheFullParser_orFail() throws Exception {
    assertThat(FastInstantDeserializer.parse("2026-11-02T09:13:05+01:00")).isNull();
    assertThat(Json.MAPPER.readValue("{\"at\":\"2026-11-02T09:13:05+01:00\"}", Holder.class).at())
        .isEqualTo(Instant.parse("2026-11-02T08:13:05Z"));
    assertThat(FastInstantDeserializer.parse("2026-02-30T00:00:00Z")).isNull();
    assertThat(FastInstantDeserializer.parse("2026-11-02T24:00:00Z")).isNull();
    assertThatThrownBy(() -> Json.MAPPER.readValue("{\"at\":\"yesterday\"}", Holder.class)).isInstanceOf(Exception.class);
    // numbers keep the JavaTimeModule's meaning: seconds since the epoch
    assertThat(Json.MAPPER.readValue("{\"at\":1700000000}", Holder.class).at()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
  }
}
