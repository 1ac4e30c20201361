package no.deling.core.projection;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
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


  private final String name;
  private final Handler<T> handler;
  private final BlockingQueue<Work<T>> queue;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Thread thread;
  private volatile long position;
  private volatile boolean stopped;
  /** Work offered (projection thread only) and handled (subscriber thread), for {@link #drain}; read by other threads too. */
  private volatile long offered;
  private volatile long handled;
  private final PositionWaiters waiters;

  public BackgroundSubscriber(String name, int capacity, Handler<T> handler) {
    this(name, capacity, handler, 0);
  }

  /** @param position what the handler's state holds the log up to already (a snapshot read back) */
  public BackgroundSubscriber(String name, int capacity, Handler<T> handler, long position) {
    this.position = position;
    this.name = name;
    this.handler = handler;
    this.queue = new ArrayBlockingQueue<>(capacity);
    // the field, not the parameter of the same name: waiting on the parameter waited out every timeout
    this.waiters = new PositionWaiters(name, () -> this.position);
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Projection thread: hands over one event's work. Blocks while the subscriber is a full queue behind. */
  public void offer(T item, long position) {
    if (stopped) return;
    try {
      offered++;
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
      handle(w.item(), w.position());
      handled++;
    }
  }

  /**
   * Projection thread: waits until everything it offered was handled, so the subscriber's state
   * and the read model stand at the same position (a snapshot writes both).
   */
  public void drain() throws InterruptedException {
    while (handled < offered && !stopped) Thread.sleep(1);
  }

  /** Under the write lock, once per position; a failure is logged and skipped, not retried forever. */
  private void handle(T item, long at) {
    lock.writeLock().lock();
    try {
      if (at > position) handler.handle(item, at);
    } catch (RuntimeException failure) {
      LOG.error("{} could not handle position {}; skipped", name, at, failure);
    } finally {
      position = Math.max(position, at);
      lock.writeLock().unlock();
    }
    waiters.release();
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
    handle(item, position);
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
    return waiters.await(vertx, target, timeoutMs);
  }



  public void stop() {
    stopped = true;
    thread.interrupt();
  }
}
