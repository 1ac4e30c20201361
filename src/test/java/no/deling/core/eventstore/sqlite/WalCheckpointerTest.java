package no.deling.core.eventstore.sqlite;

import static no.deling.support.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.deling.core.eventstore.EventData;
import no.deling.core.eventstore.ExpectedRevision;
import no.deling.core.eventstore.LogEvent;
import no.deling.support.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WAL's pages reach the database file through the store's own checkpointer, not the writer:
 * the writer's automatic checkpoint is set so high that the few thousand small events here never
 * reach it, so the database file grows only if the background checkpoints run, and what they copy
 * must read back whole after a restart.
 */
class WalCheckpointerTest extends StoreOnDisk {

  private static List<EventData> batch(int from, int count) {
    List<EventData> events = new ArrayList<>();
    for (int n = from; n < from + count; n++) {
      events.add(new EventData(UUID.randomUUID(), "Numbered.v1", ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8), null));
    }
    return events;
  }

  private long databaseBytes() throws Exception {
    return Files.size(dir.resolve("events.db"));
  }

  /** What is in the database file itself, read with the WAL out of the way (as after a checkpoint, nothing else). */
  private static long rowsInTheDatabaseFile(Path copy) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** A condition read from files a checkpoint may be writing: a torn read counts as "not yet". */
  private static java.util.function.BooleanSupplier tolerant(java.util.concurrent.Callable<Boolean> condition) {
    return () -> {
      try {
        return condition.call();
      } catch (Exception torn) {
        return false;
      }
    };
  }

  @Test
  void aBurstOfAppends_isCopiedIntoTheDatabaseFile_besideTheWriter(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    store = await(SqliteEventStore.open(vertx, dir));
    int events = 5_000; // past the checkpointer's threshold, far below the writer's own
    for (int i = 0; i < events; i += 100) await(store.append("burst-" + i, ExpectedRevision.NO_STREAM, batch(i, 100)));

    Await.until(() -> store.logCheckpoints().runs() > 0, Duration.ofSeconds(10), "a background checkpoint");
    assertThat(store.logCheckpoints().runs()).as("background checkpoints").isPositive();
    // what /metrics reports of them
    assertThat(store.logCheckpoints().seconds()).isPositive();
    assertThat(store.logCheckpoints().walPages()).as("pages in the WAL at the last checkpoint").isPositive();
    assertThat(store.logCheckpoints().failures()).isZero();
    // a copy of the database file alone (no WAL beside it) holds what was checkpointed
    Path copy = java.nio.file.Files.createDirectories(tmp.resolve("ckpt")).resolve("copy.db");
    Await.until(tolerant(() -> {
      Files.copy(dir.resolve("events.db"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return rowsInTheDatabaseFile(copy) >= 4_000;
    }), Duration.ofSeconds(10), "4,000 rows in the database file");
    assertThat(rowsInTheDatabaseFile(copy)).as("rows in the database file without its WAL").isGreaterThanOrEqualTo(4_000);
  }

  @Test
  void aFewAppends_areCopiedToo_onceTheStoreIsQuiet() throws Exception {
    store = await(SqliteEventStore.open(vertx, dir));
    await(store.append("few", ExpectedRevision.NO_STREAM, batch(0, 10)));
    long before = databaseBytes();

    Await.until(() -> store.logCheckpoints().runs() > 0, Duration.ofSeconds(6), "a checkpoint of a quiet store");
    assertThat(store.logCheckpoints().runs()).as("a checkpoint within a few seconds of a quiet store").isPositive();
    assertThat(databaseBytes()).isGreaterThan(before);
  }

  @Test
  void everythingCheckpointed_readsBackWhole_afterARestart() throws Exception {
    store = await(SqliteEventStore.open(vertx, dir));
    for (int i = 0; i < 4_500; i += 150) await(store.append("s-" + i, ExpectedRevision.NO_STREAM, batch(i, 150)));
    Await.until(() -> store.logCheckpoints().runs() > 0, Duration.ofSeconds(10), "a background checkpoint");
    await(store.close());

    store = await(SqliteEventStore.open(vertx, dir));
    assertThat(store.headPosition()).isEqualTo(4_500);
    List<LogEvent> all = new ArrayList<>();
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    vertx.runOnContext(v -> store.subscribeToAll(0, page -> {
      all.addAll(page);
      if (!all.isEmpty() && all.get(all.size() - 1).position() == 4_500) done.complete(null);
    }));
    done.get(10, java.util.concurrent.TimeUnit.SECONDS);
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).position()).isEqualTo(i + 1);
      assertThat(new String(all.get(i).data(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":" + i + "}");
    }
  }
}
