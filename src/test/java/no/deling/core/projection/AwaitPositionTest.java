package no.deling.core.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import no.deling.core.events.DomainEvent;
import no.deling.core.eventstore.LogEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whoever awaits a position hears of it only once the batch's after-batch hooks ran: they hand the
 * batch on to other threads (notifications), and a snapshot or a test that awaited the position
 * then drains those threads expecting the batch among them. A read of one's own write needs only
 * the models applied: the post's answer is released before the hooks, and must not wait for them.
 */
class AwaitPositionTest {
  private record Counted() implements DomainEvent {}

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void aWaiterThatComesBetweenTheApplyAndTheHooks_goesOnlyAfterTheHooks_butAReadOfOnesOwnWriteAtOnce() throws Exception {
    ProjectionEngine engine = new ProjectionEngine(
        batch -> new ProjectionEngine.Decoded(batch.stream().map(e -> (DomainEvent) new Counted()).toArray(DomainEvent[]::new), null),
        List.of(ProjectionEngine.Registration.of((event, position, key) -> {}, Counted.class)));
    CountDownLatch inHook = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    engine.afterEachBatch(() -> {
      inHook.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Thread projection = new Thread(() -> engine.apply(List.of(new LogEvent(1, "Counted", new byte[0], new byte[0]))));
    projection.start();
    assertThat(inHook.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(engine.position()).as("applied").isEqualTo(1);

    // a read of one's own write needs only the models: its answer went before the hooks, and so may it
    Future<Void> ownWrite = engine.awaitPositionUnlessPaused(vertx, 1, 10_000);
    assertThat(ownWrite.succeeded()).as("a read-your-writes wait, once applied").isTrue();

    Future<Void> waited = engine.awaitPosition(vertx, 1, 10_000);
    Thread.sleep(50);
    assertThat(waited.isComplete()).as("not while the hook still hands the batch on").isFalse();

    release.countDown();
    waited.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    projection.join(10_000);
  }
}
