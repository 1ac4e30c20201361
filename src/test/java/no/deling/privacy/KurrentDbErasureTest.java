package no.deling.privacy;

import static no.deling.support.Await.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.RecordedEvent;
import no.deling.core.eventstore.kurrentdb.KurrentDbEventStore;
import no.deling.core.eventstore.kurrentdb.KurrentDbStandIn;
import no.deling.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Erasure with the log in KurrentDB (the in-process gRPC stand-in): the keys stay in the server's
 * key store, and the events as KurrentDB holds them are sealed.
 */
class KurrentDbErasureTest extends ErasureContract {
  private KurrentDbStandIn node;

  @BeforeEach
  void startNode() throws Exception {
    node = KurrentDbStandIn.start0();
  }

  @AfterEach
  void stopNode() throws Exception {
    if (s != null) s.close();
    s = null;
    node.close();
  }

  @Override
  TestServer start(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("DELING_STORE", "kurrentdb");
    all.put("DELING_KURRENTDB_URL", node.connectionString());
    return TestServer.start(dir.resolve("data"), all);
  }

  /** The events as KurrentDB returns them to a client that has no keys. */
  @Override
  List<byte[]> rawBodies() {
    Vertx vertx = Vertx.vertx();
    try {
      EventStore raw = await(KurrentDbEventStore.open(vertx, node.connectionString(), Duration.ofSeconds(2), Duration.ofSeconds(10)));
      List<RecordedEvent> all = new ArrayList<>();
      long after = 0;
      while (true) {
        List<RecordedEvent> page = await(raw.readAll(after, 1_000));
        if (page.isEmpty()) break;
        all.addAll(page);
        after = page.get(page.size() - 1).position();
      }
      await(raw.close());
      return bodies(all);
    } finally {
      await(vertx.close());
    }
  }
}
