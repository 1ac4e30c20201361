package no.deling.readmodel;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the read model from the log. Deployed as a worker verticle: rebuilding from a large log is
 * CPU work that must not sit on an event loop. Start-up completes when the rebuild has reached the
 * head the log had when we started, so the server never answers from a half-built model.
 */
public final class ProjectionVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectionVerticle.class);
  private final EventStore store;
  private final ReadModel model;
  /** The log after the snapshot, read while the snapshot was (null: none) */
  private final TailPrefetch tail;
  private Subscription subscription;

  public ProjectionVerticle(EventStore store, ReadModel model) {
    this(store, model, null);
  }

  public ProjectionVerticle(EventStore store, ReadModel model, TailPrefetch tail) {
    this.store = store;
    this.model = model;
    this.tail = tail;
  }

  @Override
  public Future<?> start() {
    long head = store.headPosition();
    long started = System.nanoTime();
    Promise<Void> rebuilt = Promise.promise();
    long ahead = applyReadAhead();
    // catch-up batches are decoded on the store's reader thread while the last one is applied here
    subscription = store.subscribeToAll(model.position(), model::decode, (batch, decoded) -> {
      model.apply(batch, decoded);
      if (model.position() >= head) rebuilt.tryComplete();
    });
    if (head == 0 || model.position() >= head) rebuilt.tryComplete();
    return rebuilt.future().onSuccess(v -> {
      double seconds = (System.nanoTime() - started) / 1e9;
      LOG.info("read model rebuilt: {} events in {} s ({} events/s; {} of them read ahead while the snapshot was read)", model.eventsApplied(),
          String.format("%.2f", seconds), seconds > 0 ? Math.round(model.eventsApplied() / seconds) : 0, ahead);
    });
  }

  /**
   * What was read ahead of the log after the snapshot, applied on this worker as the subscription's
   * batches are (the subscription then starts where it ends); how many events.
   */
  private long applyReadAhead() {
    if (tail == null) return 0;
    long applied = 0;
    for (TailPrefetch.Batch batch : tail.take()) {
      model.apply(batch.events(), batch.decoded());
      applied += batch.events().size();
    }
    return applied;
  }

  /** Runs {@code task} on the projection thread, between batches (once deployed). */
  public void runOnProjectionThread(Runnable task) {
    context.runOnContext(v -> task.run());
  }

  @Override
  public Future<?> stop() {
    if (subscription != null) subscription.cancel();
    return Future.succeededFuture();
  }
}
