package no.deling.core.eventstore.sqlite;

import static no.deling.support.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.deling.core.eventstore.EventData;
import no.deling.core.eventstore.ExpectedRevision;
import no.deling.core.eventstore.RecordedEvent;
import no.deling.core.eventstore.StoreUnavailableException;
import org.junit.jupiter.api.Test;

/**
 * The log cannot grow (a full disk, here SQLite's page limit, which fails a write the same way):
 * appends are refused and store nothing; once it can grow again, appends are stored and
 * acknowledged as before, and the log holds exactly what was acknowledged. SQLite rolls the
 * transaction back itself then, and the store must not be left believing one is still open
 * (DiskFullTest shows the same on a real full disk, where a test may mount one).
 */
class FullLogTest extends StoreOnDisk {

  private static EventData big(int n) {
    return new EventData(UUID.randomUUID(), "Numbered.v1", ("{\"n\":" + n + ",\"pad\":\"" + "x".repeat(6_000) + "\"}").getBytes(StandardCharsets.UTF_8),
        null);
  }

  @Test
  void appendsRefusedWhileTheLogCannotGrow_storeNothing_andOnceItCan_theyAreStoredAsBefore() throws Exception {
    store = await(SqliteEventStore.open(vertx, dir));
    List<Integer> acknowledged = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      await(store.append("s-" + n, ExpectedRevision.NO_STREAM, List.of(big(n))));
      acknowledged.add(n);
    }
    store.limitPages(store.pages());
    for (int n = 5; n < 25; n++) {
      try {
        await(store.append("s-" + n, ExpectedRevision.NO_STREAM, List.of(big(n))));
        acknowledged.add(n); // a page with room left may still take one
      } catch (StoreUnavailableException refused) {
        // refused, as it must be once nothing fits
      }
    }
    assertThat(acknowledged).as("refused while the log cannot grow").hasSizeLessThan(25);
    assertThat(store.status().available()).isFalse();

    store.limitPages(Integer.MAX_VALUE);
    for (int n = 25; n < 30; n++) {
      await(store.append("s-" + n, ExpectedRevision.NO_STREAM, List.of(big(n))));
      acknowledged.add(n);
    }
    assertThat(store.status().available()).isTrue();
    assertThat(stored()).as("exactly what was acknowledged, at positions one after another").isEqualTo(acknowledged);
    await(store.close());
    store = await(SqliteEventStore.open(vertx, dir));
    assertThat(stored()).as("after a restart").isEqualTo(acknowledged);
  }

  private List<Integer> stored() {
    List<RecordedEvent> log = await(store.readAll(0, 1_000));
    List<Integer> ns = new ArrayList<>();
    for (int i = 0; i < log.size(); i++) {
      assertThat(log.get(i).position()).isEqualTo(i + 1L);
      String body = new String(log.get(i).data(), StandardCharsets.UTF_8);
      ns.add(Integer.parseInt(body.substring(5, body.indexOf(','))));
    }
    return ns;
  }
}
