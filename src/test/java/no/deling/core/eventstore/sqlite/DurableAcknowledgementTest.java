package no.deling.core.eventstore.sqlite;

import static no.deling.support.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import no.deling.core.eventstore.AppendResult;
import no.deling.core.eventstore.EventData;
import no.deling.core.eventstore.ExpectedRevision;
import no.deling.core.eventstore.StoreUnavailableException;
import no.deling.core.eventstore.Subscription;
import no.deling.support.Await;
import org.junit.jupiter.api.Test;

/**
 * An append is acknowledged only once the log holding it is synced to disk: the store is given a
 * sync that the test holds back or breaks, and nothing may be acknowledged, counted in the head or
 * delivered to a subscriber before that sync has returned.
 */
class DurableAcknowledgementTest extends StoreOnDisk {

  private static EventData event(UUID id, int n) {
    return new EventData(id, "Numbered.v1", ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8), null);
  }

  @Test
  void append_isAcknowledgedAndDelivered_onlyAfterTheSyncReturns() throws Exception {
    Semaphore syncAllowed = new Semaphore(0);
    AtomicInteger syncs = new AtomicInteger();
    WalFlusher.Flush realSync = WalFlusher.ofWal(dir.resolve("events.db"));
    store = await(SqliteEventStore.open(vertx, dir, () -> {
      try {
        syncAllowed.acquire();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      realSync.force();
      syncs.incrementAndGet();
    }));
    List<Long> delivered = new CopyOnWriteArrayList<>();
    CompletableFuture<Subscription> sub = new CompletableFuture<>();
    vertx.runOnContext(v -> sub.complete(store.subscribeToAll(0, batch -> batch.forEach(e -> delivered.add(e.position())))));
    sub.get();

    UUID id = UUID.randomUUID();
    Future<AppendResult> first = store.append("a", ExpectedRevision.NO_STREAM, List.of(event(id, 1)));
    Thread.sleep(300);
    // the same event again (a client retrying) finds it committed, but must not be told "done" early either
    Future<AppendResult> retry = store.append("a", ExpectedRevision.ANY, List.of(event(id, 1)));
    Thread.sleep(300);

    assertThat(first.isComplete()).as("acknowledged before the sync").isFalse();
    assertThat(retry.isComplete()).as("retry acknowledged before the sync").isFalse();
    assertThat(store.headPosition()).isZero();
    assertThat(delivered).isEmpty();

    syncAllowed.release(100);
    AppendResult result = await(first);
    assertThat(await(retry)).isEqualTo(result);
    assertThat(syncs.get()).isPositive();
    assertThat(store.headPosition()).isEqualTo(result.position());
    Await.until(() -> delivered.size() == 1, Duration.ofSeconds(5), "delivery after the sync");
    assertThat(delivered).containsExactly(result.position());
  }

  @Test
  void failedSync_failsTheAppend_andEveryLaterOne_withoutAcknowledgingAnything() {
    store = await(SqliteEventStore.open(vertx, dir, () -> {
      throw new IOException("disk on fire");
    }));

    Throwable first = Await.failure(store.append("a", ExpectedRevision.NO_STREAM, List.of(event(UUID.randomUUID(), 1))));
    Throwable later = Await.failure(store.append("b", ExpectedRevision.NO_STREAM, List.of(event(UUID.randomUUID(), 2))));

    assertThat(first).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("synced to disk");
    assertThat(later).isInstanceOf(StoreUnavailableException.class);
    assertThat(store.headPosition()).isZero();
    assertThat(store.status().available()).as("health must not say UP while writes fail").isFalse();
    assertThat(store.status().detail()).contains("could not be synced");
  }

  @Test
  void manyConcurrentAppends_shareSyncs_andAllSurviveReopen() {
    AtomicInteger syncs = new AtomicInteger();
    WalFlusher.Flush realSync = WalFlusher.ofWal(dir.resolve("events.db"));
    store = await(SqliteEventStore.open(vertx, dir, () -> {
      realSync.force();
      syncs.incrementAndGet();
    }));
    List<Future<AppendResult>> appends = new java.util.ArrayList<>();
    for (int i = 0; i < 2_000; i++) appends.add(store.append("s-" + (i % 50), ExpectedRevision.ANY, List.of(event(UUID.randomUUID(), i))));
    appends.forEach(Await::await);

    assertThat(syncs.get()).as("syncs for 2,000 appends").isBetween(1, 1_999);
    await(store.close());
    store = await(SqliteEventStore.open(vertx, dir));
    assertThat(store.headPosition()).isEqualTo(2_000);
  }
}
