package no.deling.support;

import static no.deling.support.Await.await;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventTypes;
import no.deling.core.eventstore.EventData;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.ExpectedRevision;
import no.deling.core.eventstore.sqlite.SqliteEventStore;
import no.deling.privacy.sealing.SealedEventStore;
import no.deling.privacy.sealing.SqliteKeyStore;

/**
 * Writes to the embedded log of a server that is not running, sealed as the server seals: what an
 * organisation wrote long ago, or what a server recorded just before it died.
 */
public final class StoppedLog {
  private StoppedLog() {}

  /** One stored event as an older server wrote it: its type name and body, byte for byte. */
  public record Written(String stream, String type, String json) {}

  /** Appends each (stream, event) in order to the log in {@code dataDir}. */
  public static void append(Path dataDir, List<Map.Entry<String, DomainEvent>> events) {
    appendWritten(dataDir, events.stream()
        .map(e -> new Written(e.getKey(), EventTypes.nameOf(e.getValue()), new String(EventTypes.encode(e.getValue()), java.nio.charset.StandardCharsets.UTF_8)))
        .toList());
  }

  /** Appends events as written, under their own (perhaps former) type names. */
  public static void appendWritten(Path dataDir, List<Written> events) {
    Vertx vertx = Vertx.vertx();
    try {
      EventStore log = new SealedEventStore(vertx, await(SqliteEventStore.open(vertx, dataDir)), SqliteKeyStore.open(dataDir.resolve("keys.db")));
      for (Written e : events) {
        await(log.append(e.stream(), ExpectedRevision.ANY,
            List.of(new EventData(UUID.randomUUID(), e.type(), e.json().getBytes(java.nio.charset.StandardCharsets.UTF_8), "{}".getBytes()))));
      }
      await(log.close());
    } finally {
      await(vertx.close());
    }
  }
}
