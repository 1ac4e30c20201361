package no.deling.core.projection;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;

/**
 * Callers waiting until a projection or subscriber has handled a log position (read-your-writes),
 * completed on their own context. Shared by {@link ProjectionEngine} and {@link BackgroundSubscriber}.
 */
public final class PositionWaiters {
  private record Waiter(long position, Context context, Promise<Void> promise) {}

  private final String name;
  private final LongSupplier position;
  private final PriorityQueue<Waiter> waiters = new PriorityQueue<>((a, b) -> Long.compare(a.position, b.position));

  /** @param position the position handled so far */
  public PositionWaiters(String name, LongSupplier position) {
    this.name = name;
    this.position = position;
  }

  /** Completes once {@code target} was handled, or fails after {@code timeoutMs}. */
  public Future<Void> await(Vertx vertx, long target, long timeoutMs) {
    if (position.getAsLong() >= target) return Future.succeededFuture();
    Promise<Void> promise = Promise.promise();
    Waiter w = new Waiter(target, vertx.getOrCreateContext(), promise);
    synchronized (waiters) {
      waiters.add(w);
    }
    release();
    long timer = vertx.setTimer(timeoutMs, t -> {
      boolean removed;
      synchronized (waiters) {
        removed = waiters.remove(w);
      }
      if (removed) promise.tryFail(name + " did not reach position " + target + " within " + timeoutMs + " ms");
    });
    return promise.future().onComplete(r -> vertx.cancelTimer(timer));
  }

  /** Whether anyone is waiting (a subscriber that batches its work may then hurry). */
  public boolean anyWaiting() {
    synchronized (waiters) {
      return !waiters.isEmpty();
    }
  }

  /** Completes every waiter whose position has been handled; any thread. */
  public void release() {
    long p = position.getAsLong();
    while (true) {
      Waiter w;
      synchronized (waiters) {
        if (waiters.isEmpty() || waiters.peek().position > p) return;
        w = waiters.poll();
      }
      w.context.runOnContext(v -> w.promise.tryComplete());
    }
  }
}
