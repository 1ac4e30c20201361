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
  private final ThreadSubscriptions subscriptions;

  public NotificationQueries(ReadLock lock, PostIndex posts, Groups groups, People people, ThreadSubscriptions subscriptions) {
    this.lock = lock;
    this.posts = posts;
    this.groups = groups;
    this.people = people;
    this.subscriptions = subscriptions;
  }

  /**
   * {@code {"thread","subscribed"}}: whether {@code viewer} hears of new replies in the
   * conversation this post is part of; null when they may not see the post.
   */
  public JsonObject subscription(String viewer, long postId) {
    return lock.read(() -> {
      var post = posts.get(postId);
      if (!Visibility.maySee(viewer, post, groups)) return null;
      return new JsonObject().put("thread", no.deling.core.ids.PostIds.format(post.threadRoot))
          .put("subscribed", subscriptions.subscribed(viewer, post.threadRoot, posts));
    });
  }

  /** Which of my posts was endorsed, what the reply said: the start of the post, as the page's filter let it through. */
  private String excerpt(Notifications.Entry e) {
    if (e.post() == null) return null;
    var post = posts.get(no.deling.core.ids.PostIds.parse(e.post()));
    return post == null || post.deleted ? null : no.deling.posts.Excerpt.of(post.text(), EXCERPT);
  }

  /** Long enough to tell one's posts apart, short enough for one line of a phone's list. */
  static final int EXCERPT = 100;

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
      for (Notifications.Entry e : page.items()) items.add(NotificationJson.of(e, readUpTo, people, groups, excerpt(e)));
      return new JsonObject().put("items", items).put("next", page.next()).put("unread", page.unread())
          .put("readUpTo", Long.toString(readUpTo));
    });
  }
}
