package no.deling.readmodel;

import java.util.HashMap;
import java.util.Map;

/**
 * One shared instance per distinct user id and tag across all read models: ids repeat in every
 * event, and without this each would be its own String on the heap. Projection thread only.
 */
public final class Interner {
  private final Map<String, String> values = new HashMap<>();

  public String intern(String s) {
    if (s == null) return null;
    String existing = values.putIfAbsent(s, s);
    return existing == null ? s : existing;
  }
}
