package no.deling.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import no.deling.support.Await;
import org.junit.jupiter.api.Test;

/** What the server counts as failures nothing handled, each from a real Vert.x. */
class UnhandledFailuresTest {
  @Test
  void anExceptionAtAnEventLoopsTop_andAHeldUpEventLoop_areCounted_butABusyWorkerIsNot() {
    Vertx vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(100).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setMaxWorkerExecuteTime(100).setMaxWorkerExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setBlockedThreadCheckInterval(20).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS));
    try {
      UnhandledFailures failures = UnhandledFailures.of(vertx);
      assertThat(UnhandledFailures.of(vertx)).as("one per Vert.x").isSameAs(failures);

      vertx.runOnContext(v -> {
        throw new IllegalStateException("nobody catches this");
      });
      Await.until(() -> failures.onEventLoops() == 1, Duration.ofSeconds(5), "the exception is counted");

      vertx.executeBlocking(() -> {
        Thread.sleep(400); // a worker may take its time: that is what workers are for
        return null;
      }).await();
      assertThat(failures.blockedEventLoops()).as("a busy worker").isZero();
      vertx.runOnContext(v -> sleep(400)); // an event loop may not
      Await.until(() -> failures.blockedEventLoops() > 0, Duration.ofSeconds(5), "the held-up loop is counted");
      assertThat(failures.onEventLoops()).isEqualTo(1);
      assertThat(failures.answered500()).isZero();
    } finally {
      vertx.close().await();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
