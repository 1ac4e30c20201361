package no.deling.core.eventstore;

import static no.deling.support.Await.await;
import static no.deling.support.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import no.deling.support.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EventStore} must have. Each implementation extends this class and
 * says how to open a fresh store (and reopen it on the same storage, for durability).
 *
 * <p>Positions are only promised to be global and strictly increasing: the embedded store numbers
 * them 1, 2, 3…, KurrentDB uses sparse commit positions, so no test here assumes density.
 */
public abstract class EventStoreContract {
  protected Vertx vertx;
  protected EventStore store;

  /** A new, empty store. */
  protected abstract EventStore open(Vertx vertx);

  /** The same storage as the last {@link #open}, after the previous instance was closed. */
  protected abstract EventStore reopen(Vertx vertx);

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    store = open(vertx);
  }

  @AfterEach
  void stop() {
    await(store.close());
    await(vertx.close());
  }

  protected static EventData event(String type, String json) {
    return new EventData(UUID.randomUUID(), type, json.getBytes(StandardCharsets.UTF_8), null);
  }

  private static EventData numbered(int i) {
    return event("Numbered.v1", "{\"n\":" + i + "}");
  }

  @Test
  void append_toNewStream_startsAtRevisionZero_andMovesTheHead() {
    long before = store.headPosition();
    AppendResult r = await(store.append("a", ExpectedRevision.NO_STREAM, List.of(numbered(1))));
    assertThat(r.nextExpectedRevision()).isZero();
    assertThat(r.position()).isPositive().isGreaterThan(before);
    assertThat(store.headPosition()).isEqualTo(r.position());
  }

  @Test
  void append_batch_getsConsecutiveRevisions_andIsReadBackInOrder() {
    await(store.append("a", ExpectedRevision.NO_STREAM, List.of(numbered(1), numbered(2), numbered(3))));
    List<RecordedEvent> events = await(store.readStream("a"));
    assertThat(events).extracting(RecordedEvent::revision).containsExactly(0L, 1L, 2L);
    assertThat(events).extracting(e -> new String(e.data(), StandardCharsets.UTF_8))
        .containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
    assertThat(events).extracting(RecordedEvent::type).containsOnly("Numbered.v1");
  }

  @Test
  void append_withStaleExpectedRevision_failsAndWritesNothing() {
    long first = await(store.append("a", ExpectedRevision.NO_STREAM, List.of(numbered(1)))).position();
    Throwable noStream = failure(store.append("a", ExpectedRevision.NO_STREAM, List.of(numbered(2))));
    assertThat(noStream).isInstanceOf(WrongExpectedRevisionException.class);
    assertThat(((WrongExpectedRevisionException) noStream).actualRevision()).isZero();
    Throwable exact = failure(store.append("a", ExpectedRevision.exact(5), List.of(numbered(3))));
    assertThat(exact).isInstanceOf(WrongExpectedRevisionException.class);
    Throwable missing = failure(store.append("b", ExpectedRevision.exact(0), List.of(numbered(4))));
    assertThat(((WrongExpectedRevisionException) missing).actualRevision()).isEqualTo(-1);
    assertThat(await(store.readStream("a"))).hasSize(1);
    assertThat(await(store.readStream("b"))).isEmpty();
    assertThat(store.headPosition()).isEqualTo(first);
  }

  @Test
  void noStreamAppend_toAStreamOnlyTheStorageKnows_failsWithItsRevision_andWritesNothing() {
    List<EventData> earlier = List.of(numbered(1), numbered(2));
    AppendResult first = await(store.append("a", ExpectedRevision.NO_STREAM, earlier));
    await(store.close());
    store = reopen(vertx); // nothing about "a" is cached now
    Throwable one = failure(store.append("a", ExpectedRevision.NO_STREAM, List.of(numbered(3))));
    assertThat(one).isInstanceOf(WrongExpectedRevisionException.class);
    assertThat(((WrongExpectedRevisionException) one).actualRevision()).isEqualTo(1);
    store = reopenAfterClose();
    Throwable batch = failure(store.append("a", ExpectedRevision.NO_STREAM, List.of(numbered(4), numbered(5))));
    assertThat(((WrongExpectedRevisionException) batch).actualRevision()).isEqualTo(1);
    store = reopenAfterClose();
    assertThat(await(store.append("a", ExpectedRevision.NO_STREAM, earlier))).as("a retry of the first append").isEqualTo(first);
    assertThat(await(store.readStream("a"))).hasSize(2);
    assertThat(store.headPosition()).isEqualTo(first.position());
    assertThat(await(store.append("b", ExpectedRevision.NO_STREAM, List.of(numbered(6)))).nextExpectedRevision()).isZero();
  }

  @Test
  void concurrentNoStreamAppends_toOneNewStream_exactlyOneWins() {
    List<Future<AppendResult>> racing = new ArrayList<>();
    for (int i = 0; i < 10; i++) racing.add(store.append("new", ExpectedRevision.NO_STREAM, List.of(numbered(i))));
    long winners = racing.stream().filter(f -> {
      try {
        await(f);
        return true;
      } catch (WrongExpectedRevisionException e) {
        assertThat(e.actualRevision()).isZero();
        return false;
      }
    }).count();
    assertThat(winners).isEqualTo(1);
    assertThat(await(store.readStream("new"))).hasSize(1);
  }

  private EventStore reopenAfterClose() {
    await(store.close());
    return reopen(vertx);
  }

  @Test
  void append_withExactOrAnyRevision_succeeds() {
    await(store.append("a", ExpectedRevision.NO_STREAM, List.of(numbered(1))));
    AppendResult exact = await(store.append("a", ExpectedRevision.exact(0), List.of(numbered(2))));
    assertThat(exact.nextExpectedRevision()).isEqualTo(1);
    AppendResult any = await(store.append("a", ExpectedRevision.ANY, List.of(numbered(3))));
    assertThat(any.nextExpectedRevision()).isEqualTo(2);
    assertThat(any.position()).isGreaterThan(exact.position());
  }

  @Test
  void reappend_ofSameEventIds_isIdempotent() {
    List<EventData> batch = List.of(numbered(1), numbered(2));
    AppendResult first = await(store.append("a", ExpectedRevision.NO_STREAM, batch));
    AppendResult again = await(store.append("a", ExpectedRevision.NO_STREAM, batch));
    assertThat(again).isEqualTo(first);
    assertThat(await(store.readStream("a"))).hasSize(2);
    assertThat(store.headPosition()).isEqualTo(first.position());
  }

  @Test
  void concurrentReappends_ofSameEvent_writeItOnce() {
    EventData e = numbered(1);
    List<Future<AppendResult>> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) all.add(store.append("a", ExpectedRevision.ANY, List.of(e)));
    long position = await(all.get(0)).position();
    all.forEach(f -> assertThat(await(f).position()).isEqualTo(position));
    assertThat(await(store.readStream("a"))).hasSize(1);
  }

  @Test
  void readStream_afterARevision_returnsOnlyWhatCameLater() {
    await(store.append("a", ExpectedRevision.NO_STREAM, List.of(numbered(1), numbered(2), numbered(3))));
    assertThat(await(store.readStream("a", 0)).stream().map(RecordedEvent::revision)).containsExactly(1L, 2L);
    assertThat(await(store.readStream("a", 2))).isEmpty();
    assertThat(await(store.readStream("a", -1))).hasSize(3);
    await(store.append("a", ExpectedRevision.after(2), List.of(numbered(4))));
    assertThat(await(store.readStream("a", 2)).stream().map(RecordedEvent::revision)).containsExactly(3L);
    assertThat(await(store.readStream("unknown", 5))).isEmpty();
  }

  @Test
  void readStream_ofUnknownStream_isEmpty() {
    assertThat(await(store.readStream("nobody"))).isEmpty();
  }

  @Test
  void positions_areGlobal_andStrictlyIncreasing_acrossConcurrentWriters() {
    List<Future<AppendResult>> all = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      all.add(store.append("s-" + (i % 17), ExpectedRevision.ANY, List.of(numbered(i))));
    }
    List<Long> positions = new ArrayList<>();
    all.forEach(f -> positions.add(await(f).position()));
    assertThat(positions).doesNotHaveDuplicates().allMatch(p -> p >= 1);
    List<RecordedEvent> log = await(store.readAll(0, 1000));
    assertThat(log).extracting(RecordedEvent::position).isSorted().doesNotHaveDuplicates().hasSize(500)
        .containsExactlyInAnyOrderElementsOf(positions);
    assertThat(store.headPosition()).isEqualTo(Collections.max(positions));
    // revisions within each stream are dense
    for (int s = 0; s < 17; s++) {
      List<RecordedEvent> stream = await(store.readStream("s-" + s));
      assertThat(stream).extracting(RecordedEvent::revision)
          .containsExactlyElementsOf(IntStream.range(0, stream.size()).mapToObj(Long::valueOf).toList());
    }
  }

  @Test
  void readAll_pagesFromAnExclusivePosition() {
    List<Long> p = new ArrayList<>();
    for (int i = 1; i <= 10; i++) p.add(await(store.append("a", ExpectedRevision.ANY, List.of(numbered(i)))).position());
    assertThat(await(store.readAll(p.get(2), 4))).extracting(RecordedEvent::position)
        .containsExactly(p.get(3), p.get(4), p.get(5), p.get(6));
    assertThat(await(store.readAll(p.get(9), 4))).isEmpty();
  }

  @Test
  void positionBeforeNewest_countsEvents_notPositions() {
    List<Long> p = new ArrayList<>();
    for (int i = 1; i <= 10; i++) p.add(await(store.append("n-" + (i % 3), ExpectedRevision.ANY, List.of(numbered(i)))).position());
    assertThat(await(store.positionBeforeNewest(3))).isEqualTo(p.get(6));
    assertThat(await(store.readAll(await(store.positionBeforeNewest(3)), 100))).hasSize(3);
    assertThat(await(store.positionBeforeNewest(10))).isZero();
    assertThat(await(store.positionBeforeNewest(50))).isZero();
    assertThat(await(store.positionBeforeNewest(0))).isEqualTo(p.get(9));
  }

  @Test
  void concurrentConflictingWriters_exactlyOneWinsEachRevision() {
    await(store.append("a", ExpectedRevision.NO_STREAM, List.of(numbered(0))));
    List<Future<AppendResult>> racing = new ArrayList<>();
    for (int i = 0; i < 10; i++) racing.add(store.append("a", ExpectedRevision.exact(0), List.of(numbered(i))));
    long winners = racing.stream().filter(f -> {
      try {
        await(f);
        return true;
      } catch (WrongExpectedRevisionException e) {
        return false;
      }
    }).count();
    assertThat(winners).isEqualTo(1);
    assertThat(await(store.readStream("a"))).hasSize(2);
  }

  @Test
  void subscription_catchesUp_thenSwitchesToLive_withoutGapOrDuplicate_underConcurrentAppends() throws Exception {
    int before = 3_000;
    int during = 3_000;
    for (int i = 0; i < before; i += 100) {
      List<EventData> batch = new ArrayList<>();
      for (int j = 0; j < 100; j++) batch.add(numbered(i + j));
      await(store.append("pre-" + i, ExpectedRevision.NO_STREAM, batch));
    }
    long from = await(store.readAll(0, 1_000)).get(999).position();
    List<Long> seen = Collections.synchronizedList(new ArrayList<>());
    Thread writer = new Thread(() -> {
      List<Future<AppendResult>> fs = new ArrayList<>();
      for (int i = 0; i < during; i++) fs.add(store.append("live-" + (i % 31), ExpectedRevision.ANY, List.of(numbered(i))));
      fs.forEach(Await::await);
    });
    writer.start();
    // subscribe from the middle of the history while writes are in flight
    Subscription sub = subscribeOnContext(from, seen);
    writer.join();
    Await.until(() -> seen.size() >= before + during - 1_000, Duration.ofSeconds(30), "all events delivered");
    Thread.sleep(200);
    List<Long> expected = await(store.readAll(from, 10_000)).stream().map(RecordedEvent::position).toList();
    assertThat(expected).hasSize(before + during - 1_000);
    assertThat(new ArrayList<>(seen)).containsExactlyElementsOf(expected);
    sub.cancel();
  }

  /**
   * A subscription delivers each event's type, body and metadata exactly as reading the log does,
   * across many distinct types (more than a store may keep short codes for) and metadata that is
   * absent, empty or not; twice, so a store that learns from the first pass is checked on the second.
   */
  @Test
  void subscription_deliversTypesBodiesAndMetadata_exactlyAsStored() throws Exception {
    int types = 80;
    for (int i = 0; i < 400; i++) {
      String metadata = switch (i % 4) {
        case 0 -> null;
        case 1 -> "{}";
        case 2 -> "{\"idempotencyKey\":\"key-" + i + "\"}";
        default -> "{\"correlation\":[" + i + "]}";
      };
      var e = new EventData(UUID.randomUUID(), "Kind" + (i * 7 % types) + ".v1", ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8),
          metadata == null ? null : metadata.getBytes(StandardCharsets.UTF_8));
      await(store.append("s-" + (i % 13), ExpectedRevision.ANY, List.of(e)));
    }
    List<String> expected = await(store.readAll(0, 10_000)).stream()
        .map(e -> e.position() + " " + e.type() + " " + new String(e.data(), StandardCharsets.UTF_8) + " " + new String(e.metadata(), StandardCharsets.UTF_8))
        .toList();
    assertThat(expected).hasSize(400);
    for (int pass = 0; pass < 2; pass++) {
      List<String> seen = Collections.synchronizedList(new ArrayList<>());
      var holder = new java.util.concurrent.CompletableFuture<Subscription>();
      vertx.runOnContext(v -> holder.complete(store.subscribeToAll(0, batch -> batch.forEach(e -> seen.add(
          e.position() + " " + e.type() + " " + new String(e.data(), StandardCharsets.UTF_8) + " " + new String(e.metadata(), StandardCharsets.UTF_8))))));
      Subscription sub = holder.get();
      Await.until(() -> seen.size() >= 400, Duration.ofSeconds(10), "every event delivered");
      sub.cancel();
      assertThat(new ArrayList<>(seen)).as("pass %d", pass).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void preparedSubscription_handsEachBatchWithWhatWasPreparedOfExactlyThatBatch() throws Exception {
    for (int i = 0; i < 1_200; i++) await(store.append("p-" + (i % 7), ExpectedRevision.ANY, List.of(numbered(i))));
    List<Long> seen = new CopyOnWriteArrayList<>();
    List<String> mismatches = new CopyOnWriteArrayList<>();
    var holder = new java.util.concurrent.CompletableFuture<Subscription>();
    vertx.runOnContext(v -> holder.complete(store.subscribeToAll(0,
        batch -> batch.stream().map(LogEvent::position).toList(),
        (batch, prepared) -> {
          if (!vertx.getOrCreateContext().isEventLoopContext()) mismatches.add("handled off the subscriber's context");
          List<Long> positions = batch.stream().map(LogEvent::position).toList();
          if (!positions.equals(prepared)) mismatches.add("batch " + positions.get(0) + ".. prepared as " + prepared);
          seen.addAll(positions);
        })));
    Subscription sub = holder.get();
    Await.until(() -> seen.size() >= 1_200, Duration.ofSeconds(10), "history delivered");
    for (int i = 0; i < 50; i++) await(store.append("live", ExpectedRevision.ANY, List.of(numbered(i)))); // and live batches
    Await.until(() -> seen.size() >= 1_250, Duration.ofSeconds(10), "live events delivered");
    sub.cancel();
    assertThat(mismatches).isEmpty();
    assertThat(seen).doesNotHaveDuplicates().isSorted().hasSize(1_250);
  }

  @Test
  void cancelledSubscription_receivesNothingMore() throws Exception {
    List<Long> seen = new CopyOnWriteArrayList<>();
    Subscription sub = subscribeOnContext(0, seen);
    long first = await(store.append("a", ExpectedRevision.ANY, List.of(numbered(1)))).position();
    Await.until(() -> seen.size() == 1, Duration.ofSeconds(5), "first delivery");
    sub.cancel();
    await(store.append("a", ExpectedRevision.ANY, List.of(numbered(2))));
    Thread.sleep(200);
    assertThat(seen).containsExactly(first);
  }

  @Test
  void acknowledgedEvents_surviveReopen() {
    long last = 0;
    for (int i = 0; i < 50; i++) last = await(store.append("a", ExpectedRevision.ANY, List.of(numbered(i)))).position();
    await(store.close());
    store = reopen(vertx);
    assertThat(store.headPosition()).isEqualTo(last);
    assertThat(await(store.readStream("a"))).hasSize(50);
    AppendResult next = await(store.append("a", ExpectedRevision.exact(49), List.of(numbered(50))));
    assertThat(next.position()).isGreaterThan(last);
  }

  private Subscription subscribeOnContext(long after, List<Long> seen) throws Exception {
    var holder = new java.util.concurrent.CompletableFuture<Subscription>();
    vertx.runOnContext(v -> holder.complete(store.subscribeToAll(after, batch -> {
      if (!vertx.getOrCreateContext().isEventLoopContext()) throw new AssertionError("not on the event loop");
      batch.forEach(e -> seen.add(e.position()));
    })));
    return holder.get();
  }
}
