package no.deling.core.events;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import no.deling.core.collections.Interner;

/**
 * Reads one event body straight from the token stream (starting after its START_OBJECT, ending on
 * its END_OBJECT), interning ids as it goes. It must read exactly what Jackson databind reads; for
 * any shape it is not sure of it throws {@link no.deling.core.json.Tokens.Unusual} and the batch is
 * decoded through databind instead.
 */
@FunctionalInterface
public interface FastEventReader {
  DomainEvent read(JsonParser parser, Interner interner) throws IOException;
}
