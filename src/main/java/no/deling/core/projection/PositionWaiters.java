package no.deling.core.projection;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;

/**
 * Callers waiting until a projection or subscriber has handled a log position (read-your-writes),
 * completed on their own context. Shared by {@link ProjectionEngine} and {@link BackgroundSubscriber}.
 */
public final class PositionWaiters {
  /** @param hurried fails at once while the position is paused (see {@link #pause}) */
  private record Waiter(long position, Context context, Promise<Void> promise, boolean hurried) {}

  private final String name;
  private final LongSupplier position;
  private final PriorityQueue<Waiter> waiters = new PriorityQueue<>((a, b) -> Long.compare(a.position, b.position));
  /** Why the position stands still for a while (a snapshot being written), or null. */
  private volatile String paused;

  /** @param position the position handled so far */
  public PositionWaiters(String name, LongSupplier position) {
    this.name = name;
    this.position = position;
  }

  /** Completes once {@code target} was handled, or fails after {@code timeoutMs}. */
  public Future<Void> await(Vertx vertx, long target, long timeoutMs) {
    return await(vertx, target, timeoutMs, false);
  }

  /**
   * As {@link #await}, but fails at once while the position is paused, and when a pause begins:
   * for callers that answer anyway when waiting fails (read-your-writes), so that a pause of
   * seconds does not hold each of their requests up to its timeout.
   */
  public Future<Void> awaitUnlessPaused(Vertx vertx, long target, long timeoutMs) {
    return await(vertx, target, timeoutMs, true);
  }

  private Future<Void> await(Vertx vertx, long target, long timeoutMs, boolean hurried) {
    if (position.getAsLong() >= target) return Future.succeededFuture();
    String why = paused;
    if (hurried && why != null) return Future.failedFuture(name + " is paused: " + why);
    Promise<Void> promise = Promise.promise();
    Waiter w = new Waiter(target, vertx.getOrCreateContext(), promise, hurried);
    synchronized (waiters) {
      waiters.add(w);
    }
    release();
    if (hurried && paused != null) failHurried(); // a pause that began while it was being added
    long timer = vertx.setTimer(timeoutMs, t -> {
      boolean removed;
      synchronized (waiters) {
        removed = waiters.remove(w);
      }
      if (removed) promise.tryFail(name + " did not reach position " + target + " within " + timeoutMs + " ms");
    });
    return promise.future().onComplete(r -> vertx.cancelTimer(timer));
  }

  /**
   * The position stands still for a while ({@code why}): waiters from {@link #awaitUnlessPaused}
   * fail now, and new ones at once, until {@link #resume}; the others go on waiting.
   */
  public void pause(String why) {
    paused = why;
    failHurried();
  }

  /** The position moves again. */
  public void resume() {
    paused = null;
  }

  private void failHurried() {
    String why = paused;
    if (why == null) return;
    List<Waiter> hurried = new ArrayList<>();
    synchronized (waiters) {
      waiters.removeIf(w -> w.hurried && hurried.add(w));
    }
    for (Waiter w : hurried) w.context.runOnContext(v -> w.promise.tryFail(name + " is paused: " + why));
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
