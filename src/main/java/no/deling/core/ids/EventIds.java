package no.deling.core.ids;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Event ids as UUIDv7 (RFC 9562): 48 bits of milliseconds first, then randomness. Time-ordered
 * ids land at the end of the store's unique index instead of on a random page, so a group commit
 * dirties a handful of index pages rather than one per event.
 */
public final class EventIds {
  private EventIds() {}

  public static UUID next() {
    long millis = System.currentTimeMillis();
    SecureRandom random = PerThreadRandom.get();
    long randA = random.nextInt() & 0xFFFL;
    long msb = (millis << 16) | 0x7000L | randA;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
