package no.deling.core.idempotency;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * What each (actor, Idempotency-Key) created, for {@link #WINDOW_MILLIS} (as Stripe does:
 * retries come within minutes), so a retried request answers with the first result. A read model
 * fed in log order from the keys in event metadata; query under the read model's lock.
 */
public final class IdempotencyKeys {
  public static final long WINDOW_MILLIS = 24 * 60 * 60 * 1000L;

  private record Keyed(String slot, long id, long atMillis) {}

  private final Map<String, Long> bySlot = new HashMap<>();
  /** The keyed results in log order, so keys older than the window leave memory. */
  private final ArrayDeque<Keyed> inOrder = new ArrayDeque<>();

  /** Remembers that {@code actor}'s request with {@code key} created {@code id} at {@code atMillis}. */
  public void remember(String actor, String key, long id, long atMillis) {
    String slot = actor + '\n' + key;
    if (bySlot.containsKey(slot) && bySlot.get(slot) == id) return; // seen before a restart
    bySlot.put(slot, id);
    inOrder.addLast(new Keyed(slot, id, atMillis));
    // forget keys that fell out of the window, as seen from the newest keyed result
    while (inOrder.peekFirst().atMillis() < atMillis - WINDOW_MILLIS) {
      Keyed old = inOrder.removeFirst();
      bySlot.remove(old.slot(), old.id()); // unless the key was used again since
    }
  }

  /** The id an earlier request by {@code actor} with {@code key} created, or -1. */
  public long created(String actor, String key) {
    Long id = bySlot.get(actor + '\n' + key);
    return id == null ? -1 : id;
  }
}
