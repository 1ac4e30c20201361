package no.deling.readmodel;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import no.deling.core.collections.Interner;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventTypes;
import no.deling.core.events.FastEventReader;
import no.deling.core.json.Tokens;

/**
 * Reads the event types that make up nearly all of a log (posts, endorsements, follows) straight
 * from the token stream with the readers their features contribute ({@link
 * no.deling.core.events.EventCatalog#fastReaders}), interning user ids and tags from the parser's
 * buffer as it goes.
 *
 * <p>Why not Jackson databind, which reads every other type: records go through its
 * property-buffering creator path, which was about half of a rebuild's projection thread, and
 * every id became a fresh String only to be swapped for its interned twin a moment later.
 *
 * <p>It must read exactly what databind reads. It does for the shapes our writers produce, plus
 * unknown fields, missing fields and nulls; for anything else (a number where a string belongs,
 * say) it throws {@link Tokens.Unusual} and the caller decodes that batch through databind, which
 * then decides. {@code FrequentEventReaderTest} holds the two readers to the same answers.
 */
final class FrequentEventReader {
  private final Interner interner;

  FrequentEventReader(Interner interner) {
    this.interner = interner;
  }

  /**
   * Reads the body starting at the parser's START_OBJECT and leaves the parser on its END_OBJECT.
   *
   * @return null, having consumed nothing, when {@code type} has no fast reader
   */
  DomainEvent read(Class<? extends DomainEvent> type, JsonParser p) throws IOException {
    FastEventReader reader = EventTypes.fastReader(type);
    return reader == null ? null : reader.read(p, interner);
  }
}
