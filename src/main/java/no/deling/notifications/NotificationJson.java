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
    if (n.note() != null) o.put(noteField(n.kind()), n.note());
    return o;
  }

  /** As {@code GET /api/notifications} lists it: grouped, so {@code from} lists everyone, newest first. */
  public static JsonObject of(Notifications.Entry e, long readUpTo, People people, Groups groups) {
    return of(e, readUpTo, people, groups, null);
  }

  /** The same, with the start of the text of the post it is about ({@code excerpt}; null: none to show). */
  public static JsonObject of(Notifications.Entry e, long readUpTo, People people, Groups groups, String excerpt) {
    JsonArray from = new JsonArray();
    for (String actor : e.from()) from.add(UserJson.summary(actor, people));
    JsonObject o = new JsonObject().put("id", Long.toString(e.id())).put("kind", e.kind()).put("from", from)
        .put("count", e.count())
        .put("createdAt", Instant.ofEpochMilli(e.atMillis()).toString()).put("read", e.id() <= readUpTo);
    if (e.post() != null) o.put("post", e.post());
    if (excerpt != null) o.put("excerpt", excerpt);
    if (e.group() != null) o.put("group", group(e.group(), groups));
    if (e.note() != null) o.put(noteField(e.kind()), e.note());
    return o;
  }

  /** A topic's owner is told which topic (the note holds it), anyone else why (see {@link Notification#note}). */
  private static String noteField(String kind) {
    return kind.startsWith("topic.") ? "topic" : "reason";
  }

  /**
   * The notifications of a page's {@code items} (as {@link #of} renders them, newest first) that are
   * unread, newer than {@code sentUpTo} (what was already emailed or pushed), and whose time
   * {@code when} takes: what email and push each still owe a person.
   */
  public static java.util.List<JsonObject> unreadAfter(io.vertx.core.json.JsonArray items, long sentUpTo, java.util.function.LongPredicate when) {
    java.util.List<JsonObject> out = new java.util.ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonObject n = items.getJsonObject(i);
      if (n.getBoolean("read", false) || Long.parseLong(n.getString("id")) <= sentUpTo) continue;
      if (when.test(java.time.Instant.parse(n.getString("createdAt")).toEpochMilli())) out.add(n);
    }
    return out;
  }

  private static JsonObject group(String id, Groups groups) {
    var g = groups.get(id);
    return new JsonObject().put("id", id).put("name", g == null ? id : g.name);
  }
}
