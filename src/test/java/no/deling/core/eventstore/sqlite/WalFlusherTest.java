package no.deling.core.eventstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The writer's waits on the flusher: a small group waits for the sync in progress and joins the
 * next one; a large enough group is committed behind it at once.
 */
class WalFlusherTest {
  private final CountDownLatch syncing = new CountDownLatch(1);
  private final CountDownLatch letSyncEnd = new CountDownLatch(1);
  private final WalFlusher flusher = new WalFlusher(() -> {
    syncing.countDown();
    try {
      letSyncEnd.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  });

  private static Thread started(Runnable r) {
    Thread t = new Thread(r, "test-writer");
    t.start();
    return t;
  }

  @AfterEach
  void stop() throws InterruptedException {
    letSyncEnd.countDown();
    flusher.stop();
  }

  @Test
  void withNothingBeingSynced_aGroupGoesAtOnce() throws InterruptedException {
    flusher.awaitSyncedUnless(() -> false); // returns: nothing committed waits for a sync
  }

  @Test
  void aSmallGroup_waitsForTheSyncInProgress() throws Exception {
    CountDownLatch durable = new CountDownLatch(1);
    flusher.committed(durable::countDown, e -> {});
    assertThat(syncing.await(5, TimeUnit.SECONDS)).isTrue();
    Thread writer = started(() -> {
      try {
        flusher.awaitSyncedUnless(() -> false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    writer.join(300);
    assertThat(writer.isAlive()).as("waits while the sync is in progress").isTrue();
    letSyncEnd.countDown();
    writer.join(5_000);
    assertThat(writer.isAlive()).as("goes once the sync ended").isFalse();
    assertThat(durable.getCount()).isZero();
  }

  @Test
  void aLargeEnoughGroup_goesBehindTheSyncInProgress() throws Exception {
    flusher.committed(() -> {}, e -> {});
    assertThat(syncing.await(5, TimeUnit.SECONDS)).isTrue();
    AtomicBoolean enough = new AtomicBoolean();
    Thread writer = started(() -> {
      try {
        flusher.awaitSyncedUnless(enough::get);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    writer.join(300);
    assertThat(writer.isAlive()).isTrue();
    enough.set(true); // appends piled up meanwhile
    writer.join(5_000);
    assertThat(writer.isAlive()).as("goes while the sync is still in progress").isFalse();
    assertThat(letSyncEnd.getCount()).isEqualTo(1);
  }
}
