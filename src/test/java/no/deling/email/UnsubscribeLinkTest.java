package no.deling.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import no.deling.privacy.sealing.KeyStore;
import no.deling.privacy.sealing.SqliteKeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnsubscribeLinkTest {
  @TempDir Path dir;

  @Test
  void aTokenIsEachPersonsOwn_theSameEveryTimeAndOnEveryServerOfTheKeyFile_andGoneWithAnErasure() throws Exception {
    try (SqliteKeyStore keys = SqliteKeyStore.open(dir.resolve("keys.db"))) {
      keys.create("ada", KeyStore.PROFILE);
      keys.create("bo", KeyStore.PROFILE);
      String ada = UnsubscribeLink.token(keys, "ada");
      assertThat(ada).matches("[A-Za-z0-9_-]{22}").isEqualTo(UnsubscribeLink.token(keys, "ada"));
      assertThat(UnsubscribeLink.token(keys, "bo")).isNotEqualTo(ada);
      assertThat(UnsubscribeLink.valid(keys, "ada", ada)).isTrue();
      assertThat(UnsubscribeLink.valid(keys, "bo", ada)).as("another's").isFalse();
      assertThat(UnsubscribeLink.valid(keys, "ada", ada.substring(1))).isFalse();
      assertThat(UnsubscribeLink.valid(keys, "ada", null)).isFalse();
      assertThat(UnsubscribeLink.valid(keys, "nobody", ada)).isFalse();
      assertThat(UnsubscribeLink.url("https://deling.example.org", keys, "ada")).isEqualTo("https://deling.example.org/email/unsubscribe?u=ada&t=" + ada);
      try (SqliteKeyStore other = SqliteKeyStore.open(dir.resolve("keys.db"))) {
        assertThat(UnsubscribeLink.valid(other, "ada", ada)).as("another server on the same key file").isTrue();
      }
      keys.destroy("ada");
      assertThat(UnsubscribeLink.valid(keys, "ada", ada)).as("erased").isFalse();
      assertThat(UnsubscribeLink.url("https://deling.example.org", keys, "ada")).isNull();
    }
  }
}
