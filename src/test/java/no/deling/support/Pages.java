package no.deling.support;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Walks an API's pages as a client would: the first page, then each {@code next} given back, until there is none. */
public final class Pages {
  private Pages() {}

  /**
   * Every item of {@code field} on every page; {@code page} fetches the page at a cursor (null: the first).
   * Gives up after {@code atMost} items, so a cursor that goes round in circles fails rather than hangs.
   */
  public static List<JsonObject> walk(Function<String, JsonObject> page, String field, int atMost) {
    List<JsonObject> all = new ArrayList<>();
    String next = null;
    do {
      JsonObject p = page.apply(next);
      p.getJsonArray(field).forEach(o -> all.add((JsonObject) o));
      next = p.getString("next");
      if (all.size() > atMost) throw new AssertionError("more than " + atMost + " items: the pages do not end");
    } while (next != null);
    return all;
  }
}
