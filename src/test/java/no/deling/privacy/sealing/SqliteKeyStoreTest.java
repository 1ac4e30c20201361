package no.deling.privacy.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteKeyStoreTest {
  @TempDir Path dir;

  @Test
  void keys_surviveAReopen_andADestroyedKey_isGoneFromMemoryTheFileAndItsBytes() throws Exception {
    Path file = dir.resolve("keys.db");
    byte[] raw;
    try (KeyStore keys = SqliteKeyStore.open(file)) {
      SecretKey made = keys.create("alice", "2026-12");
      raw = made.getEncoded();
      assertThat(keys.create("alice", "2026-12").getEncoded()).as("made once").isEqualTo(raw);
      keys.create("alice", KeyStore.PROFILE);
      keys.create("bob", "2026-12");
    }
    assertThat(indexOf(Files.readAllBytes(file), raw)).as("the key is in the file").isGreaterThanOrEqualTo(0);
    try (KeyStore keys = SqliteKeyStore.open(file)) {
      assertThat(keys.key("alice", "2026-12").getEncoded()).isEqualTo(raw);
      assertThat(keys.destroy("alice")).isEqualTo(2);
      assertThat(keys.key("alice", "2026-12")).isNull();
      assertThat(keys.key("alice", KeyStore.PROFILE)).isNull();
      assertThat(keys.key("bob", "2026-12")).isNotNull();
    }
    assertThat(indexOf(Files.readAllBytes(file), raw)).as("secure_delete overwrote it").isEqualTo(-1);
    try (KeyStore keys = SqliteKeyStore.open(file)) {
      assertThat(keys.key("alice", "2026-12")).isNull();
    }
  }

  @Test
  void retention_destroysOldMonths_butNeverAProfileKey() {
    try (KeyStore keys = SqliteKeyStore.open(dir.resolve("keys.db"))) {
      keys.create("alice", "2025-11");
      keys.create("alice", "2026-01");
      keys.create("alice", KeyStore.PROFILE);
      assertThat(keys.destroyMonthsBefore("2026-01")).isEqualTo(1);
      assertThat(keys.key("alice", "2025-11")).isNull();
      assertThat(keys.key("alice", "2026-01")).isNotNull();
      assertThat(keys.key("alice", KeyStore.PROFILE)).isNotNull();
    }
  }

  @Test
  void twoServersSharingAFile_seeEachOthersKeys_andDestruction_onceForgotten() {
    Path file = dir.resolve("keys.db");
    try (KeyStore a = SqliteKeyStore.open(file); KeyStore b = SqliteKeyStore.open(file)) {
      SecretKey made = a.create("alice", "2026-12");
      assertThat(b.key("alice", "2026-12").getEncoded()).as("b finds a's key in the file").isEqualTo(made.getEncoded());
      a.destroy("alice");
      b.forget("alice");
      assertThat(b.key("alice", "2026-12")).isNull();
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
