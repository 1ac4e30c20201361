package no.deling.core.eventstore;

import static no.deling.support.Await.await;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import no.deling.core.eventstore.sqlite.SqliteEventStore;
import org.junit.jupiter.api.io.TempDir;

class SqliteEventStoreTest extends EventStoreContract {
  @TempDir Path dir;

  @Override
  protected EventStore open(Vertx vertx) {
    return await(SqliteEventStore.open(vertx, dir));
  }

  @Override
  protected EventStore reopen(Vertx vertx) {
    return open(vertx);
  }
}
