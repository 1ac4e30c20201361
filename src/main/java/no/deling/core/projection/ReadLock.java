package no.deling.core.projection;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * The read model's read lock, as a feature's queries see it: a query runs whole under it, so what
 * it reads across models is one consistent moment of the log.
 */
public interface ReadLock {
  /** Runs {@code query} under the read lock. Keep it short and free of IO. */
  <T> T read(Supplier<T> query);

  /**
   * The same, for an event loop: never waits for the lock (see {@link ProjectionEngine#readWithoutWaiting}).
   * This default waits; the read model's own does not.
   */
  default <T> Future<T> readWithoutWaiting(Supplier<T> query) {
    return answerOf(() -> read(query));
  }

  /** {@code query}'s answer now, or its failure as a failed future (never thrown at the caller). */
  static <T> Future<T> answerOf(Supplier<T> query) {
    try {
      return Future.succeededFuture(query.get());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
