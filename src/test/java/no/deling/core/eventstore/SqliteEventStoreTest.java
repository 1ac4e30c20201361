package no.deling.core.eventstore;

import static no.deling.support.Await.await;
import static no.deling.support.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.vertx.core.Future;
import no.deling.core.eventstore.sqlite.SqliteEventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteEventStoreTest extends EventStoreContract {
  @TempDir Path dir;

  @Override
  protected EventStore open(Vertx vertx) {
    return await(SqliteEventStore.open(vertx, dir));
  }

  @Override
  protected EventStore reopen(Vertx vertx) {
    return open(vertx);
  }

  // A stream the store knows the last revision of is answered "nothing new" without a reader
  // thread: on the event loop, a read through a reader completes only after the current task, so
  // "complete at once" tells the two apart.

  @Test
  void aStreamOnlyTheStorageKnows_isKnownOnceRead_soNothingNewNeedsNoReader() {
    await(store.append("group-g", ExpectedRevision.NO_STREAM, List.of(event("N.v1", "{}"), event("N.v1", "{}"))));
    await(store.close());
    store = reopen(vertx); // nothing about the stream is known now, as after a restart or the table's bound

    assertThat(completeAtOnce(() -> store.readStream("group-g", 1))).as("not known yet: read from the log").isFalse();
    assertThat(completeAtOnce(() -> store.readStream("group-g", 1))).as("known from that read, though it found nothing").isTrue();
    assertThat(await(store.readStream("group-g", 1))).isEmpty();
  }

  @Test
  void aStreamReadInFull_isKnownToItsLastRevision_andAnAppendAfterIsStillSeen() {
    await(store.append("group-g", ExpectedRevision.NO_STREAM, List.of(event("N.v1", "{}"), event("N.v1", "{}"))));
    await(store.close());
    store = reopen(vertx);
    assertThat(await(store.readStream("group-g"))).hasSize(2);
    assertThat(completeAtOnce(() -> store.readStream("group-g", 1))).isTrue();

    await(store.append("group-g", ExpectedRevision.exact(1), List.of(event("N.v1", "{\"n\":3}"))));

    assertThat(await(store.readStream("group-g", 1))).extracting(RecordedEvent::revision).containsExactly(2L);
    assertThat(completeAtOnce(() -> store.readStream("group-g", 2))).isTrue();
  }

  @Test
  void aStreamWithNoEvents_isNeverTakenAsKnown() {
    assertThat(completeAtOnce(() -> store.readStream("nobody", -1))).isFalse();
    assertThat(completeAtOnce(() -> store.readStream("nobody", -1))).isFalse();
    await(store.append("nobody", ExpectedRevision.NO_STREAM, List.of(event("N.v1", "{}"))));
    assertThat(await(store.readStream("nobody", -1))).hasSize(1);
  }

  /** Whether the read's future is complete when the call returns, the call made on an event loop. */
  private boolean completeAtOnce(java.util.function.Supplier<Future<List<RecordedEvent>>> read) {
    java.util.concurrent.CompletableFuture<Boolean> atOnce = new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> {
      Future<List<RecordedEvent>> f = read.get();
      atOnce.complete(f.isComplete());
      f.onComplete(r -> done.complete(null));
    });
    done.join(); // the next read starts after this one has finished and recorded what it learned
    return atOnce.join();
  }

  @Test
  void positions_areDense_fromOne() {
    for (int i = 0; i < 5; i++) await(store.append("s-" + i, ExpectedRevision.NO_STREAM, List.of(event("N.v1", "{}"))));
    assertThat(await(store.readAll(0, 10))).extracting(RecordedEvent::position).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  // Event ids are unique across the whole embedded log (KurrentDB only deduplicates within a stream).

  @Test
  void eventIdUsedInAnotherStream_isRejected_andWritesNothing() {
    EventData e = event("N.v1", "{}");
    long head = await(store.append("a", ExpectedRevision.NO_STREAM, List.of(e))).position();

    Throwable misuse = failure(store.append("b", ExpectedRevision.ANY, List.of(e)));

    assertThat(misuse).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another stream");
    assertThat(await(store.readStream("b"))).isEmpty();
    assertThat(store.headPosition()).isEqualTo(head);
  }

  @Test
  void batchPartlyMatchingAnEarlierAppend_isRejected_andLeavesNoneOfItBehind() {
    EventData taken = event("N.v1", "{\"n\":1}");
    long head = await(store.append("a", ExpectedRevision.NO_STREAM, List.of(taken))).position();

    Throwable takenFirst = failure(store.append("a", ExpectedRevision.ANY, List.of(taken, event("N.v1", "{\"n\":2}"))));
    Throwable takenLast = failure(store.append("a", ExpectedRevision.ANY, List.of(event("N.v1", "{\"n\":3}"), event("N.v1", "{\"n\":4}"), taken)));

    assertThat(takenFirst).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partially");
    assertThat(takenLast).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the whole batch");
    assertThat(await(store.readStream("a"))).hasSize(1);
    assertThat(store.headPosition()).isEqualTo(head);
    // and the log goes on densely after the rejected batches
    assertThat(await(store.append("a", ExpectedRevision.exact(0), List.of(event("N.v1", "{}")))).position()).isEqualTo(head + 1);
  }

  @Test
  void misuseInAGroupCommit_failsOnlyThatAppend() {
    EventData taken = event("N.v1", "{}");
    await(store.append("taken", ExpectedRevision.NO_STREAM, List.of(taken)));
    List<Future<AppendResult>> good = new ArrayList<>();
    List<Future<AppendResult>> bad = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      good.add(store.append("s-" + (i % 7), ExpectedRevision.ANY, List.of(event("N.v1", "{\"i\":" + i + "}"), event("N.v1", "{}"))));
      if (i % 50 == 0) bad.add(store.append("s-" + (i % 7), ExpectedRevision.ANY, List.of(event("N.v1", "{}"), taken)));
    }

    good.forEach(f -> assertThat(await(f).position()).isPositive());
    bad.forEach(f -> assertThat(failure(f)).isInstanceOf(IllegalArgumentException.class));
    List<RecordedEvent> log = await(store.readAll(0, 10_000));
    assertThat(log).hasSize(1 + 400);
    assertThat(log).extracting(RecordedEvent::position).doesNotHaveDuplicates().isSorted();
    assertThat(log.get(log.size() - 1).position()).isEqualTo(401);
  }
}
