package no.deling.announcements;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import no.deling.announcements.Announcements.Announcement;
import no.deling.announcements.Announcements.Reach;
import no.deling.core.ids.PostIds;
import no.deling.posts.PostText;
import no.deling.users.People;
import no.deling.users.UserJson;

/**
 * How an announcement appears to clients. Its author also sees its reach: how many of the
 * audience acknowledged it, as a count, never names, and no count at all while the audience is
 * smaller than the configured minimum (default 5), where a count could point at the people who
 * have not read it. Call under the read lock.
 */
public final class AnnouncementJson {
  private AnnouncementJson() {}

  /** @param viewer null for the live stream's rendering, which every member of the audience shares */
  public static JsonObject of(Announcement a, String viewer, Announcements announcements, People people, int minAudience) {
    JsonObject audience = new JsonObject().put("kind", a.audience.kind());
    if (a.audience.department() != null) audience.put("department", a.audience.department());
    if (a.audience.group() != null) {
      // everyone shown a group's announcement may know the group: its members, its author
      audience.put("group", a.audience.group()).put("name", announcements.groupName(a.audience.group()));
    }
    JsonObject o = new JsonObject().put("id", PostIds.format(a.id)).put("author", UserJson.summary(a.author, people)).put("text", a.text)
        .put("hashtags", PostText.hashtags(a.text)).put("mentions", PostText.mentions(a.text)).put("links", PostText.links(a.text))
        .put("audience", audience).put("publishedAt", Instant.ofEpochMilli(a.publishedAt).toString()).put("withdrawn", a.withdrawn)
        .put("position", a.position);
    if (viewer == null) return o;
    o.put("acknowledged", a.acknowledgedBy(viewer));
    if (a.author.equals(viewer)) {
      Reach r = announcements.reach(a, people);
      o.put("reach", r.audience() < minAudience
          ? new JsonObject().put("hidden", "the audience is under " + minAudience + " people, so no count is shown")
          : new JsonObject().put("audience", r.audience()).put("acknowledged", r.acknowledged()));
    }
    return o;
  }
}
