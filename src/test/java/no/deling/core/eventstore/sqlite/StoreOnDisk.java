package no.deling.core.eventstore.sqlite;

import static no.deling.support.Await.await;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test's own Vert.x and embedded store in a temporary directory, both closed after each test. */
abstract class StoreOnDisk {
  @TempDir Path dir;
  final Vertx vertx = Vertx.vertx();
  /** Opened by the test (with the flush it needs); closed after it. */
  SqliteEventStore store;

  @AfterEach
  void closeStoreAndVertx() {
    if (store != null) await(store.close());
    await(vertx.close());
  }
}
