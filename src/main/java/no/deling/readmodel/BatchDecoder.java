package no.deling.readmodel;

import no.deling.core.collections.Interner;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventTypes;
import no.deling.core.eventstore.LogEvent;
import no.deling.core.json.Json;
import no.deling.core.projection.ProjectionEngine;
import no.deling.core.projection.ProjectionEngine.Decoded;
import no.deling.posts.PostEvent.PostPublished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a batch of log events into domain events, before the read model takes its write lock so
 * that decoding never holds up queries.
 *
 * <p>A batch is parsed with one JSON parser over all its bodies laid end to end, not one parser
 * per event: creating a parser allocated ~640 bytes, more than a typical event body, and while
 * rebuilding that garbage was a large part of the projection thread's work. Each body must end
 * exactly where its bytes end, so a damaged body can never run into the next one; if any body
 * fails that check, the batch is decoded again one event at a time and only the bad one is
 * skipped, with an error in the log.
 *
 * <p>The frequent event types are read by {@link FrequentEventReader}, the rest by databind. One
 * decoder per read model: it shares the model's {@link Interner}, so projection thread only.
 */
final class BatchDecoder implements ProjectionEngine.Decoder {
  private static final Logger LOG = LoggerFactory.getLogger(BatchDecoder.class);

  private final FrequentEventReader frequent;

  BatchDecoder(Interner interner) {
    this.frequent = new FrequentEventReader(interner);
  }

  @Override
  public Decoded decode(List<LogEvent> batch) {
    DomainEvent[] events = new DomainEvent[batch.size()];
    if (!decodeTogether(batch, events)) decodeOneByOne(batch, events);
    String[] keys = null;
    for (int i = 0; i < events.length; i++) {
      if (events[i] instanceof PostPublished) {
        String key = no.deling.core.command.CommandMeta.idempotencyKeyOf(batch.get(i).metadata());
        if (key != null) {
          if (keys == null) keys = new String[events.length];
          keys[i] = key;
        }
      }
    }
    return new Decoded(events, keys);
  }

  /** @return false when some body is not exactly one JSON object (the caller then goes one by one) */
  private boolean decodeTogether(List<LogEvent> batch, DomainEvent[] events) {
    int length = 0;
    for (LogEvent e : batch) length += e.data().length + 1;
    byte[] all = new byte[length];
    int[] ends = new int[batch.size()];
    int at = 0;
    for (int i = 0; i < ends.length; i++) {
      byte[] data = batch.get(i).data();
      System.arraycopy(data, 0, all, at, data.length);
      at += data.length;
      ends[i] = at;
      all[at++] = ' ';
    }
    try (JsonParser parser = Json.MAPPER.getFactory().createParser(all)) {
      for (int i = 0; i < ends.length; i++) {
        if (parser.nextToken() != JsonToken.START_OBJECT) return false;
        events[i] = decodeOne(batch.get(i).type(), parser);
        if (parser.currentLocation().getByteOffset() != ends[i]) return false;
      }
      return true;
    } catch (IOException | RuntimeException damaged) {
      return false;
    }
  }

  private DomainEvent decodeOne(String type, JsonParser parser) throws IOException {
    Class<? extends DomainEvent> known = EventTypes.classOf(type);
    DomainEvent event = known == null ? null : frequent.read(known, parser);
    return event != null ? event : EventTypes.decode(type, parser);
  }

  private static void decodeOneByOne(List<LogEvent> batch, DomainEvent[] events) {
    for (int i = 0; i < events.length; i++) {
      LogEvent r = batch.get(i);
      try {
        events[i] = EventTypes.decode(r.type(), r.data());
      } catch (UncheckedIOException | IllegalArgumentException unreadable) {
        // Our writers validate every event, so this is a bug or a damaged log; one bad event must
        // not take the rest of its batch with it.
        LOG.error("skipping unreadable {} event at position {}", r.type(), r.position(), unreadable);
        events[i] = null;
      }
    }
  }
}
