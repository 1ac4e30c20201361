package no.deling.scim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import no.deling.users.DirectoryEntry;
import no.deling.users.PersonDecider.Entry;

/**
 * SCIM PATCH (RFC 7644 §3.5.2) on the attributes Deling keeps, as a pure function of the current
 * entry, so the decider applies it to the state it decides on. Accepts what the big identity
 * providers send: Entra ID's capitalised ops and string booleans, Okta's path-less replace with
 * an object value, value filters such as {@code emails[type eq "work"].value}.
 */
final class ScimPatch {
  static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  private static final String EXT = ScimUser.ENTERPRISE.toLowerCase(Locale.ROOT);

  private record Operation(String op, String path, Object value) {}

  private ScimPatch() {}

  /** Checks the request's shape now (so a malformed one is refused before anything is read) and returns the change. */
  static UnaryOperator<Entry> parse(JsonObject body, String userId) {
    if (!(body.getValue("schemas") instanceof JsonArray schemas) || !schemas.contains(PATCH_OP)) {
      throw ScimError.invalidValue("a PATCH body has schemas [\"" + PATCH_OP + "\"]");
    }
    if (!(body.getValue("Operations") instanceof JsonArray ops) || ops.isEmpty()) throw ScimError.invalidValue("Operations must be a non-empty array");
    List<Operation> operations = new ArrayList<>();
    for (Object o : ops) {
      if (!(o instanceof JsonObject op)) throw ScimError.invalidValue("each operation is an object");
      String kind = op.getValue("op") instanceof String s ? s.toLowerCase(Locale.ROOT) : "";
      if (!kind.equals("add") && !kind.equals("replace") && !kind.equals("remove")) throw ScimError.invalidValue("op must be add, replace or remove");
      String path = op.getValue("path") instanceof String p && !p.isBlank() ? p.trim() : null;
      if (path == null && kind.equals("remove")) throw new ScimError(400, "noTarget", "remove needs a path");
      if (path == null && !(op.getValue("value") instanceof JsonObject)) throw ScimError.invalidValue("an operation without a path needs an object value");
      operations.add(new Operation(kind, path, op.getValue("value")));
    }
    // try it once on an empty entry so unknown paths and bad values fail fast, before the log is read
    apply(operations, new Entry(new DirectoryEntry(null, "x", null, null, null, null, null, null, null), true), userId);
    return current -> apply(operations, current, userId);
  }

  private static Entry apply(List<Operation> operations, Entry entry, String userId) {
    for (Operation op : operations) {
      Object value = op.op().equals("remove") ? null : op.value();
      if (op.path() == null) {
        for (Map.Entry<String, Object> attr : ((JsonObject) value)) entry = set(entry, attr.getKey(), attr.getValue(), userId);
      } else {
        entry = set(entry, op.path(), value, userId);
      }
    }
    return entry;
  }

  private static Entry set(Entry current, String path, Object value, String userId) {
    DirectoryEntry e = current.entry();
    String p = path.toLowerCase(Locale.ROOT);
    if (p.startsWith(ScimUser.CORE.toLowerCase(Locale.ROOT) + ":")) p = p.substring(ScimUser.CORE.length() + 1);
    if (p.equals(EXT)) {
      if (value == null) return new Entry(e.withDepartment(null).withManager(null), current.active());
      if (!(value instanceof JsonObject ext)) throw ScimError.invalidValue(path + " must be an object");
      Entry out = current;
      for (Map.Entry<String, Object> attr : ext) out = set(out, ScimUser.ENTERPRISE + ":" + attr.getKey(), attr.getValue(), userId);
      return out;
    }
    switch (p) {
      case "active" -> {
        if (value == null) throw ScimError.invalidValue("active cannot be removed");
        return new Entry(e, ScimUser.bool(value, "active"));
      }
      case "displayname" -> {
        String v = ScimUser.text(value, "displayName");
        if (v == null) throw ScimError.invalidValue("displayName cannot be removed");
        return new Entry(e.withDisplayName(v), current.active());
      }
      case "title" -> {
        return new Entry(e.withTitle(ScimUser.text(value, "title")), current.active());
      }
      case "externalid" -> {
        return new Entry(e.withExternalId(ScimUser.text(value, "externalId")), current.active());
      }
      case "username" -> {
        if (!userId.equals(value)) throw new ScimError(400, "mutability", "userName is the Deling user id and cannot change");
        return current;
      }
      case "name" -> {
        if (value == null) return new Entry(e.withName(null, null), current.active());
        if (!(value instanceof JsonObject n)) throw ScimError.invalidValue("name must be an object");
        return new Entry(e.withName(ScimUser.text(n, "givenName", "name.givenName"), ScimUser.text(n, "familyName", "name.familyName")),
            current.active());
      }
      case "name.givenname" -> {
        return new Entry(e.withName(ScimUser.text(value, "name.givenName"), e.familyName()), current.active());
      }
      case "name.familyname" -> {
        return new Entry(e.withName(e.givenName(), ScimUser.text(value, "name.familyName")), current.active());
      }
      default -> {}
    }
    if (p.equals(EXT + ":department")) return new Entry(e.withDepartment(ScimUser.text(value, ScimUser.ENTERPRISE + ":department")), current.active());
    if (p.equals(EXT + ":manager") || p.equals(EXT + ":manager.value")) return new Entry(e.withManager(ScimUser.manager(value)), current.active());
    if (p.startsWith("emails")) {
      String email = value == null ? null : value instanceof JsonArray a ? ScimUser.email(a) : ScimUser.text(value, "emails.value");
      return new Entry(e.withEmail(email), current.active());
    }
    if (p.startsWith("addresses")) {
      String locality = value == null ? null : value instanceof JsonArray a ? ScimUser.locality(a)
          : value instanceof JsonObject o ? ScimUser.text(o, "locality", "addresses.locality") : ScimUser.text(value, "addresses.locality");
      return new Entry(e.withLocation(locality), current.active());
    }
    // Identity providers send every attribute they map (phoneNumbers, preferredLanguage, …); like
    // POST and PUT, a PATCH ignores what Deling does not keep rather than failing the whole sync.
    return current;
  }
}
