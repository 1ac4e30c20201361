package no.deling.core.eventstore.kurrentdb;

import io.kurrent.dbclient.AppendToStreamOptions;
import io.kurrent.dbclient.EventDataBuilder;
import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.Position;
import io.kurrent.dbclient.ReadAllOptions;
import io.kurrent.dbclient.ReadResult;
import io.kurrent.dbclient.ReadStreamOptions;
import io.kurrent.dbclient.ResolvedEvent;
import io.kurrent.dbclient.StreamNotFoundException;
import io.kurrent.dbclient.StreamState;
import io.kurrent.dbclient.WrongExpectedVersionException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import no.deling.core.eventstore.AppendResult;
import no.deling.core.eventstore.EventData;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.ExpectedRevision;
import no.deling.core.eventstore.LogEvent;
import no.deling.core.eventstore.RecordedEvent;
import no.deling.core.eventstore.StoreStatus;
import no.deling.core.eventstore.StoreUnavailableException;
import no.deling.core.eventstore.Subscription;
import no.deling.core.eventstore.WrongExpectedRevisionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log in KurrentDB (EventStoreDB), through the official Java client.
 *
 * <p>Mapping: our streams are KurrentDB streams with the same names and revisions; a position is
 * the commit position in {@code $all} (sparse and byte-like, never dense); our metadata JSON is the
 * event's custom metadata. System events (types starting with {@code $}) are never returned.
 *
 * <p>Every call returns on the caller's Vert.x context ({@code Future.fromCompletionStage(stage,
 * context)}), and fails with {@link StoreUnavailableException} (HTTP 503) within the configured
 * timeout while the node cannot be reached, instead of hanging.
 */
public final class KurrentDbEventStore implements EventStore {
  private static final Logger LOG = LoggerFactory.getLogger(KurrentDbEventStore.class);
  private static final int READ_PAGE = 512;
  /** The stall check's read for the newest of our events: it is nearly always among the last few. */
  private static final int PROBE_PAGE = 16;
  /**
   * A subscription attempt neither confirmed nor refused after this many operation timeouts is
   * given up and tried again: a healthy node confirms at once, an unreachable one is refused by
   * the client's own discovery within a few seconds.
   */
  private static final int CONFIRM_PATIENCE_TIMEOUTS = 4;
  private static final Duration STALL_CHECK = Duration.ofSeconds(3);

  private final Vertx vertx;
  private final KurrentDbClients clients;
  private final long timeoutMs;
  private final long stallCheckMs;
  private final AtomicLong head = new AtomicLong();
  private final List<AllSubscription> subscriptions = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile String problem;

  private KurrentDbEventStore(Vertx vertx, KurrentDbClients clients, long timeoutMs, long stallCheckMs) {
    this.stallCheckMs = stallCheckMs;
    this.vertx = vertx;
    this.clients = clients;
    this.timeoutMs = timeoutMs;
  }

  /**
   * Connects and learns the head of the log, retrying with backoff for up to {@code startTimeout}
   * (a node started alongside us may need a few seconds).
   */
  public static Future<EventStore> open(Vertx vertx, String connectionString, Duration opTimeout, Duration startTimeout) {
    return open(vertx, connectionString, opTimeout, startTimeout, STALL_CHECK);
  }

  /** As above, with the period at which subscriptions check that their feed moves (tests shorten it). */
  static Future<EventStore> open(Vertx vertx, String connectionString, Duration opTimeout, Duration startTimeout,
      Duration stallCheck) {
    KurrentDbEventStore store = new KurrentDbEventStore(vertx, new KurrentDbClients(connectionString), opTimeout.toMillis(),
        stallCheck.toMillis());
    long deadline = System.nanoTime() + startTimeout.toNanos();
    Promise<EventStore> opened = Promise.promise();
    store.findHead(opened, deadline, 200);
    return opened.future();
  }

  private void findHead(Promise<EventStore> opened, long deadline, long backoffMs) {
    walkBack(null, 0, READ_PAGE).onComplete(ar -> { // the newest of our events
      if (ar.succeeded()) {
        head.set(ar.result());
        LOG.info("KurrentDB log opened at {}; head position {}", clients.describe(), ar.result());
        opened.complete(this);
      } else if (System.nanoTime() > deadline) {
        clients.close();
        opened.fail(new StoreUnavailableException("KurrentDB at " + clients.describe() + " is unreachable", ar.cause()));
      } else {
        LOG.warn("KurrentDB not reachable yet ({}); retrying in {} ms", ar.cause().getMessage(), backoffMs);
        vertx.setTimer(backoffMs, t -> findHead(opened, deadline, Math.min(backoffMs * 2, 2_000)));
      }
    });
  }

  @Override
  public Future<AppendResult> append(String stream, ExpectedRevision expected, List<EventData> events) {
    List<io.kurrent.dbclient.EventData> proposed = new ArrayList<>(events.size());
    for (EventData e : events) {
      proposed.add(EventDataBuilder.json(e.eventId(), e.type(), e.data()).metadataAsBytes(e.metadata()).build());
    }
    AppendToStreamOptions options = AppendToStreamOptions.get().streamState(stateOf(expected)).deadline(timeoutMs);
    return call(options, o -> clients.get().appendToStream(stream, o, proposed.iterator()))
        .recover(e -> Future.failedFuture(translate(stream, expected, e)))
        .compose(result -> {
          long revision = result.getNextExpectedRevision().toRawLong();
          if (result.getLogPosition() != null) return Future.succeededFuture(accepted(revision, result.getLogPosition().getCommitUnsigned()));
          // An idempotent re-append is acknowledged without a log position: look it up.
          ReadStreamOptions read = ReadStreamOptions.get().fromRevision(revision).forwards().maxCount(1).notResolveLinkTos();
          return call(read, o -> clients.get().readStream(stream, o))
              .map(r -> accepted(revision, position(r.getEvents().get(0))));
        });
  }

  private AppendResult accepted(long revision, long position) {
    head.accumulateAndGet(position, Math::max);
    return new AppendResult(revision, position);
  }

  @Override
  public Future<List<RecordedEvent>> readStream(String stream, long afterRevision) {
    ReadStreamOptions options = ReadStreamOptions.get().forwards().maxCount(Long.MAX_VALUE).notResolveLinkTos();
    options = afterRevision < 0 ? options.fromStart() : options.fromRevision(afterRevision + 1);
    Future<ReadResult> read = call(options, o -> clients.get().readStream(stream, o));
    return read.map(r -> {
      List<RecordedEvent> out = new ArrayList<>(r.getEvents().size());
      for (ResolvedEvent e : r.getEvents()) out.add(toRecorded(e));
      return out;
    }).recover(e -> e instanceof StreamNotFoundException || e.getCause() instanceof StreamNotFoundException
        ? Future.succeededFuture(List.of())
        : Future.failedFuture(e));
  }

  @Override
  public Future<List<RecordedEvent>> readAll(long afterPosition, int max) {
    List<RecordedEvent> out = new ArrayList<>();
    return readAllInto(afterPosition, max, out).map(v -> out);
  }

  /** Reading $all from a position includes it, so we ask for one more and drop it; system events are skipped. */
  private Future<Void> readAllInto(long after, int max, List<RecordedEvent> out) {
    int want = max - out.size() + 1;
    ReadAllOptions options = ReadAllOptions.get().forwards().maxCount(want).notResolveLinkTos();
    options = after <= 0 ? options.fromStart() : options.fromPosition(new Position(after, after));
    return call(options, o -> clients.get().readAll(o)).compose(r -> {
      long last = after;
      for (ResolvedEvent e : r.getEvents()) {
        last = Math.max(last, position(e));
        if (isSystem(e) || position(e) <= after || out.size() >= max) continue;
        RecordedEvent recorded = toRecorded(e);
        head.accumulateAndGet(recorded.position(), Math::max);
        out.add(recorded);
      }
      boolean exhausted = r.getEvents().size() < want;
      if (out.size() >= max || exhausted || last == after) return Future.succeededFuture();
      return readAllInto(last, max, out);
    });
  }

  @Override
  public long headPosition() {
    return head.get();
  }

  @Override
  public Future<Long> positionBeforeNewest(int count) {
    return count <= 0 ? Future.succeededFuture(head.get()) : walkBack(null, count, READ_PAGE);
  }

  /**
   * Reads $all backwards from {@code from} (null: the end), {@code page} events at a time,
   * skipping system events, and answers the position of our event after {@code remaining} of ours
   * were passed (0 when the log runs out).
   */
  private Future<Long> walkBack(Position from, int remaining, int page) {
    ReadAllOptions options = ReadAllOptions.get().backwards().maxCount(page).notResolveLinkTos();
    options = from == null ? options.fromEnd() : options.fromPosition(from);
    return call(options, o -> clients.get().readAll(o)).compose(result -> {
      int left = remaining;
      List<ResolvedEvent> events = result.getEvents();
      for (ResolvedEvent e : events) {
        if (from != null && e.getOriginalEvent().getPosition().equals(from)) continue; // the page starts at the last one seen
        if (isSystem(e)) continue;
        if (left == 0) return Future.succeededFuture(position(e));
        left--;
      }
      if (events.size() < page) return Future.succeededFuture(0L);
      return walkBack(events.get(events.size() - 1).getOriginalEvent().getPosition(), left, page);
    });
  }

  @Override
  public Subscription subscribeToAll(long afterPosition, Handler<List<LogEvent>> handler) {
    Context context = vertx.getOrCreateContext();
    AllSubscription sub = new AllSubscription(vertx, context, clients, afterPosition, handler, this::observed,
        head::get, () -> walkBack(null, 0, PROBE_PAGE), CONFIRM_PATIENCE_TIMEOUTS * timeoutMs, stallCheckMs,
        s -> subscriptions.remove(s));
    subscriptions.add(sub);
    sub.start();
    return sub;
  }

  /** Called by subscriptions for every event and checkpoint they see: other instances' writes move our head. */
  private void observed(long position) {
    head.accumulateAndGet(position, Math::max);
  }

  @Override
  public StoreStatus status() {
    String p = problem;
    for (AllSubscription s : subscriptions) {
      if (!s.connected()) p = "projection feed reconnecting: " + s.lastError();
    }
    return new StoreStatus("kurrentdb", p == null, p == null ? "connected to " + clients.describe() : p);
  }

  @Override
  public Future<Void> close() {
    subscriptions.forEach(AllSubscription::cancel);
    return Future.fromCompletionStage(clients.close(), vertx.getOrCreateContext());
  }

  /**
   * Runs one client call with a hard timeout and brings its outcome back to the caller's context.
   * Connection failures become {@link StoreUnavailableException}; other outcomes pass through.
   */
  private <O, T> Future<T> call(O options, java.util.function.Function<O, CompletableFuture<T>> op) {
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    long timer = vertx.setTimer(timeoutMs, t -> promise.tryFail(
        new StoreUnavailableException("KurrentDB did not answer within " + timeoutMs + " ms", null)));
    CompletableFuture<T> stage;
    try {
      stage = op.apply(options);
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    Future.fromCompletionStage(stage, context).onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        problem = null;
        promise.tryComplete(ar.result());
      } else {
        Throwable cause = unwrap(ar.cause());
        if (KurrentDbClients.isConnectionFailure(cause)) {
          problem = "log unreachable: " + cause;
          promise.tryFail(new StoreUnavailableException("KurrentDB is unreachable: " + cause.getMessage(), cause));
        } else {
          promise.tryFail(cause);
        }
      }
    });
    promise.future().onFailure(e -> {
      if (e instanceof StoreUnavailableException) problem = e.getMessage();
    });
    return promise.future();
  }

  private static Throwable translate(String stream, ExpectedRevision expected, Throwable e) {
    if (e instanceof WrongExpectedVersionException w) {
      return new WrongExpectedRevisionException(stream, expected, w.getActualState().toRawLong());
    }
    return e;
  }

  static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) e = e.getCause();
    return e;
  }

  private static StreamState stateOf(ExpectedRevision expected) {
    if (expected instanceof ExpectedRevision.Exact x) return StreamState.streamRevision(x.revision());
    if (expected instanceof ExpectedRevision.NoStream) return StreamState.noStream();
    return StreamState.any();
  }

  static boolean isSystem(ResolvedEvent e) {
    String type = e.getOriginalEvent().getEventType();
    return type == null || type.startsWith("$");
  }

  static long position(ResolvedEvent e) {
    return e.getOriginalEvent().getPosition().getCommitUnsigned();
  }

  static RecordedEvent toRecorded(ResolvedEvent resolved) {
    io.kurrent.dbclient.RecordedEvent e = resolved.getOriginalEvent();
    return new RecordedEvent(e.getStreamId(), e.getRevision(), position(resolved), e.getEventId(), e.getEventType(),
        e.getEventData(), metadata(e), e.getCreated().toEpochMilli());
  }

  static LogEvent toLogEvent(ResolvedEvent resolved) {
    io.kurrent.dbclient.RecordedEvent e = resolved.getOriginalEvent();
    return new LogEvent(position(resolved), e.getEventType(), e.getEventData(), metadata(e));
  }

  private static byte[] metadata(io.kurrent.dbclient.RecordedEvent e) {
    byte[] metadata = e.getUserMetadata();
    return metadata == null || metadata.length == 0 ? new byte[] {'{', '}'} : metadata;
  }

  /** For tests and benchmarks: the raw client, to write system-like events the adapter must ignore. */
  KurrentDBClient client() {
    return clients.get();
  }
}
