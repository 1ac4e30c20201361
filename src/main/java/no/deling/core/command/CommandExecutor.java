package no.deling.core.command;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventTypes;
import no.deling.core.eventstore.EventData;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.ExpectedRevision;
import no.deling.core.eventstore.RecordedEvent;
import no.deling.core.eventstore.WrongExpectedRevisionException;
import no.deling.core.ids.EventIds;
import no.deling.core.json.Json;

/**
 * The one command path: read the stream, fold it, decide, append with the expected revision; on a
 * concurrent write, start over on fresh state after a short random pause (so writers racing for
 * one stream spread out instead of colliding again in lockstep) a bounded number of times, then
 * give up with a {@link Rejection.Conflict}.
 */
public final class CommandExecutor {
  private static final int MAX_ATTEMPTS = 10;
  private static final long MAX_BACKOFF_MS = 50;
  private final Vertx vertx;
  private final EventStore store;
  /**
   * Folded states by stream and decider, with the revision they were folded to, so a command on a
   * stream folded before reads only what was appended since (a group's hundred membership events
   * were read and decoded again for every post into it). States are immutable, so sharing is safe;
   * an entry that is behind just costs a longer read. Bounded: when full it starts over.
   */
  private final java.util.concurrent.ConcurrentHashMap<String, Folded<?>> folded = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_FOLDED = 50_000;

  private record Folded<S>(S state, long revision, long position) {}

  public CommandExecutor(Vertx vertx, EventStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  public <C, S, E extends DomainEvent> Future<CommandResult<S, E>> execute(
      String stream, Decider<C, S, E> decider, C command, CommandMeta meta) {
    return attempt(stream, decider, command, meta, 1);
  }

  /**
   * For a stream whose name was just minted (a new post's id): it cannot exist yet, so the read
   * is skipped and the store's no-stream check guards the write. Should it exist after all (an
   * id collision), the command runs the normal way on the stream's real state.
   */
  public <C, S, E extends DomainEvent> Future<CommandResult<S, E>> executeOnNewStream(
      String stream, Decider<C, S, E> decider, C command, CommandMeta meta) {
    return startStream(stream, decider, command, meta, null);
  }

  /**
   * For a command that usually starts its stream: a first share or endorsement, whose stream is one
   * post and one person. Unless this executor has folded the stream before, the command is decided
   * against the empty stream and appended only if the stream is still new, which the store checks
   * as it writes; should the stream exist, the command runs the normal way on its real state. This
   * saves reading a stream that is not there (a reader thread's query and two hops for every share).
   * Only for commands that change an empty stream and whose rejections do not depend on it: an
   * empty decision here is taken as it is, unchecked.
   */
  public <C, S, E extends DomainEvent> Future<CommandResult<S, E>> executeLikelyNew(
      String stream, Decider<C, S, E> decider, C command, CommandMeta meta) {
    String key = decider.getClass().getName() + '\n' + stream;
    if (folded.containsKey(key)) return execute(stream, decider, command, meta);
    return startStream(stream, decider, command, meta, key);
  }

  /** Decided against the empty stream, appended with the store's no-stream check; the state remembered as {@code key} unless null. */
  private <C, S, E extends DomainEvent> Future<CommandResult<S, E>> startStream(
      String stream, Decider<C, S, E> decider, C command, CommandMeta meta, String key) {
    S state = decider.initialState();
    List<E> events;
    try {
      events = decider.decide(command, state);
    } catch (RuntimeException rejected) {
      return Future.failedFuture(rejected);
    }
    if (events.isEmpty()) return Future.succeededFuture(new CommandResult<>(events, state, 0));
    S after = state;
    for (E e : events) after = decider.evolve(after, e);
    S finalState = after;
    return store.append(stream, ExpectedRevision.NO_STREAM, toData(stream, events, meta))
        .map(r -> {
          // the stream holds exactly these events (a retry the store deduplicated answers as the first append did)
          if (key != null && r.nextExpectedRevision() == events.size() - 1) remember(key, new Folded<>(finalState, r.nextExpectedRevision(), r.position()));
          return new CommandResult<>(events, finalState, r.position());
        })
        .recover(failure -> failure instanceof WrongExpectedRevisionException
            ? execute(stream, decider, command, meta)
            : Future.failedFuture(failure));
  }

  /** Every event of a stream, oldest first (a post's versions, for its edit history). */
  public Future<List<DomainEvent>> events(String stream) {
    return store.readStream(stream).map(CommandExecutor::decode);
  }

  /** Reads and folds a stream without deciding anything. */
  public <C, S, E extends DomainEvent> Future<S> load(String stream, Decider<C, S, E> decider) {
    return fold(stream, decider).map(Folded::state);
  }

  /** The stream folded to its newest revision (-1 when empty), starting from what was folded before. */
  @SuppressWarnings("unchecked")
  private <C, S, E extends DomainEvent> Future<Folded<S>> fold(String stream, Decider<C, S, E> decider) {
    String key = decider.getClass().getName() + '\n' + stream;
    Folded<S> known = (Folded<S>) folded.get(key);
    Future<List<RecordedEvent>> read = known == null ? store.readStream(stream) : store.readStream(stream, known.revision());
    return read.map(recorded -> {
      if (recorded.isEmpty() && known != null) return known;
      S state = known == null ? decider.initialState() : known.state();
      List<E> events = decode(recorded);
      for (E e : events) state = decider.evolve(state, e);
      Folded<S> now = recorded.isEmpty()
          ? new Folded<>(state, -1, 0)
          : new Folded<>(state, recorded.get(recorded.size() - 1).revision(), recorded.get(recorded.size() - 1).position());
      remember(key, now);
      return now;
    });
  }

  private void remember(String key, Folded<?> state) {
    if (folded.size() >= MAX_FOLDED) folded.clear();
    folded.merge(key, state, (a, b) -> a.revision() >= b.revision() ? a : b);
  }

  private <C, S, E extends DomainEvent> Future<CommandResult<S, E>> attempt(
      String stream, Decider<C, S, E> decider, C command, CommandMeta meta, int attempt) {
    String key = decider.getClass().getName() + '\n' + stream;
    return fold(stream, decider)
        .compose(f -> {
          S state = f.state();
          long revision = f.revision();
          List<E> events = decider.decide(command, state); // may throw Rejection
          if (events.isEmpty()) return Future.succeededFuture(new CommandResult<>(events, state, f.position()));
          S after = state;
          for (E e : events) after = decider.evolve(after, e);
          S finalState = after;
          return store
              .append(stream, ExpectedRevision.after(revision), toData(stream, events, meta))
              .map(r -> {
                // only a genuinely new append is known to hold exactly state + events (a retry the store deduplicated may not)
                if (r.nextExpectedRevision() == revision + events.size()) remember(key, new Folded<>(finalState, r.nextExpectedRevision(), r.position()));
                return new CommandResult<>(events, finalState, r.position());
              });
        })
        .recover(failure -> {
          if (failure instanceof WrongExpectedRevisionException) {
            if (attempt < MAX_ATTEMPTS) return backoff(attempt).compose(v -> attempt(stream, decider, command, meta, attempt + 1));
            return Future.failedFuture(new Rejection.Conflict("too many concurrent changes to " + stream + "; retry"));
          }
          return Future.failedFuture(failure);
        });
  }

  /** Full jitter: a random pause up to a bound that doubles per attempt. */
  private Future<Void> backoff(int attempt) {
    long bound = Math.min(MAX_BACKOFF_MS, 1L << attempt);
    long delay = java.util.concurrent.ThreadLocalRandom.current().nextLong(bound + 1);
    if (delay == 0) return Future.succeededFuture();
    Promise<Void> paused = Promise.promise();
    vertx.setTimer(delay, t -> paused.complete());
    return paused.future();
  }

  @SuppressWarnings("unchecked")
  private static <E> List<E> decode(List<RecordedEvent> recorded) {
    List<E> out = new ArrayList<>(recorded.size());
    for (RecordedEvent r : recorded) {
      DomainEvent e = EventTypes.decode(r.type(), r.data());
      if (e != null) out.add((E) e);
    }
    return out;
  }

  private static <E extends DomainEvent> List<EventData> toData(String stream, List<E> events, CommandMeta meta) {
    byte[] metadata = meta.toMetadata();
    List<EventData> out = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      E e = events.get(i);
      out.add(new EventData(meta.eventId(stream, i), EventTypes.nameOf(e), EventTypes.encode(e), metadata));
    }
    return out;
  }
}
