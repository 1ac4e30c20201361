package no.deling.users;

import io.vertx.core.json.JsonObject;

/** How people appear to clients. Call under the read model's read lock. */
public final class UserJson {
  private UserJson() {}

  /**
   * {@code {"id","name","department"?, "photo"?, "former"?, "app"?}}: {@code photo} is where their
   * photo is fetched, {@code former} marks someone who left (deactivated), {@code app} a group's
   * integration (a tool, not a person).
   */
  public static JsonObject summary(String id, People people) {
    return summary(id, people.get(id));
  }

  public static JsonObject summary(String id, Person p) {
    JsonObject o = new JsonObject().put("id", id).put("name", p == null ? id : p.name());
    if (p != null && p.department() != null) o.put("department", p.department());
    if (p != null && p.photo() != null) o.put("photo", photoUrl(p.photo()));
    if (p != null && !p.active()) o.put("former", true);
    if (no.deling.integrations.Integrations.isApp(id)) o.put("app", true);
    return o;
  }

  /** Where a photo is fetched: the image's copy at most 128 pixels on its longer side (the image itself when smaller). */
  public static String photoUrl(String fileId) {
    return "/api/files/" + fileId + "/small";
  }

  /** The profile fields of a person, without counts. */
  public static JsonObject profile(Person p) {
    JsonObject o = summary(p.id(), p);
    if (p.location() != null) o.put("location", p.location());
    if (p.title() != null) o.put("title", p.title());
    return o;
  }
}
