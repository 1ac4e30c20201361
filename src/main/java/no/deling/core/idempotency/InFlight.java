package no.deling.core.idempotency;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Requests with an Idempotency-Key still being written, so that concurrent retries — on any event
 * loop — share the first one's result instead of racing it. A result stays here a little past the
 * read-your-writes timeout, after which {@link IdempotencyKeys} has it.
 */
public final class InFlight {
  private final ConcurrentHashMap<String, Future<?>> running = new ConcurrentHashMap<>();

  /**
   * The result of the request by {@code actor} with {@code key}: the one already running, or
   * {@code work} started now. Completes on the caller's context.
   */
  @SuppressWarnings("unchecked")
  public <T> Future<T> once(Vertx vertx, String actor, String key, long keepMillis, Supplier<Future<T>> work) {
    String slot = actor + '\n' + key;
    Future<T> result = (Future<T>) running.computeIfAbsent(slot, k -> work.get()
        .onComplete(r -> vertx.setTimer(keepMillis, t -> running.remove(slot))));
    // a retry may arrive on another event loop than the first request: answer on its own
    Context here = vertx.getOrCreateContext();
    return Future.future(p -> result.onComplete(r -> here.runOnContext(v -> p.handle(r))));
  }
}
