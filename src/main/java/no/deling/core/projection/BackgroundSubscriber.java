package no.deling.core.projection;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named subscriber of the log that does its work on its own thread, with its own lock and its
 * own checkpoint (the position it has handled), so however slow it is, it never holds the read
 * model's write lock and never stalls reads. The projection thread hands it work with {@link
 * #offer}; when the subscriber falls a whole queue behind, the projection thread waits (a worker
 * thread, never an event loop) rather than letting memory grow.
 *
 * @param <T> what the subscriber is handed per event
 */
public final class BackgroundSubscriber<T> {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundSubscriber.class);

  /** Applies one item; called on the subscriber's thread inside its write lock, in log order. */
  public interface Handler<T> {
    void handle(T item, long position);
  }

  private record Work<T>(T item, long position) {}

  private record Waiter(long position, Context context, Promise<Void> promise) {}

  private final String name;
  private final Handler<T> handler;
  private final BlockingQueue<Work<T>> queue;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final PriorityQueue<Waiter> waiters = new PriorityQueue<>((a, b) -> Long.compare(a.position, b.position));
  private final Thread thread;
  private volatile long position;
  private volatile boolean stopped;

  public BackgroundSubscriber(String name, int capacity, Handler<T> handler) {
    this.name = name;
    this.handler = handler;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Projection thread: hands over one event's work. Blocks while the subscriber is a full queue behind. */
  public void offer(T item, long position) {
    if (stopped) return;
    try {
      queue.put(new Work<>(item, position));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (!stopped) {
      Work<T> w;
      try {
        w = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      lock.writeLock().lock();
      try {
        if (w.position() > position) {
          handler.handle(w.item(), w.position());
          position = w.position();
        }
      } catch (RuntimeException failure) {
        LOG.error("{} could not handle position {}; skipped", name, w.position(), failure);
        position = Math.max(position, w.position());
      } finally {
        lock.writeLock().unlock();
      }
      releaseWaiters();
    }
  }

  /**
   * Handles work on the caller's thread instead (the projection thread while it rebuilds from the
   * log at start-up, when no reads are served: handing over cost more than the work). Only while
   * nothing is queued, so order is kept.
   */
  public void handleHere(T item, long position) {
    if (!queue.isEmpty()) {
      offer(item, position);
      return;
    }
    lock.writeLock().lock();
    try {
      if (position > this.position) {
        handler.handle(item, position);
        this.position = position;
      }
    } catch (RuntimeException failure) {
      LOG.error("{} could not handle position {}; skipped", name, position, failure);
      this.position = Math.max(this.position, position);
    } finally {
      lock.writeLock().unlock();
    }
    releaseWaiters();
  }

  /** Runs a query under this subscriber's read lock. */
  public <R> R read(Supplier<R> query) {
    lock.readLock().lock();
    try {
      return query.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The last position handled: this subscriber's checkpoint. */
  public long position() {
    return position;
  }

  /** Completes on the caller's context once {@code target} was handled; fails after {@code timeoutMs}. */
  public Future<Void> awaitPosition(Vertx vertx, long target, long timeoutMs) {
    if (position >= target) return Future.succeededFuture();
    Promise<Void> promise = Promise.promise();
    Waiter w = new Waiter(target, vertx.getOrCreateContext(), promise);
    synchronized (waiters) {
      waiters.add(w);
    }
    releaseWaiters();
    long timer = vertx.setTimer(timeoutMs, t -> {
      boolean removed;
      synchronized (waiters) {
        removed = waiters.remove(w);
      }
      if (removed) promise.tryFail(name + " did not reach position " + target + " within " + timeoutMs + " ms");
    });
    return promise.future().onComplete(r -> vertx.cancelTimer(timer));
  }

  private void releaseWaiters() {
    long p = position;
    while (true) {
      Waiter w;
      synchronized (waiters) {
        if (waiters.isEmpty() || waiters.peek().position > p) return;
        w = waiters.poll();
      }
      w.context.runOnContext(v -> w.promise.tryComplete());
    }
  }

  public void stop() {
    stopped = true;
    thread.interrupt();
  }
}
