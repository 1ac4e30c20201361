package no.deling.core.eventstore.sqlite;

import static no.deling.support.Await.await;
import static no.deling.support.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import no.deling.core.eventstore.AppendResult;
import no.deling.core.eventstore.EventData;
import no.deling.core.eventstore.ExpectedRevision;
import no.deling.core.eventstore.RecordedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An append's events may be finished (sealed) where the embedded log stores them: on its writer
 * thread, not on the event loop that asked. A finish that fails fails its own append only, and
 * stores nothing of it.
 */
class FinishOnTheWriterTest {
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private SqliteEventStore store;

  @BeforeEach
  void open() {
    store = await(SqliteEventStore.open(vertx, dir));
  }

  @AfterEach
  void stop() {
    await(store.close());
    await(vertx.close());
  }

  private static EventData event(String text) {
    return new EventData(UUID.randomUUID(), "Noted.v1", ("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8), null);
  }

  private static List<EventData> upperCased(List<EventData> events) {
    List<EventData> out = new ArrayList<>();
    for (EventData e : events) {
      out.add(new EventData(e.eventId(), e.type(), new String(e.data(), StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8),
          e.metadata()));
    }
    return out;
  }

  /** Appends from an event loop, as a route does, and waits for the outcome. */
  private Future<AppendResult> appendFromEventLoop(String stream, List<EventData> events, java.util.function.UnaryOperator<List<EventData>> finish)
      throws Exception {
    CompletableFuture<Future<AppendResult>> asked = new CompletableFuture<>();
    vertx.runOnContext(v -> asked.complete(store.append(stream, ExpectedRevision.NO_STREAM, events, finish)));
    return asked.get();
  }

  @Test
  void theFinish_runsOnTheWritersThread_andWhatItMadeIsStored() throws Exception {
    List<String> threads = new CopyOnWriteArrayList<>();
    Future<AppendResult> done = appendFromEventLoop("note-1", List.of(event("quiet"), event("words")), events -> {
      threads.add(Thread.currentThread().getName());
      return upperCased(events);
    });

    assertThat(await(done).position()).isEqualTo(2);
    assertThat(threads).containsExactly("deling-store-writer");
    List<RecordedEvent> stored = await(store.readStream("note-1"));
    assertThat(stored).extracting(e -> new String(e.data(), StandardCharsets.UTF_8))
        .containsExactly("{\"TEXT\":\"QUIET\"}", "{\"TEXT\":\"WORDS\"}");
  }

  @Test
  void aFinishThatFails_failsItsOwnAppend_storesNothingOfIt_andLeavesTheOthersOfItsGroupAlone() throws Exception {
    // all three asked in one turn of the event loop, so the writer takes them into one group
    CompletableFuture<List<Future<AppendResult>>> asked = new CompletableFuture<>();
    vertx.runOnContext(v -> asked.complete(List.of(
        store.append("note-bad", ExpectedRevision.NO_STREAM, List.of(event("a")), events -> {
          throw new IllegalStateException("could not seal");
        }),
        store.append("note-good", ExpectedRevision.NO_STREAM, List.of(event("b")), FinishOnTheWriterTest::upperCased),
        store.append("note-short", ExpectedRevision.NO_STREAM, List.of(event("c"), event("d")), events -> events.subList(0, 1)))));
    List<Future<AppendResult>> results = asked.get();
    assertThat(failure(results.get(0))).hasMessageContaining("could not seal");
    assertThat(await(results.get(1)).position()).isEqualTo(1);
    assertThat(failure(results.get(2))).hasMessageContaining("changed how many events");

    assertThat(await(store.readStream("note-bad"))).isEmpty();
    assertThat(await(store.readStream("note-short"))).isEmpty();
    assertThat(await(store.readAll(0, 10))).extracting(RecordedEvent::stream).containsExactly("note-good");
  }
}
