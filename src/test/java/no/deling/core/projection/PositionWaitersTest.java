package no.deling.core.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * While applying stands still for a snapshot, read-your-writes is answered at once instead of at
 * its timeout, and whoever must really wait (an erasure's snapshot) goes on waiting.
 */
class PositionWaitersTest {
  private final Vertx vertx = Vertx.vertx();
  private final AtomicLong position = new AtomicLong();
  private final PositionWaiters waiters = new PositionWaiters("the read model", position::get);

  @AfterEach
  void close() {
    vertx.close();
  }

  private static void get(Future<Void> f) throws Exception {
    f.toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
  }

  @Test
  void aPause_failsTheHurriedAtOnce_andNewOnes_whileThePatientWait_andAfterItAllWaitAgain() throws Exception {
    Future<Void> hurried = waiters.awaitUnlessPaused(vertx, 5, 60_000);
    Future<Void> patient = waiters.await(vertx, 5, 60_000);
    Thread.sleep(50);
    assertThat(hurried.isComplete()).isFalse();

    waiters.pause("a snapshot is being written");
    assertThatThrownBy(() -> get(hurried)).isInstanceOf(ExecutionException.class).hasMessageContaining("paused: a snapshot is being written");
    Future<Void> during = waiters.awaitUnlessPaused(vertx, 5, 60_000);
    assertThat(during.failed()).as("fails at once while paused").isTrue();
    get(waiters.awaitUnlessPaused(vertx, 0, 60_000)); // a position already applied is no wait at all
    Thread.sleep(50);
    assertThat(patient.isComplete()).as("the patient wait on").isFalse();

    waiters.resume();
    Future<Void> after = waiters.awaitUnlessPaused(vertx, 6, 60_000);
    position.set(5);
    waiters.release();
    get(patient);
    Thread.sleep(50);
    assertThat(after.isComplete()).as("after the pause, waiting as before").isFalse();
    position.set(6);
    waiters.release();
    get(after);
  }
}
