package no.deling.core.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whoever awaits a position a background subscriber (the notifications' keeper) reaches hears of it
 * when it gets there: marking notifications read waited out its whole 2 s timeout every time,
 * because the waiters read the position the subscriber was made with instead of the one it reached.
 */
class BackgroundSubscriberTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void aWaiter_hearsOfThePositionWhenItIsHandled_notAtItsTimeout() throws Exception {
    BackgroundSubscriber<String> subscriber = new BackgroundSubscriber<>("test-subscriber", 16, (item, at) -> {}, 10);
    try {
      // the wait fails at its timeout (10 s) unless it hears of the position first
      var reached = vertx.executeBlocking(() -> subscriber.awaitPosition(vertx, 12, 10_000).toCompletionStage().toCompletableFuture().get());
      Thread.sleep(100);
      subscriber.offer("eleven", 11);
      subscriber.offer("twelve", 12);
      reached.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      assertThat(subscriber.position()).isEqualTo(12);
      // and one who comes after the position was reached is answered at once
      assertThat(subscriber.awaitPosition(vertx, 12, 10_000).succeeded()).isTrue();
    } finally {
      subscriber.stop();
    }
  }
}
