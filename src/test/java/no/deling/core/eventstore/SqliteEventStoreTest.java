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
