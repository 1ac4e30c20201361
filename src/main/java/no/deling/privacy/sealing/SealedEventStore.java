package no.deling.privacy.sealing;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.crypto.SecretKey;
import no.deling.core.eventstore.AppendResult;
import no.deling.core.eventstore.EventData;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.ExpectedRevision;
import no.deling.core.eventstore.LogEvent;
import no.deling.core.eventstore.RecordedEvent;
import no.deling.core.eventstore.StoreStatus;
import no.deling.core.eventstore.Subscription;

/**
 * The log as the rest of the server sees it: events that carry a person's words or profile are
 * sealed on the way in and opened on the way out, on every path (deciders' stream reads, the
 * projection's subscription, exports). An event whose key was destroyed reads as {@link
 * Sealer#ERASED_TYPE} with an empty body, at its own position and revision, so the log's order
 * and every stream's revisions stay as they were.
 */
public final class SealedEventStore implements EventStore {
  private final Vertx vertx;
  private final EventStore log;
  private final KeyStore keys;
  /** Bodies sealed lately, so the live subscription does not decrypt what was just encrypted. */
  private final RecentlySealed recent = new RecentlySealed(4_096);

  public SealedEventStore(Vertx vertx, EventStore log, KeyStore keys) {
    this.vertx = vertx;
    this.log = log;
    this.keys = keys;
  }

  public KeyStore keys() {
    return keys;
  }

  /** A person was erased: their keys leave memory, and so does every plain body sealed lately. */
  public void forget(String subject) {
    keys.forget(subject);
    recent.clear();
  }

  /** How many plain bodies are kept for the live subscription (for tests). */
  int recentlySealed() {
    return recent.size();
  }

  @Override
  public Future<AppendResult> append(String stream, ExpectedRevision expected, List<EventData> events) {
    Sealer.Target[] targets = new Sealer.Target[events.size()];
    SecretKey[] found = new SecretKey[targets.length];
    boolean missingKey = false;
    for (int i = 0; i < targets.length; i++) {
      targets[i] = Sealer.target(events.get(i).type(), events.get(i).data());
      if (targets[i] == null) continue;
      found[i] = keys.key(targets[i].subject(), targets[i].period());
      missingKey |= found[i] == null;
    }
    // sealed where the log stores them (the embedded log's writer thread), not on this event loop
    if (!missingKey) return log.append(stream, expected, events, batch -> sealed(batch, targets, found));
    // a person's first event of a month: their key is stored durably before anything is sealed with it
    return vertx.<Void>executeBlocking(() -> {
      for (int i = 0; i < targets.length; i++) if (targets[i] != null && found[i] == null) found[i] = keys.create(targets[i].subject(), targets[i].period());
      return null;
    }, false).compose(v -> log.append(stream, expected, events, batch -> sealed(batch, targets, found)));
  }

  private List<EventData> sealed(List<EventData> events, Sealer.Target[] targets, SecretKey[] keys) {
    List<EventData> out = new ArrayList<>(events.size());
    for (int i = 0; i < targets.length; i++) {
      EventData e = events.get(i);
      if (targets[i] == null) {
        out.add(e);
        continue;
      }
      byte[] sealedBody = Sealer.seal(e.type(), e.data(), targets[i], keys[i]);
      recent.remember(sealedBody, e.data());
      out.add(new EventData(e.eventId(), e.type(), sealedBody, e.metadata()));
    }
    return out;
  }

  @Override
  public Future<List<RecordedEvent>> readStream(String stream, long afterRevision) {
    return log.readStream(stream, afterRevision).map(this::openRecorded);
  }

  /**
   * A page of the log is opened on a worker: a page is thousands of events (an export reads the
   * whole log page by page), and decrypting them where the read completes would take the event
   * loop's time.
   */
  @Override
  public Future<List<RecordedEvent>> readAll(long afterPosition, int max) {
    return log.readAll(afterPosition, max).compose(page -> anySealed(page)
        ? vertx.executeBlocking(() -> openRecorded(page), false)
        : Future.succeededFuture(page));
  }

  private static boolean anySealed(List<RecordedEvent> events) {
    for (RecordedEvent e : events) if (Sealer.isSealed(e.data())) return true;
    return false;
  }

  private List<RecordedEvent> openRecorded(List<RecordedEvent> events) {
    return openAll(events, RecordedEvent::type, RecordedEvent::data, (e, type, body) ->
        new RecordedEvent(e.stream(), e.revision(), e.position(), e.eventId(), type, body, e.metadata(), e.created()));
  }

  /** Opens a batch; on the store's reader thread during catch-up (see {@link EventStore#subscribeToAll(long, Function, BiConsumer)}). */
  private List<LogEvent> openBatch(List<LogEvent> events) {
    return openAll(events, LogEvent::type, LogEvent::data, (e, type, body) -> new LogEvent(e.position(), type, body, e.metadata()));
  }

  /** The same event with another type and body. */
  private interface Rebuilt<E> {
    E with(E event, String type, byte[] body);
  }

  /** The events with every sealed body opened (or read as erased); the same list when none is sealed. */
  private <E> List<E> openAll(List<E> events, Function<E, String> type, Function<E, byte[]> data, Rebuilt<E> rebuilt) {
    List<E> out = null;
    for (int i = 0; i < events.size(); i++) {
      E e = events.get(i);
      if (!Sealer.isSealed(data.apply(e))) {
        if (out != null) out.add(e);
        continue;
      }
      if (out == null) out = new ArrayList<>(events.subList(0, i));
      byte[] plain = recent.plainOf(data.apply(e));
      if (plain == null) plain = open(type.apply(e), data.apply(e));
      out.add(plain == null ? rebuilt.with(e, Sealer.ERASED_TYPE, Sealer.ERASED_BODY) : rebuilt.with(e, type.apply(e), plain));
    }
    return out == null ? events : out;
  }

  private byte[] open(String type, byte[] data) {
    Sealer.Envelope envelope = Sealer.envelope(data);
    if (envelope == null) return null;
    SecretKey key = keys.key(envelope.target().subject(), envelope.target().period());
    return key == null ? null : Sealer.open(type, envelope, key);
  }

  @Override
  public long headPosition() {
    return log.headPosition();
  }

  @Override
  public Future<Long> positionBeforeNewest(int count) {
    return log.positionBeforeNewest(count);
  }

  @Override
  public Subscription subscribeToAll(long afterPosition, Handler<List<LogEvent>> handler) {
    return log.subscribeToAll(afterPosition, this::openBatch, (batch, opened) -> handler.handle(opened));
  }

  private record Opened<T>(List<LogEvent> events, T prepared) {}

  @Override
  public <T> Subscription subscribeToAll(long afterPosition, Function<List<LogEvent>, T> prepare, BiConsumer<List<LogEvent>, T> handler) {
    return log.subscribeToAll(afterPosition, batch -> {
      List<LogEvent> opened = openBatch(batch);
      return new Opened<>(opened, prepare.apply(opened));
    }, (batch, o) -> handler.accept(o.events(), o.prepared()));
  }

  @Override
  public StoreStatus status() {
    return log.status();
  }

  @Override
  public void answerThrough(no.deling.core.eventstore.AnswerGate gate) {
    log.answerThrough(gate);
  }

  @Override
  public no.deling.core.eventstore.AppendLatency appendLatency() {
    return log.appendLatency();
  }

  @Override
  public no.deling.core.eventstore.LogCheckpoints logCheckpoints() {
    return log.logCheckpoints();
  }

  @Override
  public Future<Void> close() {
    return log.close().onComplete(r -> keys.close());
  }
}
