package no.deling.core.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import no.deling.core.events.DomainEvent;
import no.deling.core.eventstore.LogEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An event loop's read never waits for the projection's write lock, and never misses its answer. */
class ReadWithoutWaitingTest {
  private record Counted() implements DomainEvent {}

  private final Vertx vertx = Vertx.vertx();
  /** Two counts the projection moves together inside the write lock: a read must never see them apart. */
  private long first;
  private long second;

  @AfterEach
  void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private ProjectionEngine engine(Runnable duringEachEvent) {
    return new ProjectionEngine(batch -> new ProjectionEngine.Decoded(batch.stream().map(e -> (DomainEvent) new Counted()).toArray(DomainEvent[]::new), null),
        List.of(ProjectionEngine.Registration.of((event, position, key) -> {
          first++;
          duringEachEvent.run();
          second++;
        }, Counted.class)));
  }

  private static List<LogEvent> batch(long from, int size) {
    List<LogEvent> out = new ArrayList<>();
    for (int i = 0; i < size; i++) out.add(new LogEvent(from + i, "Counted", new byte[0], new byte[0]));
    return out;
  }

  /** Runs {@code task} on an event loop and returns what it returned. */
  private <T> T onLoop(java.util.function.Supplier<T> task) throws Exception {
    CompletableFuture<T> out = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> out.complete(task.get()));
    return out.get(10, TimeUnit.SECONDS);
  }

  @Test
  void whileABatchHoldsTheLock_theLoopGoesOn_andTheAnswerComesAfterTheBatch_onTheLoop() throws Exception {
    CountDownLatch inBatch = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ProjectionEngine engine = engine(() -> {
      inBatch.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Thread projection = new Thread(() -> engine.apply(batch(1, 1)));
    projection.start();
    assertThat(inBatch.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<String> answeredOn = new CompletableFuture<>();
    CompletableFuture<long[]> answer = new CompletableFuture<>();
    Future<long[]> pending = onLoop(() -> {
      Future<long[]> f = engine.readWithoutWaiting(() -> new long[] {first, second});
      f.onSuccess(v -> {
        answeredOn.complete(Thread.currentThread().getName());
        answer.complete(v);
      });
      return f;
    });
    assertThat(pending.isComplete()).as("no answer while the batch holds the lock").isFalse();
    assertThat(onLoop(() -> "the loop still runs other work")).isNotNull();

    release.countDown();
    projection.join(10_000);
    assertThat(answer.get(10, TimeUnit.SECONDS)).as("the batch, whole").containsExactly(1, 1);
    assertThat(answeredOn.get()).startsWith("vert.x-eventloop-thread");
  }

  @Test
  void whenTheLockIsFree_theQueryRunsAtOnce_andItsFailureIsTheFuturesFailure() throws Exception {
    ProjectionEngine engine = engine(() -> { });
    engine.apply(batch(1, 3));
    Future<Long> read = onLoop(() -> engine.readWithoutWaiting(() -> second));
    assertThat(read.isComplete()).isTrue();
    assertThat(read.result()).isEqualTo(3);
    Future<Long> failed = onLoop(() -> engine.readWithoutWaiting(() -> {
      throw new IllegalStateException("no such thing");
    }));
    assertThat(failed.failed()).isTrue();
    assertThat(failed.cause()).hasMessage("no such thing");
  }

  @Test
  void readsRacingBatches_allAreAnswered_eachWithWholeBatches() throws Exception {
    ProjectionEngine engine = engine(Thread::onSpinWait);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread projection = new Thread(() -> {
      long position = 1;
      while (running.get()) {
        engine.apply(batch(position, 50));
        position += 50;
      }
    });
    projection.start();
    int reads = 20_000;
    List<CompletableFuture<long[]>> answers = new ArrayList<>();
    for (int i = 0; i < reads; i++) answers.add(new CompletableFuture<>());
    CountDownLatch sent = new CountDownLatch(1);
    vertx.getOrCreateContext().runOnContext(v -> {
      for (int i = 0; i < reads; i++) {
        CompletableFuture<long[]> a = answers.get(i);
        engine.readWithoutWaiting(() -> new long[] {first, second}).onComplete(r -> a.complete(r.result()));
      }
      sent.countDown();
    });
    assertThat(sent.await(30, TimeUnit.SECONDS)).isTrue();
    running.set(false);
    projection.join(10_000);
    for (CompletableFuture<long[]> a : answers) {
      long[] seen = a.get(10, TimeUnit.SECONDS);
      assertThat(seen[0]).as("never half a batch").isEqualTo(seen[1]).matches(n -> n % 50 == 0, "a whole number of batches");
    }
  }
}
