package no.deling.scim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The SCIM filter subset identity providers use to find a user before creating it (RFC 7644
 * §3.4.2.2): {@code attrPath op value} with {@code eq ne co sw ew pr gt ge lt le}, joined by
 * {@code and} / {@code or} ({@code and} binds tighter), {@code not(…)} and parentheses.
 * Attribute names and string comparisons ignore case (every attribute Deling keeps is
 * caseExact=false). Anything else is an {@code invalidFilter} error naming where it stopped.
 */
final class ScimFilter {
  private final String text;
  private int at;

  private ScimFilter(String text) {
    this.text = text;
  }

  /** A predicate over rendered User resources. */
  static Predicate<JsonObject> parse(String filter) {
    ScimFilter p = new ScimFilter(filter);
    Predicate<JsonObject> result = p.or();
    p.skipSpace();
    if (p.at < filter.length()) throw ScimError.invalidFilter("unexpected '" + filter.substring(p.at) + "' in filter");
    return result;
  }

  private Predicate<JsonObject> or() {
    Predicate<JsonObject> left = and();
    while (keyword("or")) left = left.or(and());
    return left;
  }

  private Predicate<JsonObject> and() {
    Predicate<JsonObject> left = term();
    while (keyword("and")) left = left.and(term());
    return left;
  }

  private Predicate<JsonObject> term() {
    skipSpace();
    if (keyword("not")) {
      expect('(');
      Predicate<JsonObject> inner = or();
      expect(')');
      return inner.negate();
    }
    if (peek() == '(') {
      at++;
      Predicate<JsonObject> inner = or();
      expect(')');
      return inner;
    }
    String path = word();
    if (path.isEmpty()) throw ScimError.invalidFilter("expected an attribute at position " + at);
    String op = word().toLowerCase(Locale.ROOT);
    if (op.equals("pr")) return r -> !values(r, path).isEmpty();
    Object value = literal();
    Predicate<Object> test = switch (op) {
      case "eq" -> v -> compare(v, value) == 0;
      case "ne" -> v -> compare(v, value) != 0;
      case "co" -> v -> v instanceof String s && value instanceof String q && fold(s).contains(fold(q));
      case "sw" -> v -> v instanceof String s && value instanceof String q && fold(s).startsWith(fold(q));
      case "ew" -> v -> v instanceof String s && value instanceof String q && fold(s).endsWith(fold(q));
      case "gt" -> v -> compare(v, value) > 0;
      case "ge" -> v -> compare(v, value) >= 0;
      case "lt" -> v -> compare(v, value) < 0;
      case "le" -> v -> compare(v, value) <= 0;
      default -> throw ScimError.invalidFilter("unknown operator '" + op + "'");
    };
    if (op.equals("ne")) return r -> values(r, path).stream().noneMatch(v -> compare(v, value) == 0);
    return r -> values(r, path).stream().anyMatch(test);
  }

  private static int compare(Object actual, Object expected) {
    if (actual == null || expected == null) return actual == expected ? 0 : 1;
    if (actual instanceof String a && expected instanceof String e) return fold(a).compareTo(fold(e));
    if (actual instanceof Boolean a && expected instanceof Boolean e) return a.equals(e) ? 0 : 1;
    if (actual instanceof Number a && expected instanceof Number e) return Double.compare(a.doubleValue(), e.doubleValue());
    return 1;
  }

  private static String fold(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** The values at a path such as {@code userName}, {@code emails.value}, {@code name.familyName} or an extension URN path. */
  static List<Object> values(JsonObject resource, String path) {
    String p = path;
    Object start = resource;
    String ext = ScimUser.ENTERPRISE + ":";
    if (p.regionMatches(true, 0, ext, 0, ext.length())) {
      start = resource.getValue(ScimUser.ENTERPRISE);
      p = p.substring(ext.length());
    } else if (p.regionMatches(true, 0, ScimUser.CORE + ":", 0, ScimUser.CORE.length() + 1)) {
      p = p.substring(ScimUser.CORE.length() + 1);
    }
    List<Object> current = new ArrayList<>();
    current.add(start);
    for (String step : p.split("\\.")) {
      List<Object> next = new ArrayList<>();
      for (Object o : current) {
        Object v = o instanceof JsonObject j ? get(j, step) : null;
        if (v instanceof JsonArray a) {
          for (Object item : a) next.add(item instanceof JsonObject io && !p.contains(".") ? io.getValue("value") : item);
        } else if (v != null) {
          next.add(v);
        }
      }
      current = next;
    }
    return current;
  }

  private static Object get(JsonObject o, String key) {
    for (String k : o.fieldNames()) if (k.equalsIgnoreCase(key)) return o.getValue(k);
    return null;
  }

  private Object literal() {
    skipSpace();
    if (peek() == '"') {
      StringBuilder out = new StringBuilder();
      at++;
      while (at < text.length() && text.charAt(at) != '"') {
        char c = text.charAt(at++);
        if (c == '\\' && at < text.length()) c = text.charAt(at++);
        out.append(c);
      }
      if (at >= text.length()) throw ScimError.invalidFilter("unterminated string in filter");
      at++;
      return out.toString();
    }
    String w = word();
    switch (w.toLowerCase(Locale.ROOT)) {
      case "true": return true;
      case "false": return false;
      case "null": return null;
      default:
        try {
          return Double.parseDouble(w);
        } catch (NumberFormatException e) {
          throw ScimError.invalidFilter("expected a value at position " + at + ", found '" + w + "'");
        }
    }
  }

  private String word() {
    skipSpace();
    int start = at;
    while (at < text.length() && !Character.isWhitespace(text.charAt(at)) && text.charAt(at) != '(' && text.charAt(at) != ')') at++;
    return text.substring(start, at);
  }

  private boolean keyword(String k) {
    skipSpace();
    int end = at + k.length();
    if (end <= text.length() && text.regionMatches(true, at, k, 0, k.length())
        && (end == text.length() || Character.isWhitespace(text.charAt(end)) || text.charAt(end) == '(')) {
      at = end;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    skipSpace();
    if (peek() != c) throw ScimError.invalidFilter("expected '" + c + "' at position " + at);
    at++;
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : 0;
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
  }
}
