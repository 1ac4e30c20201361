package no.deling.users;

import io.vertx.core.json.JsonObject;
import no.deling.users.Profiles.Profile;

/** How users appear to clients. Call under the read model's read lock. */
public final class UserJson {
  private UserJson() {}

  public static JsonObject summary(String id, Profiles profiles) {
    Profile p = profiles.get(id);
    JsonObject o = new JsonObject().put("id", id).put("name", p == null ? id : p.displayName());
    if (p != null && p.department() != null) o.put("department", p.department());
    return o;
  }
}
