package no.deling.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.deling.core.collections.Interner;

/** Field values read straight from a JSON token stream, as databind would read them, for fast event readers. */
public final class Tokens {
  private Tokens() {}

  /** A body a fast reader does not read the way databind would; decode it through databind. */
  public static final class Unusual extends IOException {
    public Unusual(JsonParser p) {
      super("unusual token " + p.currentToken() + " at " + p.currentLocation());
    }
  }

  public static String string(JsonToken value, JsonParser p) throws IOException {
    if (value == JsonToken.VALUE_STRING) return p.getText();
    if (value == JsonToken.VALUE_NULL) return null;
    throw new Unusual(p);
  }

  /** A user id or tag: interned without allocating when it has been seen before. */
  public static String id(JsonToken value, JsonParser p, Interner interner) throws IOException {
    if (value == JsonToken.VALUE_STRING) return interner.intern(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    if (value == JsonToken.VALUE_NULL) return null;
    throw new Unusual(p);
  }

  public static List<String> ids(JsonToken value, JsonParser p, Interner interner) throws IOException {
    if (value == JsonToken.VALUE_NULL) return null;
    if (value != JsonToken.START_ARRAY) throw new Unusual(p);
    List<String> out = new ArrayList<>(4);
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) out.add(id(t, p, interner));
    return out;
  }

  public static List<String> strings(JsonToken value, JsonParser p) throws IOException {
    if (value == JsonToken.VALUE_NULL) return null;
    if (value != JsonToken.START_ARRAY) throw new Unusual(p);
    List<String> out = new ArrayList<>(2);
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) out.add(string(t, p));
    return out;
  }

  public static Instant instant(JsonToken value, JsonParser p) throws IOException {
    if (value == JsonToken.VALUE_STRING) return Json.instant(p.getText());
    if (value == JsonToken.VALUE_NULL) return null;
    throw new Unusual(p);
  }
}
