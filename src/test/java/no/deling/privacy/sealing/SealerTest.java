package no.deling.privacy.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SealerTest {
  private static final byte[] POST = ("{\"postId\":\"0384058530618933270\",\"author\":\"alice\",\"text\":\"a secret plan\",\"hashtags\":[],"
      + "\"mentions\":[],\"links\":[],\"publishedAt\":\"2026-12-03T10:15:30Z\",\"kind\":null}").getBytes(StandardCharsets.UTF_8);

  private static SecretKey key() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return new SecretKeySpec(raw, "AES");
  }

  @Test
  void aPost_isSealedForItsAuthor_underTheKeyOfItsMonth_andOpensAgain() {
    Sealer.Target t = Sealer.target("PostPublished.v1", POST);
    assertThat(t).isEqualTo(new Sealer.Target("alice", "2026-12"));
    SecretKey key = key();
    byte[] sealed = Sealer.seal("PostPublished.v1", POST, t, key);
    assertThat(Sealer.isSealed(sealed)).isTrue();
    assertThat(new String(sealed, StandardCharsets.UTF_8)).doesNotContain("secret").contains("\"for\":\"alice\"").contains("\"period\":\"2026-12\"");
    assertThat(Sealer.open("PostPublished.v1", Sealer.envelope(sealed), key)).isEqualTo(POST);
  }

  @Test
  void aSealedBody_opensWithItsOwnKeyOnly_andNotUnderAnotherType_norAltered() {
    Sealer.Target t = Sealer.target("PostPublished.v1", POST);
    SecretKey key = key();
    byte[] sealed = Sealer.seal("PostPublished.v1", POST, t, key);
    assertThat(Sealer.open("PostPublished.v1", Sealer.envelope(sealed), key())).as("another key").isNull();
    assertThat(Sealer.open("PostEdited.v1", Sealer.envelope(sealed), key)).as("moved to another type").isNull();
    Sealer.Envelope e = Sealer.envelope(sealed);
    Sealer.Envelope claimedForBob = new Sealer.Envelope(new Sealer.Target("bob", e.target().period()), e.iv(), e.data());
    assertThat(Sealer.open("PostPublished.v1", claimedForBob, key)).as("claimed for someone else").isNull();
    byte[] data = e.data().clone();
    data[3] ^= 1;
    assertThat(Sealer.open("PostPublished.v1", new Sealer.Envelope(e.target(), e.iv(), data), key)).as("altered").isNull();
  }

  @Test
  void everySealHasANonceOfItsOwn_acrossTheBlocksTheyAreDrawnFrom_andTheBodyIsExactlyTheEnvelope() {
    // more seals than one block of nonces holds (4096 bytes, 341 nonces), on this thread and another
    Sealer.Target t = Sealer.target("PostPublished.v1", POST);
    SecretKey key = key();
    java.util.Set<String> nonces = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Runnable sealMany = () -> {
      for (int i = 0; i < 1_000; i++) {
        byte[] sealed = Sealer.seal("PostPublished.v1", POST, t, key);
        Sealer.Envelope e = Sealer.envelope(sealed);
        assertThat(e.iv()).hasSize(12);
        assertThat(nonces.add(java.util.HexFormat.of().formatHex(e.iv()))).as("a nonce used twice").isTrue();
        // written to its exact size: the JSON object ends the array, nothing after it
        assertThat(new io.vertx.core.json.JsonObject(new String(sealed, StandardCharsets.US_ASCII)).fieldNames())
            .containsExactly("sealed", "for", "period", "iv", "data");
      }
    };
    Thread other = new Thread(sealMany);
    other.start();
    sealMany.run();
    assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
      other.join();
      return nonces.size();
    })).isEqualTo(2_000);
  }

  @Test
  void aBodyLargerThanTheEncodingScratch_sealsAndOpens() {
    // the Base64 of the ciphertext is written through a per-thread scratch of 4 KiB first
    for (int size : new int[] {0, 1, 2, 3, 3_070, 3_071, 3_072, 3_073, 10_000, 200_000}) {
      String text = "x".repeat(size);
      byte[] plain = ("{\"author\":\"alice\",\"text\":\"" + text + "\",\"publishedAt\":\"2026-12-03T10:15:30Z\"}").getBytes(StandardCharsets.UTF_8);
      Sealer.Target t = Sealer.target("PostPublished.v1", plain);
      SecretKey key = key();
      byte[] sealed = Sealer.seal("PostPublished.v1", plain, t, key);
      assertThat(Sealer.open("PostPublished.v1", Sealer.envelope(sealed), key)).as("%d characters", size).isEqualTo(plain);
    }
  }

  @Test
  void manyKeysInTurn_eachSealsAndOpensItsOwn_beyondTheCiphersAThreadKeeps() {
    // more keys than a thread keeps ciphers for, used round and round: an evicted key's cipher is
    // made again, and a kept one never opens what another key sealed
    Sealer.Target t = Sealer.target("PostPublished.v1", POST);
    java.util.List<SecretKey> keys = new java.util.ArrayList<>();
    for (int k = 0; k < 300; k++) keys.add(key());
    for (int round = 0; round < 2; round++) {
      for (int k = 0; k < keys.size(); k++) {
        SecretKey key = keys.get(k);
        Sealer.Envelope e = Sealer.envelope(Sealer.seal("PostPublished.v1", POST, t, key));
        assertThat(Sealer.open("PostPublished.v1", e, key)).isEqualTo(POST);
        assertThat(Sealer.open("PostPublished.v1", e, keys.get((k + 1) % keys.size()))).as("the next key").isNull();
        // a cipher that just failed to open is whole again for its own key
        assertThat(Sealer.open("PostPublished.v1", Sealer.envelope(Sealer.seal("PostPublished.v1", POST, t, key)), key)).isEqualTo(POST);
      }
    }
  }

  @Test
  void aBodyLaidOutOtherwise_isStillReadAsJson() {
    SecretKey key = key();
    Sealer.Target t = Sealer.target("PostPublished.v1", POST);
    Sealer.Envelope e = Sealer.envelope(Sealer.seal("PostPublished.v1", POST, t, key));
    String reordered = "{\"sealed\":1, \"data\":\"" + java.util.Base64.getEncoder().encodeToString(e.data()) + "\",\"period\":\"2026-12\","
        + "\"iv\":\"" + java.util.Base64.getEncoder().encodeToString(e.iv()) + "\",\"for\":\"al\\u0069ce\"}";
    Sealer.Envelope parsed = Sealer.envelope(reordered.getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.target()).isEqualTo(t);
    assertThat(Sealer.open("PostPublished.v1", parsed, key)).isEqualTo(POST);
  }

  @Test
  void theMonth_isReadFromTheInstantAsWritten_andAnythingElseIsParsed() {
    assertThat(Sealer.monthOf("2026-12-03T10:15:30Z")).isEqualTo("2026-12");
    assertThat(Sealer.monthOf("2026-01-31T23:59:59.999999999Z")).isEqualTo("2026-01");
    assertThat(Sealer.monthOf("2026-13-03T10:15:30Z")).isNull();
    assertThat(Sealer.monthOf("+12026-12-03T10:15:30Z")).isNull();
    assertThat(Sealer.monthOf("2026-12-03T10:15:30+01:00")).isNull();
    byte[] offset = "{\"author\":\"alice\",\"publishedAt\":\"2026-12-01T00:30:00+01:00\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(Sealer.target("PostPublished.v1", offset)).as("parsed, and in UTC").isEqualTo(new Sealer.Target("alice", "2026-11"));
    for (long t : new long[] {0L, 1_764_547_200_000L, 1_798_761_599_999L}) {
      java.time.Instant at = java.time.Instant.ofEpochMilli(t);
      assertThat(Sealer.monthOf(at.toString())).isEqualTo(Sealer.month(at));
    }
  }

  @Test
  void profiles_useTheProfileKey_andEventsWithoutPersonalWords_areNotSealed() {
    byte[] profile = "{\"userId\":\"alice\",\"displayName\":\"Alice\",\"recordedAt\":\"2026-12-03T10:15:30Z\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(Sealer.target("UserProfileRecorded.v1", profile)).isEqualTo(new Sealer.Target("alice", KeyStore.PROFILE));
    byte[] follow = "{\"follower\":\"bob\",\"followee\":\"alice\",\"at\":\"2026-12-03T10:15:30Z\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(Sealer.target("UserFollowed.v1", follow)).isNull();
    assertThat(Sealer.isSealed(follow)).isFalse();
    assertThat(Sealer.target("PostPublished.v1", "not json".getBytes(StandardCharsets.UTF_8))).isNull();
  }
}
