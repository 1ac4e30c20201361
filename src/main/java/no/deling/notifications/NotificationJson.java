package no.deling.notifications;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import no.deling.groups.Groups;
import no.deling.users.People;
import no.deling.users.UserJson;

/** The one place a notification becomes what clients see. Call under the read model's read lock. */
public final class NotificationJson {
  private NotificationJson() {}

  /** As the live stream sends it: one actor. */
  public static JsonObject live(Notification n, People people, Groups groups) {
    JsonObject o = new JsonObject().put("id", Long.toString(n.id())).put("kind", n.kind()).put("from", UserJson.summary(n.from(), people));
    if (n.post() != 0) o.put("post", no.deling.core.ids.PostIds.format(n.post()));
    if (n.group() != null) o.put("group", group(n.group(), groups));
    if (n.note() != null) o.put("reason", n.note());
    return o;
  }

  /** As {@code GET /api/notifications} lists it: grouped, so {@code from} lists everyone, newest first. */
  public static JsonObject of(Notifications.Entry e, long readUpTo, People people, Groups groups) {
    JsonArray from = new JsonArray();
    for (String actor : e.from()) from.add(UserJson.summary(actor, people));
    JsonObject o = new JsonObject().put("id", Long.toString(e.id())).put("kind", e.kind()).put("from", from)
        .put("count", e.count())
        .put("createdAt", Instant.ofEpochMilli(e.atMillis()).toString()).put("read", e.id() <= readUpTo);
    if (e.post() != null) o.put("post", e.post());
    if (e.group() != null) o.put("group", group(e.group(), groups));
    if (e.note() != null) o.put("reason", e.note());
    return o;
  }

  private static JsonObject group(String id, Groups groups) {
    var g = groups.get(id);
    return new JsonObject().put("id", id).put("name", g == null ? id : g.name);
  }
}
