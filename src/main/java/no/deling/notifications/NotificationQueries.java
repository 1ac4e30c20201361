package no.deling.notifications;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import no.deling.core.projection.ReadLock;
import no.deling.groups.Groups;
import no.deling.posts.PostIndex;
import no.deling.users.People;
import no.deling.visibility.Visibility;

/** A person's notifications as they may see them now, rendered with the read models' names. */
public final class NotificationQueries {
  private final ReadLock lock;
  private final PostIndex posts;
  private final Groups groups;
  private final People people;

  public NotificationQueries(ReadLock lock, PostIndex posts, Groups groups, People people) {
    this.lock = lock;
    this.posts = posts;
    this.groups = groups;
    this.people = people;
  }

  /**
   * A page of {@code all} (the inbox's snapshot, oldest first), grouped, newest first before {@code
   * before}: {@code {"items","next","unread","readUpTo"}}. A notification about a post its reader
   * may not see now (deleted, or in a group they left) is not shown.
   */
  public JsonObject page(String viewer, List<Notification> all, long readUpTo, long before, int limit) {
    return lock.read(() -> {
      Notifications.Page page = Notifications.page(all, readUpTo,
          r -> r.post() == 0 || Visibility.maySee(viewer, posts.get(r.post()), groups), before, limit);
      JsonArray items = new JsonArray();
      for (Notifications.Entry e : page.items()) items.add(NotificationJson.of(e, readUpTo, people, groups));
      return new JsonObject().put("items", items).put("next", page.next()).put("unread", page.unread())
          .put("readUpTo", Long.toString(readUpTo));
    });
  }
}
