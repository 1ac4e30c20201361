package no.deling.privacy.sealing;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The plain bodies of the events this process sealed last, by the identity of their sealed bytes.
 * The embedded store hands a live subscriber the very arrays it was given to append, so the
 * projection finds here what was encrypted a moment before instead of decrypting it again. Only
 * those arrays match: anything read back from storage is a new array and is opened as usual.
 * Bounded: the oldest entry goes when a new one comes.
 */
final class RecentlySealed {
  /** Identity, not content: two equal ciphertexts never occur, and a lookup must not hash the bytes. */
  private record Sealed(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Sealed s && s.bytes == bytes;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(bytes);
    }
  }

  private final ConcurrentHashMap<Sealed, byte[]> plain = new ConcurrentHashMap<>();
  private final Sealed[] order;
  private int next;

  RecentlySealed(int capacity) {
    this.order = new Sealed[capacity];
  }

  void remember(byte[] sealed, byte[] plainBody) {
    Sealed key = new Sealed(sealed);
    synchronized (order) {
      Sealed oldest = order[next];
      if (oldest != null) plain.remove(oldest);
      order[next] = key;
      next = (next + 1) % order.length;
      plain.put(key, plainBody);
    }
  }

  /** The plain body sealed into exactly this array, or null. */
  byte[] plainOf(byte[] sealed) {
    return plain.get(new Sealed(sealed));
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
