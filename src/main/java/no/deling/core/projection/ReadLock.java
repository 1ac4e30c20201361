package no.deling.core.projection;

import java.util.function.Supplier;

/**
 * The read model's read lock, as a feature's queries see it: a query runs whole under it, so what
 * it reads across models is one consistent moment of the log.
 */
public interface ReadLock {
  /** Runs {@code query} under the read lock. Keep it short and free of IO. */
  <T> T read(Supplier<T> query);
}
