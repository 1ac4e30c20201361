package no.deling.core.eventstore.kurrentdb;

import io.kurrent.dbclient.Position;
import io.kurrent.dbclient.ResolvedEvent;
import io.kurrent.dbclient.SubscribeToAllOptions;
import io.kurrent.dbclient.SubscriptionFilter;
import io.kurrent.dbclient.SubscriptionListener;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import no.deling.core.eventstore.LogEvent;
import no.deling.core.eventstore.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A filtered catch-up subscription to {@code $all} that outlives its connection: when the node
 * goes away it resubscribes with backoff from the last position it handed on (resume positions
 * are exclusive in KurrentDB, so that is exactly the position to give).
 *
 * <p>Events arrive on gRPC threads; they are buffered (bounded: a full buffer holds the gRPC
 * thread, which stops the client requesting more, so a long catch-up cannot fill the heap) and
 * handed to the handler in batches on the subscriber's Vert.x context.
 */
final class AllSubscription implements Subscription {
  private static final Logger LOG = LoggerFactory.getLogger(AllSubscription.class);
  /** Our event types; everything KurrentDB writes itself starts with '$'. */
  static final String OUR_EVENT_TYPES = "^[^$]";
  private static final int BUFFER = 8_192;
  private static final int BATCH = 1_024;
  private static final long MAX_BACKOFF_MS = 5_000;

  private final Vertx vertx;
  private final Context context;
  private final KurrentDbClients clients;
  private final Handler<List<LogEvent>> handler;
  private final LongConsumer observed;
  private final Consumer<AllSubscription> onCancel;
  private final ArrayDeque<LogEvent> buffer = new ArrayDeque<>();
  private boolean drainScheduled;
  private boolean reconnectPending;
  private volatile int generation;
  private volatile long resumeAfter;
  private volatile boolean cancelled;
  private volatile boolean connected;
  private volatile String lastError = "connecting";
  private volatile io.kurrent.dbclient.Subscription current;
  private long backoffMs = 100;
  private final java.util.function.LongSupplier head;
  private final Supplier<Future<Long>> newestInLog;
  private boolean probing; // on the subscription's context only: the watchdog and the probe's answer
  private final long confirmPatienceNanos;
  private volatile long attemptStarted;
  private long watchdog;
  private long lastCheckedPosition = -1;
  /** Checks in a row that found a connected feed behind the head and not moving. */
  private int stillChecks;
  /** How many such checks it takes to give up on an attempt: doubles while attempts get nowhere. */
  private int stillChecksNeeded = 1;
  private long stalledAt = -1;
  private static final int MAX_STILL_CHECKS = 20;
  private final long stallCheckMs;

  AllSubscription(Vertx vertx, Context context, KurrentDbClients clients, long afterPosition,
      Handler<List<LogEvent>> handler, LongConsumer observed, java.util.function.LongSupplier head,
      Supplier<Future<Long>> newestInLog, long confirmPatienceMs, long stallCheckMs, Consumer<AllSubscription> onCancel) {
    this.stallCheckMs = stallCheckMs;
    this.head = head;
    this.confirmPatienceNanos = TimeUnit.MILLISECONDS.toNanos(confirmPatienceMs);
    this.newestInLog = newestInLog;
    this.vertx = vertx;
    this.context = context;
    this.clients = clients;
    this.resumeAfter = afterPosition;
    this.handler = handler;
    this.observed = observed;
    this.onCancel = onCancel;
  }

  void start() {
    connect();
    watchdog = vertx.setPeriodic(stallCheckMs, t -> checkStalled());
  }

  /**
   * The official client ends a subscription silently when the server cancels it (status
   * CANCELLED is swallowed), so a feed can stall with no callback. If the log's head is ahead of
   * the feed and the feed has not moved for a whole check period, resubscribe from where it stopped.
   *
   * <p>The head is known from our own appends and from this feed, which is not enough for an
   * instance that does not write: its feed could stall for good while other instances append (seen
   * after an outage of the log: one of two instances never heard that its feed had ended). So a
   * feed that has not moved for a period also asks the log for its newest event; if that is ahead,
   * the next check, a period later, finds the feed still behind it and resubscribes.
   *
   * <p>A node can also be merely slow to start sending (cold chunks, load). Each attempt that stalls
   * at the same place as the last one is given twice as many periods (up to {@value #MAX_STILL_CHECKS}),
   * so such a node is eventually waited for; once the feed moves, the usual patience applies again.
   */
  private void checkStalled() {
    if (!connected && attemptUnansweredFor() > confirmPatienceNanos) {
      // neither confirmed nor failed (a node that takes the call and never answers it): try again
      dropped(generation, new TimeoutException("subscription neither confirmed nor refused within "
          + TimeUnit.NANOSECONDS.toMillis(confirmPatienceNanos) + " ms"));
      return;
    }
    long position = resumeAfter;
    boolean still = connected && position == lastCheckedPosition;
    lastCheckedPosition = position;
    if (!still) {
      stillChecks = 0;
      if (position != stalledAt) stillChecksNeeded = 1; // it moved since the last stall: usual patience
      return;
    }
    if (head.getAsLong() > position) {
      if (++stillChecks < stillChecksNeeded) return;
      // A node slower to start than our patience would be asked again and again, each attempt as
      // slow as the last, and never get anywhere: give each new attempt at the same place twice as long.
      stillChecks = 0;
      stillChecksNeeded = position == stalledAt ? Math.min(stillChecksNeeded * 2, MAX_STILL_CHECKS) : 2;
      stalledAt = position;
      dropped(generation, new IllegalStateException("feed stalled at position " + position + " behind head "
          + head.getAsLong() + "; next attempt is given " + stillChecksNeeded * stallCheckMs + " ms"));
    } else if (!probing) {
      probing = true;
      newestInLog.get().onComplete(ar -> { // back on this context (the store's calls answer on the caller's)
        probing = false;
        if (ar.succeeded()) observed.accept(ar.result()); // moves the head the next check compares with
      });
    }
  }

  /** How long the current attempt has waited for its confirmation; 0 while waiting to reconnect. */
  private synchronized long attemptUnansweredFor() {
    return reconnectPending ? 0 : System.nanoTime() - attemptStarted;
  }

  boolean connected() {
    return connected;
  }

  String lastError() {
    return lastError;
  }

  private void connect() {
    if (cancelled) return;
    int gen;
    long after;
    synchronized (this) {
      gen = ++generation;
      reconnectPending = false;
      attemptStarted = System.nanoTime();
      after = resumeAfter;
      notifyAll(); // release a gRPC thread of the previous connection waiting on a full buffer
    }
    SubscriptionFilter filter = SubscriptionFilter.newBuilder()
        .withEventTypeRegularExpression(OUR_EVENT_TYPES)
        .withCheckpointer((s, position) -> {
          checkpoint(gen, position.getCommitUnsigned());
          return CompletableFuture.completedFuture(null);
        })
        .build();
    SubscribeToAllOptions options = SubscribeToAllOptions.get().notResolveLinkTos().filter(filter);
    options = after <= 0 ? options.fromStart() : options.fromPosition(new Position(after, after));
    CompletableFuture<io.kurrent.dbclient.Subscription> subscribed;
    try {
      subscribed = clients.get().subscribeToAll(new Listener(gen), options);
    } catch (RuntimeException e) {
      subscribed = CompletableFuture.failedFuture(e);
    }
    subscribed.whenComplete((sub, error) -> {
      if (error != null) {
        dropped(gen, KurrentDbEventStore.unwrap(error));
        return;
      }
      if (cancelled || gen != generation) sub.stop();
      else current = sub;
    });
  }

  private final class Listener extends SubscriptionListener {
    private final int gen;

    Listener(int gen) {
      this.gen = gen;
    }

    @Override
    public void onConfirmation(io.kurrent.dbclient.Subscription subscription) {
      if (gen != generation) return;
      connected = true;
      lastError = null;
      synchronized (AllSubscription.this) {
        backoffMs = 100;
      }
    }

    @Override
    public void onEvent(io.kurrent.dbclient.Subscription subscription, ResolvedEvent event) {
      if (KurrentDbEventStore.isSystem(event)) {
        checkpoint(gen, KurrentDbEventStore.position(event));
        return;
      }
      enqueue(gen, KurrentDbEventStore.toLogEvent(event));
    }

    @Override
    public void onCancelled(io.kurrent.dbclient.Subscription subscription, Throwable exception) {
      if (exception == null) return; // we stopped it
      dropped(gen, exception);
    }
  }

  private void enqueue(int gen, LogEvent e) {
    synchronized (this) {
      while (buffer.size() >= BUFFER && !cancelled && gen == generation) {
        try {
          wait(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (cancelled || gen != generation || e.position() <= resumeAfter) return;
      buffer.add(e);
      resumeAfter = e.position();
      if (!drainScheduled) {
        drainScheduled = true;
        context.runOnContext(v -> drain());
      }
    }
    observed.accept(e.position());
  }

  /** Everything up to {@code position} has been examined by the server's filter. */
  private void checkpoint(int gen, long position) {
    synchronized (this) {
      if (gen != generation || position <= resumeAfter) return;
      resumeAfter = position;
    }
  }

  private void drain() {
    List<LogEvent> batch;
    synchronized (this) {
      batch = new ArrayList<>(Math.min(buffer.size(), BATCH));
      while (batch.size() < BATCH && !buffer.isEmpty()) batch.add(buffer.poll());
      if (buffer.isEmpty()) drainScheduled = false;
      else context.runOnContext(v -> drain());
      notifyAll();
    }
    if (!cancelled && !batch.isEmpty()) handler.handle(batch);
  }

  private void dropped(int gen, Throwable error) {
    long delay;
    synchronized (this) {
      if (cancelled || gen != generation || reconnectPending) return;
      reconnectPending = true;
      delay = backoffMs;
      backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    }
    connected = false;
    lastError = String.valueOf(error);
    io.kurrent.dbclient.Subscription stale = current;
    if (stale != null) stale.stop();
    LOG.warn("KurrentDB subscription dropped ({}); resubscribing after position {} in {} ms", error, resumeAfter, delay);
    vertx.setTimer(delay, t -> connect());
  }

  @Override
  public void cancel() {
    cancelled = true;
    vertx.cancelTimer(watchdog);
    io.kurrent.dbclient.Subscription sub = current;
    if (sub != null) sub.stop();
    synchronized (this) {
      buffer.clear();
      notifyAll();
    }
    onCancel.accept(this);
  }
}
