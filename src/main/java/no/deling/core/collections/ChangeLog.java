package no.deling.core.collections;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@value #KEPT} things that changed in a model, each under the version its change made: an
 * order worked out from the model can then be mended by moving just those, rather than worked out
 * again. Changed by the projection under the write lock, read under the read lock.
 */
public final class ChangeLog<T> {
  public static final int KEPT = 256;
  private final Object[] changed = new Object[KEPT];
  private long version;

  /** Counts every change: an order worked out at this version holds while it stands. */
  public long version() {
    return version;
  }

  /** A change to {@code item}; null for one that names nothing (a snapshot read back), which no order can be mended past. */
  public void changed(T item) {
    version++;
    changed[(int) (version % KEPT)] = item;
  }

  /**
   * What changed after {@code version}, once each (by {@code equals}), in the order it first did; or
   * null when that is not known: more changed than are kept, or a change named nothing.
   */
  @SuppressWarnings("unchecked")
  public List<T> since(long version) {
    long count = this.version - version;
    if (count < 0 || count > KEPT) return null;
    List<T> out = new ArrayList<>((int) count);
    for (long v = version + 1; v <= this.version; v++) {
      T item = (T) changed[(int) (v % KEPT)];
      if (item == null) return null;
      if (!out.contains(item)) out.add(item);
    }
    return out;
  }
}
