package no.deling.core.ids;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Nonces from a cryptographically strong generator per thread (the default generator reads the
 * kernel's pool under one lock on every call, which showed in profiles of the log's writer). They
 * are taken from a block drawn from the generator, refilled when used up: the DRBG hashes twice per
 * call whatever its size, and asked for twelve bytes per post it was a twentieth of the writer's
 * time. Each byte is handed out once, on the thread that drew it, and not kept.
 */
public final class PerThreadRandom {
  private static final int NONCE_BLOCK = 4096;

  /** A thread's generator, its block and how much of it is used; starts used up, so the first nonce draws a block. */
  private static final class Nonces {
    final SecureRandom random = drbg();
    final byte[] block = new byte[NONCE_BLOCK];
    int used = NONCE_BLOCK;
  }

  private static final ThreadLocal<Nonces> NONCES = ThreadLocal.withInitial(Nonces::new);

  private PerThreadRandom() {}

  private static SecureRandom drbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  /** Fills {@code nonce} (at most {@value #NONCE_BLOCK} bytes) with bytes from the thread's generator no other nonce gets. */
  public static void nonce(byte[] nonce) {
    if (nonce.length > NONCE_BLOCK) throw new IllegalArgumentException("a nonce of at most " + NONCE_BLOCK + " bytes");
    Nonces n = NONCES.get();
    if (n.used + nonce.length > NONCE_BLOCK) {
      n.random.nextBytes(n.block);
      n.used = 0;
    }
    System.arraycopy(n.block, n.used, nonce, 0, nonce.length);
    java.util.Arrays.fill(n.block, n.used, n.used + nonce.length, (byte) 0); // a nonce handed out is not kept
    n.used += nonce.length;
  }
}
