package no.deling.privacy.sealing;

import static no.deling.support.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;
import no.deling.core.eventstore.EventData;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.ExpectedRevision;
import no.deling.core.eventstore.LogEvent;
import no.deling.core.eventstore.Subscription;
import no.deling.core.eventstore.sqlite.SqliteEventStore;
import no.deling.support.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedEventStoreTest {
  @TempDir Path dir;
  private Vertx vertx;
  private EventStore log;
  private CountingKeys keys;
  private SealedEventStore store;

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    log = await(SqliteEventStore.open(vertx, dir.resolve("log")));
    keys = new CountingKeys(SqliteKeyStore.open(dir.resolve("keys.db")));
    store = new SealedEventStore(vertx, log, keys);
  }

  @AfterEach
  void close() {
    await(store.close());
    await(vertx.close());
  }

  private static byte[] post(String author, String text) {
    return ("{\"postId\":\"1\",\"author\":\"" + author + "\",\"text\":\"" + text + "\",\"hashtags\":[],\"mentions\":[],\"links\":[],"
        + "\"publishedAt\":\"2026-12-03T10:15:30Z\",\"kind\":null}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theLiveSubscriber_getsWhatWasJustSealed_withoutOpeningItAgain_whileStorageHoldsItSealed() {
    List<LogEvent> live = new CopyOnWriteArrayList<>();
    Subscription s = store.subscribeToAll(0, live::addAll);
    byte[] body = post("alice", "a plan for the spring");
    await(store.append("post-1", ExpectedRevision.NO_STREAM, List.of(new EventData(UUID.randomUUID(), "PostPublished.v1", body, null))));
    Await.until(() -> live.size() == 1, Duration.ofSeconds(10), "the live event");
    assertThat(live.get(0).data()).isEqualTo(body);
    assertThat(keys.lookups.get()).as("one lookup to seal it, none to open it for the live subscriber").isEqualTo(1);

    byte[] stored = await(log.readAll(0, 10)).get(0).data();
    assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain("spring").startsWith("{\"sealed\":");
    assertThat(await(store.readAll(0, 10)).get(0).data()).as("read back from storage, it is opened").isEqualTo(body);
    assertThat(keys.lookups.get()).isEqualTo(2);
    s.cancel();
  }

  @Test
  void aPageOfTheLog_readFromAnEventLoop_isOpenedOnAWorker() throws Exception {
    for (int i = 0; i < 20; i++) {
      await(store.append("post-" + i, ExpectedRevision.NO_STREAM, List.of(new EventData(UUID.randomUUID(), "PostPublished.v1", post("alice", "words " + i), null))));
    }
    keys.threads.clear();
    var page = new java.util.concurrent.CompletableFuture<List<no.deling.core.eventstore.RecordedEvent>>();
    vertx.runOnContext(v -> store.readAll(0, 100).onComplete(r -> {
      if (r.succeeded()) page.complete(r.result());
      else page.completeExceptionally(r.cause());
    }));
    assertThat(page.get(10, java.util.concurrent.TimeUnit.SECONDS)).hasSize(20).allSatisfy(e -> assertThat(e.type()).isEqualTo("PostPublished.v1"));
    assertThat(keys.threads).as("the threads that looked keys up to open the page").isNotEmpty()
        .noneMatch(name -> name.contains("eventloop"));
  }

  @Test
  void anErasure_leavesNoPlainBodyBehind() {
    List<LogEvent> live = new CopyOnWriteArrayList<>();
    Subscription s = store.subscribeToAll(0, live::addAll);
    await(store.append("post-1", ExpectedRevision.NO_STREAM, List.of(new EventData(UUID.randomUUID(), "PostPublished.v1", post("alice", "hi"), null))));
    await(store.append("post-2", ExpectedRevision.NO_STREAM, List.of(new EventData(UUID.randomUUID(), "PostPublished.v1", post("bob", "yo"), null))));
    Await.until(() -> live.size() == 2, Duration.ofSeconds(10), "both live events");
    assertThat(store.recentlySealed()).isEqualTo(2);
    store.forget("alice");
    assertThat(store.recentlySealed()).isZero();
    s.cancel();
  }

  @Test
  void recentBodies_areBounded_andFoundByTheirArrayOnly() {
    RecentlySealed recent = new RecentlySealed(3);
    byte[][] sealed = new byte[5][];
    for (int i = 0; i < 5; i++) {
      sealed[i] = ("sealed " + i).getBytes(StandardCharsets.UTF_8);
      recent.remember(sealed[i], ("plain " + i).getBytes(StandardCharsets.UTF_8));
    }
    assertThat(recent.size()).isEqualTo(3);
    assertThat(recent.plainOf(sealed[0])).as("the oldest went first").isNull();
    assertThat(recent.plainOf(sealed[4])).isEqualTo("plain 4".getBytes(StandardCharsets.UTF_8));
    assertThat(recent.plainOf("sealed 4".getBytes(StandardCharsets.UTF_8))).as("equal bytes, another array: read from storage").isNull();
  }

  /** The file's keys, counting how often one is looked up (each seal and each open asks once). */
  private static final class CountingKeys implements KeyStore {
    final AtomicInteger lookups = new AtomicInteger();
    final java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final KeyStore keys;

    CountingKeys(KeyStore keys) {
      this.keys = keys;
    }

    @Override
    public SecretKey key(String subject, String period) {
      lookups.incrementAndGet();
      threads.add(Thread.currentThread().getName());
      return keys.key(subject, period);
    }

    @Override
    public SecretKey create(String subject, String period) {
      return keys.create(subject, period);
    }

    @Override
    public int destroy(String subject) {
      return keys.destroy(subject);
    }

    @Override
    public void forget(String subject) {
      keys.forget(subject);
    }

    @Override
    public int destroyMonthsBefore(String month) {
      return keys.destroyMonthsBefore(month);
    }

    @Override
    public void close() {
      keys.close();
    }
  }
}
