package no.deling.scim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.regex.Pattern;
import no.deling.users.DirectoryEntry;
import no.deling.users.Person;
import no.deling.users.PersonDecider.Entry;

/**
 * The mapping between SCIM's User resource (core schema and the enterprise extension, RFC 7643
 * §4) and a person: which SCIM attributes Deling keeps, how they are validated, and how a person
 * is rendered back. The SCIM {@code id} and {@code userName} are the Deling user id.
 */
final class ScimUser {
  static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int MAX = 200;

  private ScimUser() {}

  /** The user id a resource names in {@code userName}; identity providers must map an id-shaped attribute there. */
  static String userName(JsonObject resource) {
    Object v = resource.getValue("userName");
    if (!(v instanceof String s) || s.isBlank()) throw ScimError.invalidValue("userName is required");
    if (!USER_ID.matcher(s).matches()) {
      throw ScimError.invalidValue("userName must be a Deling user id: 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"
          + " (map an attribute such as mailNickname to userName, not an email address)");
    }
    if (no.deling.integrations.Integrations.reservedForNonPersons(s)) {
      throw ScimError.invalidValue("userName " + s + " is reserved: \"deling\" and \"scim\" name the server and the directory, ids starting app. groups' integrations");
    }
    return s;
  }

  /** A full resource (POST or PUT body) as an entry; attributes Deling does not keep are ignored. */
  static Entry parse(JsonObject r) {
    JsonObject name = r.getValue("name") instanceof JsonObject n ? n : new JsonObject();
    JsonObject ext = r.getValue(ENTERPRISE) instanceof JsonObject e ? e : new JsonObject();
    String given = text(name, "givenName", "name.givenName");
    String family = text(name, "familyName", "name.familyName");
    String displayName = text(r, "displayName", "displayName");
    if (displayName == null) displayName = text(name, "formatted", "name.formatted");
    if (displayName == null && (given != null || family != null)) displayName = ((given == null ? "" : given) + " " + (family == null ? "" : family)).trim();
    if (displayName == null) displayName = userName(r);
    DirectoryEntry entry = new DirectoryEntry(text(r, "externalId", "externalId"), displayName, given, family, email(r.getValue("emails")),
        text(r, "title", "title"), text(ext, "department", ENTERPRISE + ":department"), locality(r.getValue("addresses")),
        manager(ext.getValue("manager")));
    return new Entry(entry, r.containsKey("active") ? bool(r.getValue("active"), "active") : true);
  }

  static String text(JsonObject o, String key, String path) {
    return text(o.getValue(key), path);
  }

  /** A string attribute: at most 200 characters, no control characters; blank means absent. */
  static String text(Object v, String path) {
    if (v == null) return null;
    if (!(v instanceof String s)) throw ScimError.invalidValue(path + " must be a string");
    if (s.isBlank()) return null;
    if (s.length() > MAX) throw ScimError.invalidValue(path + " is longer than " + MAX + " characters");
    if (!no.deling.core.text.Printable.isPrintable(s)) throw ScimError.invalidValue(path + " contains a control or bidirectional-override character");
    return s.strip();
  }

  /** SCIM booleans; Entra ID sends "True"/"False" strings in PATCH, so those count too. */
  static boolean bool(Object v, String path) {
    if (v instanceof Boolean b) return b;
    if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) return Boolean.parseBoolean(s.toLowerCase(Locale.ROOT));
    throw ScimError.invalidValue(path + " must be true or false");
  }

  /** The primary email, else the work one, else the first. */
  static String email(Object emails) {
    JsonObject chosen = pick(emails, "emails");
    return chosen == null ? null : text(chosen, "value", "emails.value");
  }

  static String locality(Object addresses) {
    JsonObject chosen = pick(addresses, "addresses");
    return chosen == null ? null : text(chosen, "locality", "addresses.locality");
  }

  private static JsonObject pick(Object values, String path) {
    if (values == null) return null;
    if (!(values instanceof JsonArray a)) throw ScimError.invalidValue(path + " must be an array");
    JsonObject first = null, work = null;
    for (Object o : a) {
      if (!(o instanceof JsonObject v)) throw ScimError.invalidValue(path + " must hold objects");
      if (Boolean.TRUE.equals(v.getValue("primary"))) return v;
      if (first == null) first = v;
      if (work == null && "work".equals(v.getValue("type"))) work = v;
    }
    return work != null ? work : first;
  }

  /** The enterprise manager: {@code {"value": id}} as RFC 7643 has it, or the bare id some providers send. */
  static String manager(Object v) {
    if (v == null) return null;
    String id = v instanceof JsonObject o ? text(o, "value", ENTERPRISE + ":manager.value") : text(v, ENTERPRISE + ":manager");
    if (id != null && !USER_ID.matcher(id).matches()) throw ScimError.invalidValue(ENTERPRISE + ":manager must be a user id");
    return id;
  }

  /** The person as a SCIM User resource. */
  static JsonObject render(Person p, String baseUrl) {
    DirectoryEntry e = p.directory();
    JsonObject r = new JsonObject().put("schemas", new JsonArray().add(CORE).add(ENTERPRISE)).put("id", p.id());
    if (e.externalId() != null) r.put("externalId", e.externalId());
    r.put("userName", p.id());
    JsonObject name = new JsonObject();
    if (e.givenName() != null) name.put("givenName", e.givenName());
    if (e.familyName() != null) name.put("familyName", e.familyName());
    if (!name.isEmpty()) r.put("name", name);
    r.put("displayName", e.displayName());
    if (e.title() != null) r.put("title", e.title());
    r.put("active", p.active());
    if (e.email() != null) r.put("emails", new JsonArray().add(new JsonObject().put("value", e.email()).put("type", "work").put("primary", true)));
    if (e.location() != null) r.put("addresses", new JsonArray().add(new JsonObject().put("type", "work").put("locality", e.location()).put("primary", true)));
    JsonObject ext = new JsonObject();
    if (e.department() != null) ext.put("department", e.department());
    if (e.manager() != null) ext.put("manager", new JsonObject().put("value", e.manager()).put("$ref", baseUrl + "/Users/" + e.manager()));
    r.put(ENTERPRISE, ext);
    r.put("meta", new JsonObject().put("resourceType", "User").put("created", p.created().toString())
        .put("lastModified", p.lastModified().toString()).put("location", baseUrl + "/Users/" + p.id())
        .put("version", "W/\"" + p.version() + "\""));
    return r;
  }
}
