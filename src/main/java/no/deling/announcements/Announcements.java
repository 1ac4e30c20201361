package no.deling.announcements;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import no.deling.announcements.AnnouncementEvent.AnnouncementAcknowledged;
import no.deling.announcements.AnnouncementEvent.AnnouncementPublished;
import no.deling.announcements.AnnouncementEvent.AnnouncementWithdrawn;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.core.collections.Interner;
import no.deling.groups.Groups;
import no.deling.users.People;
import no.deling.users.Person;
import no.deling.visibility.Visibility;

/**
 * Every announcement with who acknowledged it. Queries answer the questions the API asks: what is
 * pinned on my home timeline, what may I read, how far has mine reached. Fed by the projection
 * thread; query under the read lock. Announcements are few, so lists are scanned.
 */
public final class Announcements {
  /** One announcement as the read side keeps it; mutated only by the projection thread. */
  public static final class Announcement {
    public final long id;
    public final String author;
    public final String text;
    public final Audience audience;
    public final long publishedAt;
    public final long position;
    boolean withdrawn;
    final Set<String> acknowledgedBy = new HashSet<>();

    Announcement(long id, String author, String text, Audience audience, long publishedAt, long position) {
      this.id = id;
      this.author = author;
      this.text = text;
      this.audience = audience;
      this.publishedAt = publishedAt;
      this.position = position;
    }

    public boolean withdrawn() {
      return withdrawn;
    }

    public boolean acknowledgedBy(String user) {
      return acknowledgedBy.contains(user);
    }
  }

  /** How many of the audience acknowledged; {@code audience} excludes the author. */
  public record Reach(int audience, int acknowledged) {}

  private final NavigableMap<Long, Announcement> byId = new TreeMap<>();
  private final Interner interner;
  /** Who is in which group now: a group's announcement reaches its members. */
  private final Groups groups;

  public Announcements(Interner interner, Groups groups) {
    this.interner = interner;
    this.groups = groups;
  }

  public void on(DomainEvent event, long position) {
    if (event instanceof AnnouncementPublished p) {
      long id = PostIds.parse(p.announcementId());
      byId.putIfAbsent(id, new Announcement(id, interner.intern(p.author()), p.text(), p.audience(), p.publishedAt().toEpochMilli(), position));
    } else if (event instanceof AnnouncementWithdrawn w) {
      Announcement a = byId.get(PostIds.parse(w.announcementId()));
      if (a != null) a.withdrawn = true;
    } else if (event instanceof no.deling.users.UserEvent.PersonErased e) {
      // as a rebuild sees it: their announcements are sealed for them, so they never opened
      byId.values().removeIf(a -> a.author.equals(e.userId()));
    } else if (event instanceof no.deling.privacy.RetentionEvent.RetentionApplied r) {
      long keptFrom = r.keptFromMillis();
      byId.values().removeIf(a -> a.publishedAt < keptFrom);
    } else if (event instanceof AnnouncementAcknowledged k) {
      Announcement a = byId.get(PostIds.parse(k.announcementId()));
      if (a != null) a.acknowledgedBy.add(interner.intern(k.userId()));
    }
  }

  public Announcement get(long id) {
    return byId.get(id);
  }

  /** Is this person in its audience now (its author is not: they know what they said). */
  public boolean addressedTo(Announcement a, String user, Person person) {
    return addressedTo(a.author, a.audience, user, person, groups);
  }

  /** The same rule for an announcement the read side may not have yet, as its published event has it. */
  public static boolean addressedTo(String author, Audience audience, String user, Person person, Visibility.Memberships groups) {
    return !author.equals(user) && audience.includes(person, groups);
  }

  /**
   * The author, anyone in the audience, and anyone who acknowledged it while they were in it; a
   * private group's announcement, like its posts, only while they are members ({@link Visibility}).
   */
  public boolean mayRead(Announcement a, String user, Person person) {
    return Visibility.maySeeAudience(user, a.audience.group(), groups)
        && (a.author.equals(user) || a.acknowledgedBy.contains(user) || a.audience.includes(person, groups));
  }

  /** What stays at the top of this person's home timeline: addressed to them, not withdrawn, not acknowledged; newest first. */
  public List<Announcement> pinnedFor(String user, Person person) {
    List<Announcement> out = new ArrayList<>();
    for (Announcement a : byId.descendingMap().values()) {
      if (!a.withdrawn && !a.acknowledgedBy.contains(user) && addressedTo(a, user, person)) out.add(a);
    }
    return out;
  }

  /** Those this person may read (withdrawn ones only for their author), newest first, older than {@code before}. */
  public List<Announcement> readableBy(String user, Person person, long before, int limit) {
    List<Announcement> out = new ArrayList<>();
    for (Announcement a : byId.headMap(before, false).descendingMap().values()) {
      if (out.size() >= limit) break;
      if ((!a.withdrawn || a.author.equals(user)) && mayRead(a, user, person)) out.add(a);
    }
    return out;
  }

  /** The audience as the directory and the group have it now, without the author, and how many of them acknowledged. */
  public Reach reach(Announcement a, People people) {
    Person author = people.get(a.author);
    int audience = audienceSize(a.audience, people);
    if (a.audience.includes(author, groups)) audience--;
    int acknowledged = 0;
    for (String u : a.acknowledgedBy) {
      if (!u.equals(a.author) && a.audience.includes(people.get(u), groups)) acknowledged++;
    }
    return new Reach(audience, acknowledged);
  }

  /** A group's name, or null for a group the read side does not have. */
  public String groupName(String id) {
    Groups.Group g = groups.get(id);
    return g == null ? null : g.name;
  }

  /** Active people in an audience now, its author included when they are in it. */
  public int audienceSize(Audience audience, People people) {
    return switch (audience.kind()) {
      case Audience.EVERYONE -> people.activeCount();
      case Audience.DEPARTMENT -> audience.department() == null ? 0 : people.activeInDepartment(audience.department());
      case Audience.GROUP -> activeMembers(groups.get(audience.group()), people);
      default -> 0;
    };
  }

  private static int activeMembers(Groups.Group g, People people) {
    if (g == null) return 0;
    int n = 0;
    for (String user : g.people().keySet()) {
      Person p = people.get(user);
      if (p != null && p.active() && g.isMember(user)) n++;
    }
    return n;
  }
}
