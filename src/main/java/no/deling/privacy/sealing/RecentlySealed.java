package no.deling.privacy.sealing;

import java.util.concurrent.ConcurrentHashMap;
import no.deling.core.collections.IdentityKey;

/**
 * The plain bodies of the events this process sealed last, by the identity of their sealed bytes.
 * The embedded store hands a live subscriber the very arrays it was given to append, so the
 * projection finds here what was encrypted a moment before instead of decrypting it again. Only
 * those arrays match: anything read back from storage is a new array and is opened as usual.
 * Bounded: the oldest entry goes when a new one comes.
 */
final class RecentlySealed {
  private final ConcurrentHashMap<IdentityKey<byte[]>, byte[]> plain = new ConcurrentHashMap<>();
  /** Keyed by identity, not content: a lookup must not hash the bytes. The oldest first. */
  private final IdentityKey<byte[]>[] order;
  private int next;

  @SuppressWarnings("unchecked")
  RecentlySealed(int capacity) {
    this.order = (IdentityKey<byte[]>[]) new IdentityKey<?>[capacity];
  }

  void remember(byte[] sealed, byte[] plainBody) {
    IdentityKey<byte[]> key = new IdentityKey<>(sealed);
    synchronized (order) {
      IdentityKey<byte[]> oldest = order[next];
      if (oldest != null) plain.remove(oldest);
      order[next] = key;
      next = (next + 1) % order.length;
      plain.put(key, plainBody);
    }
  }

  /** The plain body sealed into exactly this array, or null. */
  byte[] plainOf(byte[] sealed) {
    return plain.get(new IdentityKey<>(sealed));
  }

  /** Forgets everything (a person was erased: nothing of theirs stays in memory longer than needed). */
  void clear() {
    synchronized (order) {
      plain.clear();
      java.util.Arrays.fill(order, null);
    }
  }

  int size() {
    return plain.size();
  }
}
