package no.deling.core.schedule;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Work that a timer finds due, done one item after another, one sweep at a time: a slow log must
 * not pile sweeps up, nor run one item's command beside another's. Stopping cancels the timer; an
 * item under way finishes, as any command in flight, and no later item of its sweep starts.
 *
 * @param <T> what an item of work is
 */
public final class SerialSweep<T> {
  private final Vertx vertx;
  private final Supplier<List<T>> due;
  private final Function<T, Future<Void>> work;
  private final Consumer<List<T>> swept;
  private final long timer;
  private volatile boolean stopped;
  private boolean sweeping;

  private SerialSweep(Vertx vertx, long firstMs, long everyMs, Supplier<List<T>> due, Function<T, Future<Void>> work, Consumer<List<T>> swept) {
    this.vertx = vertx;
    this.due = due;
    this.work = work;
    this.swept = swept;
    this.timer = vertx.setPeriodic(firstMs, everyMs, t -> sweep());
  }

  /**
   * @param due asked on each tick while no sweep is under way (on the timer's context, an event loop): the items to work on
   *     now, from memory (a read of the read model); blocking IO belongs in {@code work}, or on a worker
   * @param work one item's work; its failure is its own to report (the sweep goes on with the next)
   * @param swept told of a sweep's items once all were worked on
   */
  public static <T> SerialSweep<T> every(Vertx vertx, long firstMs, long everyMs, Supplier<List<T>> due, Function<T, Future<Void>> work,
      Consumer<List<T>> swept) {
    return new SerialSweep<>(vertx, firstMs, everyMs, due, work, swept);
  }

  /** No sweep starts from now on, and no further item of one under way. */
  public void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  private void sweep() {
    if (stopped || sweeping) return;
    List<T> items = due.get();
    if (items.isEmpty()) return;
    sweeping = true;
    Future<Void> all = Future.succeededFuture();
    for (T item : items) all = all.compose(v -> stopped ? Future.succeededFuture() : work.apply(item).otherwiseEmpty());
    all.onComplete(r -> {
      sweeping = false;
      swept.accept(items);
    });
  }
}
