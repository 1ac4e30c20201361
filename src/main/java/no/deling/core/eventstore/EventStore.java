package no.deling.core.eventstore;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The append-only log, shaped after KurrentDB's model so that adapters are interchangeable:
 * named streams with per-stream revisions, a global position for every event, reads per stream
 * and over the whole log, and catch-up subscriptions that switch to live without gap or
 * duplicate.
 *
 * <p>Contract for every implementation (checked by the store contract test suite):
 *
 * <ul>
 *   <li>a batch is appended to one stream atomically, or not at all;
 *   <li>a returned future completes only after the events are durable;
 *   <li>positions are strictly increasing in commit order and never reused;
 *   <li>re-appending events whose ids the stream already holds is acknowledged idempotently;
 *   <li>futures complete, and subscription handlers run, on the caller's Vert.x context, never
 *       blocking it.
 * </ul>
 */
public interface EventStore {

  Future<AppendResult> append(String stream, ExpectedRevision expected, List<EventData> events);

  /**
   * As {@link #append(String, ExpectedRevision, List)}, with the events finished by {@code finish}
   * (sealing, see {@code SealedEventStore}) just before they are stored. A store with a writer thread
   * of its own runs {@code finish} there, so that it costs the caller's event loop nothing; the
   * others run it at once. {@code finish} keeps every event's id and type; when it throws, the
   * append fails with what it threw and nothing is stored.
   */
  default Future<AppendResult> append(String stream, ExpectedRevision expected, List<EventData> events,
      UnaryOperator<List<EventData>> finish) {
    List<EventData> finished;
    try {
      finished = finish.apply(events);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return append(stream, expected, finished);
  }

  /** All events of a stream in revision order; an empty list when the stream does not exist. */
  default Future<List<RecordedEvent>> readStream(String stream) {
    return readStream(stream, -1);
  }

  /**
   * The events of a stream after {@code afterRevision} (exclusive), in revision order: what a
   * caller that folded the stream up to that revision before still has to fold.
   */
  Future<List<RecordedEvent>> readStream(String stream, long afterRevision);

  /** Up to {@code max} events with position greater than {@code afterPosition}, in order. */
  Future<List<RecordedEvent>> readAll(long afterPosition, int max);

  /** Position of the last committed event, 0 for an empty log. */
  long headPosition();

  /**
   * The position after which exactly the newest {@code count} events of the log lie (0 when the
   * log holds fewer). Positions need not be dense, so "the last N events" must be asked, not
   * computed.
   */
  Future<Long> positionBeforeNewest(int count);

  /**
   * Delivers every event with position greater than {@code afterPosition}, in order, exactly
   * once: first the history, then live events as they commit. Handlers run on the calling
   * context, one batch at a time. Events arrive as {@link LogEvent}s: position, type and content.
   */
  Subscription subscribeToAll(long afterPosition, Handler<List<LogEvent>> handler);

  /**
   * As {@link #subscribeToAll(long, Handler)}, with {@code prepare} run on every batch before
   * {@code handler} gets it with what it made. A store that reads its history on a thread of its
   * own prepares catch-up batches there, so preparing the next batch (decoding, say) overlaps with
   * handling this one; {@code prepare} must therefore not share unguarded state with the handler.
   */
  default <T> Subscription subscribeToAll(long afterPosition, java.util.function.Function<List<LogEvent>, T> prepare,
      java.util.function.BiConsumer<List<LogEvent>, T> handler) {
    return subscribeToAll(afterPosition, batch -> handler.accept(batch, prepare.apply(batch)));
  }

  /**
   * From now on, answers to durable appends may wait at {@code gate} until the read side has applied
   * them (one hand-off to the writer instead of two). A log that answers through its own client
   * library ignores this.
   */
  default void answerThrough(AnswerGate gate) {}

  /** Where appends spend their time, for {@code /metrics}; null when the store does not measure it. */
  default AppendLatency appendLatency() {
    return null;
  }

  /** The log's background checkpoints, for {@code /metrics}; null when the store has none (KurrentDB). */
  default LogCheckpoints logCheckpoints() {
    return null;
  }

  /** Reachability for the health endpoint; an embedded store is available while it is open. */
  default StoreStatus status() {
    return new StoreStatus(getClass().getSimpleName(), true, "open");
  }

  Future<Void> close();
}
