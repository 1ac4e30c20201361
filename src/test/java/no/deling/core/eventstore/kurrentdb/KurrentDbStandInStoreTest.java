package no.deling.core.eventstore.kurrentdb;

import static no.deling.support.Await.await;
import static no.deling.support.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.kurrent.dbclient.EventDataBuilder;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import no.deling.core.eventstore.AppendResult;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.EventStoreContract;
import no.deling.core.eventstore.ExpectedRevision;
import no.deling.core.eventstore.RecordedEvent;
import no.deling.core.eventstore.StoreUnavailableException;
import no.deling.core.eventstore.Subscription;
import no.deling.support.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store contract against the KurrentDB adapter talking gRPC to the in-process stand-in. */
class KurrentDbStandInStoreTest extends EventStoreContract {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  /** A third of the server's 3 s: a stalled feed is noticed, and the tests that wait for it end, sooner. */
  private static final Duration STALL_CHECK = Duration.ofSeconds(1);
  private KurrentDbStandIn node;

  @Override
  protected EventStore open(Vertx vertx) {
    try {
      node = KurrentDbStandIn.start0();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return reopen(vertx);
  }

  @Override
  protected EventStore reopen(Vertx vertx) {
    return await(KurrentDbEventStore.open(vertx, node.connectionString(), TIMEOUT, Duration.ofSeconds(10), STALL_CHECK));
  }

  @AfterEach
  void stopNode() throws Exception {
    await(store.close());
    node.close();
  }

  @Test
  void systemEvents_areNeverReturned_norCountAsTheHead() throws Exception {
    long ours = await(store.append("a", ExpectedRevision.ANY, List.of(event("Numbered.v1", "{}")))).position();
    // what KurrentDB writes itself ($metadata, $statsCollected…) lives in the same $all
    ((KurrentDbEventStore) store).client().appendToStream("$stats-node",
        EventDataBuilder.json("$statsCollected", "{}".getBytes(StandardCharsets.UTF_8)).build()).get();
    assertThat(await(store.readAll(0, 10))).extracting(RecordedEvent::position).containsExactly(ours);

    await(store.close());
    store = reopen(vertx);
    assertThat(store.headPosition()).isEqualTo(ours);

    List<String> types = new CopyOnWriteArrayList<>();
    Subscription sub = onContext(() -> store.subscribeToAll(0, batch -> batch.forEach(e -> types.add(e.type()))));
    long next = await(store.append("a", ExpectedRevision.ANY, List.of(event("Numbered.v1", "{}")))).position();
    Await.until(() -> types.size() == 2, Duration.ofSeconds(5), "both of our events");
    assertThat(types).containsOnly("Numbered.v1");
    assertThat(store.headPosition()).isEqualTo(next);
    sub.cancel();
  }

  @Test
  void whileTheNodeIsDown_appendsFailFastWith503_andTheFeedResumesWithoutGapOrDuplicate() throws Exception {
    List<Long> seen = new CopyOnWriteArrayList<>();
    Subscription sub = onContext(() -> store.subscribeToAll(0, batch -> batch.forEach(e -> seen.add(e.position()))));
    List<Long> acknowledged = new ArrayList<>();
    for (int i = 0; i < 20; i++) acknowledged.add(await(store.append("s-" + (i % 3), ExpectedRevision.ANY, List.of(event("N.v1", "{}")))).position());
    Await.until(() -> seen.size() == 20, Duration.ofSeconds(5), "first deliveries");
    assertThat(store.status().available()).isTrue();

    node.stop();
    long started = System.nanoTime();
    Throwable down = failure(store.append("s-0", ExpectedRevision.ANY, List.of(event("N.v1", "{}"))));
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    assertThat(down).isInstanceOf(StoreUnavailableException.class);
    assertThat(tookMs).as("fails within the configured timeout, not a hang").isLessThan(TIMEOUT.toMillis() + 1_000);
    assertThat(store.status().available()).isFalse();

    node.start();
    Await.until(() -> {
      try {
        acknowledged.add(await(store.append("s-1", ExpectedRevision.ANY, List.of(event("N.v1", "{}")))).position());
        return true;
      } catch (StoreUnavailableException e) {
        return false;
      }
    }, Duration.ofSeconds(20), "appends work again");
    for (int i = 0; i < 20; i++) acknowledged.add(await(store.append("s-" + (i % 3), ExpectedRevision.ANY, List.of(event("N.v1", "{}")))).position());
    Await.until(() -> seen.size() >= acknowledged.size(), Duration.ofSeconds(20), "resumed feed");
    Thread.sleep(200);
    // the append that timed out may or may not have landed; everything acknowledged did, once, in order
    List<Long> log = await(store.readAll(0, 1_000)).stream().map(RecordedEvent::position).toList();
    assertThat(seen).containsExactlyElementsOf(log);
    assertThat(log).containsAll(acknowledged);
    Await.until(() -> store.status().available(), Duration.ofSeconds(5), "healthy again");
    sub.cancel();
  }

  @Test
  void aSilentlyDroppedFeed_isNoticedAndResumed() throws Exception {
    feedResumesAfterASilentDrop(store);
  }

  @Test
  void aSilentlyDroppedFeed_ofAStoreThatDoesNotWrite_isNoticedAndResumed_whenAnotherInstanceWrites() throws Exception {
    // the reader knows the log's head only from its feed: another instance does all the writing
    EventStore writer = reopen(vertx);
    try {
      feedResumesAfterASilentDrop(writer);
    } finally {
      await(writer.close());
    }
  }

  @Test
  void aSubscriptionTheNodeNeverAnswers_isGivenUpAndTriedAgain() throws Exception {
    node.holdNextSubscriptions(1);
    List<Long> seen = new CopyOnWriteArrayList<>();
    Subscription sub = onContext(() -> store.subscribeToAll(0, batch -> batch.forEach(e -> seen.add(e.position()))));
    long position = await(store.append("a", ExpectedRevision.ANY, List.of(event("N.v1", "{}")))).position();
    Thread.sleep(1_000);
    assertThat(seen).as("nothing while the node holds the first attempt").isEmpty();
    // given up after four operation timeouts (8 s here), noticed by a stall check (every second here)
    Await.until(() -> seen.size() == 1, Duration.ofSeconds(20), "the second attempt's delivery");
    assertThat(seen).containsExactly(position);
    Await.until(() -> store.status().available(), Duration.ofSeconds(5), "healthy once confirmed");
    sub.cancel();
  }

  @Test
  void aNodeSlowerThanTheStallCheck_isGivenMorePatienceEachTime_untilTheFeedMoves() throws Exception {
    List<Long> log = new ArrayList<>();
    for (int i = 0; i < 3; i++) log.add(await(store.append("a", ExpectedRevision.ANY, List.of(event("N.v1", "{}")))).position());
    // a node that takes longer to start sending than the stall check waits; asking again at the same
    // patience would never get anywhere (each new attempt is just as slow)
    node.slowStartOfSubscriptions(Duration.ofMillis(1_000));
    EventStore watched = await(KurrentDbEventStore.open(vertx, node.connectionString(), TIMEOUT, Duration.ofSeconds(10), Duration.ofMillis(300)));
    try {
      List<Long> seen = new CopyOnWriteArrayList<>();
      Subscription sub = onContext(() -> watched.subscribeToAll(0, batch -> batch.forEach(e -> seen.add(e.position()))));
      Await.until(() -> seen.size() == 3, Duration.ofSeconds(15), "delivery from a slow node");
      assertThat(seen).containsExactlyElementsOf(log);
      Await.until(() -> watched.status().available(), Duration.ofSeconds(5), "healthy once it moves");
      sub.cancel();
    } finally {
      await(watched.close());
    }
  }

  /** {@code store}'s feed, dropped by the node without a word while {@code writer} appends, resumes and misses nothing. */
  private void feedResumesAfterASilentDrop(EventStore writer) throws Exception {
    List<Long> seen = new CopyOnWriteArrayList<>();
    Subscription sub = onContext(() -> store.subscribeToAll(0, batch -> batch.forEach(e -> seen.add(e.position()))));
    await(writer.append("a", ExpectedRevision.ANY, List.of(event("N.v1", "{}"))));
    Await.until(() -> seen.size() == 1, Duration.ofSeconds(5), "first delivery");
    node.dropSubscriptionsSilently();
    for (int i = 0; i < 5; i++) await(writer.append("a", ExpectedRevision.ANY, List.of(event("N.v1", "{}"))));
    Await.until(() -> seen.size() == 6, Duration.ofSeconds(20), "feed resumed by the stall check");
    Thread.sleep(200);
    assertThat(seen).containsExactlyElementsOf(await(store.readAll(0, 100)).stream().map(RecordedEvent::position).toList());
    sub.cancel();
  }

  @Test
  void wrongExpectedRevision_reportsTheActualRevision() {
    AppendResult r = await(store.append("x", ExpectedRevision.NO_STREAM, List.of(event("N.v1", "{}"), event("N.v1", "{}"))));
    assertThat(r.nextExpectedRevision()).isEqualTo(1);
    Throwable e = failure(store.append("x", ExpectedRevision.exact(0), List.of(event("N.v1", "{}"))));
    assertThat(e).hasMessageContaining("last revision is 1");
  }

  private Subscription onContext(java.util.function.Supplier<Subscription> s) throws Exception {
    CompletableFuture<Subscription> holder = new CompletableFuture<>();
    vertx.runOnContext(v -> holder.complete(s.get()));
    return holder.get();
  }
}
