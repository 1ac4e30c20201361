package no.deling.core.ids;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A cryptographically strong generator per thread, for what every write asks for (event ids, the
 * nonces that seal a post): the default generator reads the kernel's pool under one lock on every
 * call, which showed in profiles of the event loop and the log's writer.
 */
public final class PerThreadRandom {
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  });

  private PerThreadRandom() {}

  public static SecureRandom get() {
    return RANDOM.get();
  }
}
