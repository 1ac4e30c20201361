package no.deling.core.eventstore;

import static no.deling.support.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import no.deling.core.eventstore.sqlite.SqliteEventStore;
import org.junit.jupiter.api.Test;
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

  @Test
  void positions_areDense_fromOne() {
    for (int i = 0; i < 5; i++) await(store.append("s-" + i, ExpectedRevision.NO_STREAM, List.of(event("N.v1", "{}"))));
    assertThat(await(store.readAll(0, 10))).extracting(RecordedEvent::position).containsExactly(1L, 2L, 3L, 4L, 5L);
  }
}
