package no.deling.announcements;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import no.deling.announcements.AnnouncementEvent.AnnouncementPublished;
import no.deling.announcements.Announcements.Announcement;
import no.deling.core.ids.PostIds;
import no.deling.core.projection.ReadLock;
import no.deling.groups.Groups;
import no.deling.users.People;
import no.deling.users.Person;

/** Announcements as a viewer may see them; reach figures only for audiences of at least {@code minAudience}. */
public final class AnnouncementQueries {
  private final ReadLock lock;
  private final Announcements announcements;
  private final People people;
  private final Groups groups;

  public AnnouncementQueries(ReadLock lock, Announcements announcements, People people, Groups groups) {
    this.lock = lock;
    this.announcements = announcements;
    this.people = people;
    this.groups = groups;
  }

  /** Active people in the audience now (its author too, when in it); 0 for an audience nobody is in. */
  public int audienceSize(Audience audience) {
    return lock.read(() -> announcements.audienceSize(audience, people));
  }

  /** The announcement as {@code viewer} sees it, or null when it does not exist for them (a withdrawn one exists only for its author). */
  public JsonObject seenBy(String viewer, long id, int minAudience) {
    return lock.read(() -> {
      Announcement a = announcements.get(id);
      Person person = people.get(viewer);
      if (a == null || !announcements.mayRead(a, viewer, person) || (a.withdrawn() && !a.author.equals(viewer))) return null;
      return AnnouncementJson.of(a, viewer, announcements, people, minAudience);
    });
  }

  /** Newest first before {@code before}: {@code {"items","next"}}. */
  public JsonObject readableBy(String viewer, long before, int limit, int minAudience) {
    return lock.read(() -> {
      JsonArray items = new JsonArray();
      var found = announcements.readableBy(viewer, people.get(viewer), before, limit);
      for (Announcement a : found) items.add(AnnouncementJson.of(a, viewer, announcements, people, minAudience));
      String next = found.size() == limit ? PostIds.format(found.get(found.size() - 1).id) : null;
      return new JsonObject().put("items", items).put("next", next);
    });
  }

  /**
   * Is {@code user} in the announcement's audience (and not its author)? The log says an
   * announcement exists before the read side may, so until it is applied the rule is asked of
   * {@code fromLog}, the published event itself (null when there is none).
   */
  public boolean isAddressedTo(long id, String user, AnnouncementPublished fromLog) {
    return lock.read(() -> {
      Announcement a = announcements.get(id);
      return a != null ? announcements.addressedTo(a, user, people.get(user))
          : fromLog != null && Announcements.addressedTo(fromLog.author(), fromLog.audience(), user, people.get(user), groups);
    });
  }
}
