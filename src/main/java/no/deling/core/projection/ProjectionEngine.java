package no.deling.core.projection;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import no.deling.core.events.DomainEvent;
import no.deling.core.eventstore.LogEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds registered {@link Projection}s from the log and keeps what they share: one read/write lock
 * (a query never sees half a batch), the position applied so far, and the read-your-writes
 * waiters. Knows no feature: features register projections with whoever builds the engine.
 */
public final class ProjectionEngine {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectionEngine.class);

  /** Turns a batch of log events into domain events before the write lock is taken. */
  public interface Decoder {
    Decoded decode(List<LogEvent> batch);
  }

  /**
   * One batch, decoded: {@code events[i]} is null for a type this version does not know or an
   * event that could not be read. {@code idempotencyKeys} is null unless some event carried one.
   */
  public record Decoded(DomainEvent[] events, String[] idempotencyKeys) {}

  /** Told about every event right after every projection applied it, inside the write lock, in log order. */
  public interface AppliedListener {
    void applied(DomainEvent event, long position);
  }


  /** A projection and the event types it handles (classes or the interfaces they implement). */
  public record Registration(List<Class<?>> types, Projection projection) {
    public static Registration of(Projection projection, Class<?>... types) {
      return new Registration(List.of(types), projection);
    }
  }

  /**
   * What an event implies for the read side in other events' terms, applied (and told to
   * listeners) just before it at its position: erasing a person deletes each of their posts, so
   * every model and subscriber that forgets a deleted post forgets theirs the same way.
   */
  public interface Consequences {
    /**
     * @param replay the event is told again to listeners after a snapshot was read back: what it
     *     deleted is deleted already, and is named all the same
     */
    List<DomainEvent> of(DomainEvent event, boolean replay);
  }

  private final Decoder decoder;
  private final Consequences consequences;
  /**
   * Per event class, only the projections that handle it: calling every projection for every event
   * made each call site megamorphic and cost a rebuild about a fifth.
   */
  private final java.util.Map<Class<?>, Projection[]> dispatch = new java.util.IdentityHashMap<>(); // projection thread only
  private final List<Registration> registrations;
  private final List<AppliedListener> listeners = new CopyOnWriteArrayList<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile long position;
  private long eventsApplied;
  /**
   * The position whose batch the after-batch hooks have handed on too: what {@link #awaitPosition}
   * waits for. Waiting on {@link #position} itself let a waiter that came between the apply and the
   * hooks go at once and find the batch's notifications not yet handed over (a flaky snapshot test).
   * Reads of one's own writes wait for {@link #position} only ({@link #awaitPositionUnlessPaused}).
   */
  private volatile long handedOn;
  private final PositionWaiters waiters = new PositionWaiters("read model", () -> handedOn);
  /** An append's answer waits at most this long for the read side (the read-your-writes wait after it has its own timeout). */
  public static final long GATE_MAX_HOLD_MS = 2_000;
  private final AppliedGate gate = new AppliedGate(() -> position, GATE_MAX_HOLD_MS);

  /** Event-loop reads that found the write lock taken (see {@link #readWithoutWaiting}). */
  private final ConcurrentLinkedQueue<WaitingRead<?>> waitingReads = new ConcurrentLinkedQueue<>();

  /** @param registrations applied in this order, so a later one may read what an earlier one built */
  public ProjectionEngine(Decoder decoder, List<Registration> registrations) {
    this(decoder, registrations, (e, replay) -> List.of());
  }

  public ProjectionEngine(Decoder decoder, List<Registration> registrations, Consequences consequences) {
    this.decoder = decoder;
    this.consequences = consequences;
    this.registrations = List.copyOf(registrations);
  }

  /** Before anything is applied: the projections hold the log up to {@code position} already (a snapshot read back). */
  public void resumeAt(long position) {
    if (this.position != 0 || eventsApplied != 0) throw new IllegalStateException("already applying the log");
    this.position = position;
    this.handedOn = position;
  }

  public void onApplied(AppliedListener listener) {
    listeners.add(listener);
  }

  private final List<Runnable> afterBatch = new CopyOnWriteArrayList<>();

  /** Runs on the projection thread after each batch, outside the write lock (hand work on to other threads here). */
  public void afterEachBatch(Runnable hook) {
    afterBatch.add(hook);
  }

  /**
   * Decodes a batch, on any thread: a store's reader thread decodes the next catch-up batch while
   * this engine applies the last. One batch at a time (the decoder keeps its own interned strings).
   */
  public Decoded decode(List<LogEvent> batch) {
    synchronized (decoder) {
      return decoder.decode(batch);
    }
  }

  /** Applies a batch in order; events at or below the current position are skipped (idempotent). */
  public void apply(List<LogEvent> batch) {
    if (batch.isEmpty() || batch.get(batch.size() - 1).position() <= position) return;
    apply(batch, decode(batch));
  }

  /** Applies a batch {@link #decode decoded} already. */
  public void apply(List<LogEvent> batch, Decoded decoded) {
    if (batch.isEmpty() || batch.get(batch.size() - 1).position() <= position) return;
    lock.writeLock().lock();
    try {
      for (int i = 0; i < batch.size(); i++) {
        long at = batch.get(i).position();
        if (at <= position) continue;
        applyAt(decoded.events()[i], at, decoded.idempotencyKeys() == null ? null : decoded.idempotencyKeys()[i]);
      }
    } finally {
      lock.writeLock().unlock();
    }
    runWaitingReads();
    afterBatch();
  }

  /**
   * Tells {@code to} about events the projections hold already (a snapshot read back holds them),
   * each after what it implies, under the read lock: for work that reads the read model as it is
   * now and changes nothing in it (the live stream's resume window from before a start). The
   * listeners of live events hear nothing. Events outside ({@code after}, {@code upTo}] are
   * skipped; returns how many were told.
   */
  public int tellAgain(List<LogEvent> batch, Decoded decoded, long after, long upTo, AppliedListener to) {
    int told = 0;
    lock.readLock().lock();
    try {
      for (int i = 0; i < batch.size(); i++) {
        long at = batch.get(i).position();
        DomainEvent e = decoded.events()[i];
        if (at <= after || at > upTo || e == null) continue;
        told++;
        try {
          for (DomainEvent implied : consequences.of(e, true)) to.applied(implied, at);
          to.applied(e, at);
        } catch (RuntimeException failure) {
          LOG.error("could not tell {} at position {} again; skipped", e.getClass().getSimpleName(), at, failure);
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    return told;
  }

  /**
   * Runs {@code change} under the write lock between batches: a change to the models that no event
   * makes (a snapshot packing what it encoded). Projection thread.
   */
  public void exclusive(Runnable change) {
    lock.writeLock().lock();
    try {
      change.run();
    } finally {
      lock.writeLock().unlock();
    }
    runWaitingReads();
  }

  /** Applies one already decoded event at {@code at} (for benchmarks that time the stages apart). */
  public void applyDecoded(DomainEvent e, long at, String idempotencyKey) {
    lock.writeLock().lock();
    try {
      if (at <= position) return;
      applyAt(e, at, idempotencyKey);
    } finally {
      lock.writeLock().unlock();
    }
    runWaitingReads();
    afterBatch();
  }

  /** Inside the write lock: applies one event (null: a type this version skips) and moves the position past it. */
  private void applyAt(DomainEvent e, long at, String idempotencyKey) {
    if (e != null) applySafely(e, at, idempotencyKey);
    position = at;
    eventsApplied++;
  }

  private void afterBatch() {
    // The appends' answers first: they need only the read model, which is applied. The hooks hand
    // work to other threads, and waking a thread can cost the waker its core for a while: answers
    // released after them waited 1-4 ms in about one batch in fifty (measured under wrk, 2 cores).
    // A snapshot of seconds opens the gate instead.
    gate.release();
    for (Runnable hook : afterBatch) hook.run();
    // the waiters after the hooks: whoever hears of a write then finds the batch handed over (the
    // notifications' drain relies on it)
    handedOn = position;
    waiters.release();
  }

  /**
   * One event that cannot be applied (a bug, or an event that decodes but lacks fields every event
   * of its type has) is skipped with an error, instead of losing the rest of its batch.
   */
  private void applySafely(DomainEvent e, long at, String idempotencyKey) {
    try {
      for (DomainEvent implied : consequences.of(e, false)) applyAll(implied, at, null);
      applyAll(e, at, idempotencyKey);
    } catch (RuntimeException failure) {
      LOG.error("could not apply {} at position {}; skipped", e.getClass().getSimpleName(), at, failure);
    }
  }

  private void applyAll(DomainEvent e, long at, String idempotencyKey) {
    for (Projection p : dispatch.computeIfAbsent(e.getClass(), this::interested)) p.on(e, at, idempotencyKey);
    for (AppliedListener l : listeners) l.applied(e, at);
  }

  private Projection[] interested(Class<?> eventType) {
    return registrations.stream().filter(r -> r.types().stream().anyMatch(t -> t.isAssignableFrom(eventType)))
        .map(Registration::projection).toArray(Projection[]::new);
  }

  /** Runs a query under the read lock. Keep queries short and free of IO. */
  public <T> T read(Supplier<T> query) {
    lock.readLock().lock();
    try {
      return query.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Runs {@code query} under the read lock without ever waiting for the write lock, for event
   * loops. While the projection applies a batch (up to a millisecond or so under load) a read that
   * waits for the lock stops the loop, and every connection on it: posting, the loop spent 6% of
   * its time so. When the lock is free the query runs at once on the caller; otherwise the thread
   * that holds it runs the query as soon as its batch is applied, and the answer arrives on the
   * caller's context. Off a Vert.x context this is {@link #read}.
   */
  public <T> Future<T> readWithoutWaiting(Supplier<T> query) {
    Context context = Vertx.currentContext();
    if (context == null) return ReadLock.answerOf(() -> read(query));
    if (lock.readLock().tryLock()) {
      try {
        return ReadLock.answerOf(query);
      } finally {
        lock.readLock().unlock();
      }
    }
    Promise<T> answer = Promise.promise();
    waitingReads.add(new WaitingRead<>(query, context, answer));
    // the batch may have ended between the try and the add, with no other to follow it soon
    if (!lock.isWriteLocked()) runWaitingReads();
    return answer.future();
  }

  /** A query an event loop could not run at once: run under the read lock by whoever next finds it free. */
  private record WaitingRead<T>(Supplier<T> query, Context context, Promise<T> answer) {
    void run() {
      Future<T> result = ReadLock.answerOf(query); // a failing query fails its own answer, never the thread running it
      context.runOnContext(v -> answer.handle(result));
    }
  }

  /**
   * Runs the waiting reads, each taken from the queue once; by the projection thread after each
   * batch, or by a reader that queued just as a batch ended. A batch begun meanwhile runs them when
   * it ends instead.
   */
  private void runWaitingReads() {
    if (waitingReads.isEmpty() || !lock.readLock().tryLock()) return;
    try {
      WaitingRead<?> w;
      while ((w = waitingReads.poll()) != null) w.run();
    } finally {
      lock.readLock().unlock();
    }
  }

  public long position() {
    return position;
  }

  public long eventsApplied() {
    return eventsApplied;
  }

  /**
   * Completes (on the caller's context) once {@code target} has been applied, or fails after
   * {@code timeoutMs}. This is how a write's author reads their own write.
   */
  public Future<Void> awaitPosition(Vertx vertx, long target, long timeoutMs) {
    return waiters.await(vertx, target, timeoutMs);
  }

  /**
   * See {@link PositionWaiters#awaitUnlessPaused}; also fails at once while the read side is so
   * far behind that the gate let answers go unapplied (their writes waited their bound there already).
   */
  public Future<Void> awaitPositionUnlessPaused(Vertx vertx, long target, long timeoutMs) {
    // a read of one's own write needs the models applied, not the batch's hand-offs: an answer is
    // released before the hooks run (see afterBatch), and must not wait for them here instead
    if (position >= target) return Future.succeededFuture();
    if (gate.lagging()) return Future.failedFuture("the read side is behind by more than " + GATE_MAX_HOLD_MS + " ms");
    return waiters.awaitUnlessPaused(vertx, target, timeoutMs);
  }

  /** Applying stands still for a while ({@code why}); see {@link PositionWaiters#pause}. Held answers go too. */
  public void pauseWaiters(String why) {
    waiters.pause(why);
    gate.open();
  }

  /** Applying goes on. */
  public void resumeWaiters() {
    waiters.resume();
    gate.close();
  }

  /**
   * The gate that holds appends' answers until they are applied (see {@link AppliedGate}), for
   * the log to answer through; it holds none longer than {@link #GATE_MAX_HOLD_MS}.
   */
  public AppliedGate appliedGate() {
    return gate;
  }


}
