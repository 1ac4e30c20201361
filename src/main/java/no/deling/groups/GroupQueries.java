package no.deling.groups;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import no.deling.core.projection.ReadLock;
import no.deling.groups.GroupState.Role;
import no.deling.users.People;
import no.deling.users.UserJson;

/** What routes may ask about groups. A private group is unknown (null) to anyone with no role in it. */
public final class GroupQueries {
  /** What a viewer may do with a group's posts. */
  public enum ReadAccess { UNKNOWN, MEMBERS_ONLY, READABLE }

  private final ReadLock lock;
  private final Groups groups;
  private final People people;
  private final no.deling.follows.FollowGraph follows;

  public GroupQueries(ReadLock lock, Groups groups, People people, no.deling.follows.FollowGraph follows) {
    this.lock = lock;
    this.groups = groups;
    this.people = people;
    this.follows = follows;
  }

  /** Every group, not archived, none of whose owners the directory lets in now. */
  public List<String> withoutActiveOwner() {
    return lock.read(() -> withoutActiveOwner(groups.all()));
  }

  /** The same among the groups {@code person} owns or is a member of. */
  public List<String> ofPersonWithoutActiveOwner(String person) {
    return lock.read(() -> withoutActiveOwner(groups.memberOf(person)));
  }

  /** Whether this group, not archived, has no owner the directory lets in now. */
  public boolean hasNoActiveOwner(String groupId) {
    return lock.read(() -> {
      Groups.Group g = groups.get(groupId);
      return g != null && !withoutActiveOwner(List.of(g)).isEmpty();
    });
  }

  private List<String> withoutActiveOwner(Iterable<Groups.Group> candidates) {
    List<String> out = new ArrayList<>();
    for (Groups.Group g : candidates) {
      if (g.archived) continue;
      boolean run = false;
      for (var e : g.people().entrySet()) {
        if (e.getValue() == Role.OWNER && people.mayLogIn(e.getKey())) {
          run = true;
          break;
        }
      }
      if (!run) out.add(g.id);
    }
    return out;
  }

  /** Whether the directory lets this person in now (someone it never described is let in). Safe without the read lock. */
  public boolean activeInDirectory(String user) {
    return people.mayLogIn(user);
  }

  /** May {@code viewer} know that this group exists? */
  public boolean mayKnow(String viewer, String id) {
    return lock.read(() -> groups.mayKnow(viewer, groups.get(id)));
  }

  /** Whether {@code viewer} may read the group's posts: anyone an open group's, members a private group's. */
  public ReadAccess readAccess(String viewer, String id) {
    return lock.read(() -> {
      Groups.Group g = groups.get(id);
      if (!groups.mayKnow(viewer, g)) return ReadAccess.UNKNOWN;
      return !g.isPrivate || g.isMember(viewer) ? ReadAccess.READABLE : ReadAccess.MEMBERS_ONLY;
    });
  }

  /** The group as {@code viewer} sees it (with their role), or null. */
  public JsonObject seenBy(String viewer, String id) {
    return lock.read(() -> {
      Groups.Group g = groups.get(id);
      return groups.mayKnow(viewer, g) ? json(g, viewer) : null;
    });
  }

  /**
   * Groups the viewer may know of, by id after {@code after}; {@code nameContains} (lower case, or
   * null) narrows to names containing it: {@code {"items","next"}}.
   */
  public JsonObject visibleTo(String viewer, String nameContains, String after, int limit) {
    return lock.read(() -> {
      List<Groups.Group> all = new ArrayList<>(groups.visibleTo(viewer));
      all.sort(Comparator.comparing(g -> g.id));
      JsonArray items = new JsonArray();
      String last = null;
      boolean more = false;
      for (Groups.Group g : all) {
        if (after != null && g.id.compareTo(after) <= 0) continue;
        if (nameContains != null && !g.name.toLowerCase(Locale.ROOT).contains(nameContains)) continue;
        if (items.size() == limit) {
          more = true;
          break;
        }
        items.add(json(g, viewer));
        last = g.id;
      }
      return new JsonObject().put("items", items).put("next", more ? last : null);
    });
  }

  /** Every group the viewer has a role in: member, owner, invited or requested. */
  public JsonObject involving(String viewer) {
    return lock.read(() -> {
      List<Groups.Group> all = new ArrayList<>(groups.involving(viewer));
      all.sort(Comparator.comparing(g -> g.id));
      JsonArray items = new JsonArray();
      for (Groups.Group g : all) items.add(json(g, viewer));
      return new JsonObject().put("items", items);
    });
  }

  /**
   * A page of the group's members as {@code viewer} may see them (owners also see who is invited or
   * asking, first: they wait for an answer), then its owners, then its members, each in the order
   * they got their role; {@code q} (lower case, or null) narrows to names and ids containing it:
   * {@code {"items","next"}}. Null when the viewer may not know the group, {@code {"forbidden":true}}
   * when it is private and they are not a member. A page, not the whole list: a group of the whole
   * organisation was a megabyte on each look.
   */
  public JsonObject membersSeenBy(String viewer, String id, String q, int offset, int limit) {
    return lock.read(() -> {
      Groups.Group g = groups.get(id);
      if (!groups.mayKnow(viewer, g)) return null;
      if (g.isPrivate && !g.isMember(viewer)) return new JsonObject().put("forbidden", true);
      boolean owner = g.roleOf(viewer) == Role.OWNER;
      List<Role> shown = owner ? List.of(Role.REQUESTED, Role.INVITED, Role.OWNER, Role.MEMBER) : List.of(Role.OWNER, Role.MEMBER);
      JsonArray items = new JsonArray();
      int skipped = 0;
      for (Role wanted : shown) {
        for (var e : g.people().entrySet()) {
          if (e.getValue() != wanted || q != null && !matches(e.getKey(), q)) continue;
          if (skipped++ < offset) continue;
          if (items.size() == limit) return new JsonObject().put("items", items).put("next", Integer.toString(offset + limit));
          items.add(new JsonObject().put("user", UserJson.summary(e.getKey(), people)).put("role", wanted.name().toLowerCase(Locale.ROOT)));
        }
      }
      return new JsonObject().put("items", items).put("next", null);
    });
  }

  private boolean matches(String user, String q) {
    if (user.toLowerCase(Locale.ROOT).contains(q)) return true;
    no.deling.users.Person p = people.get(user);
    return p != null && p.name() != null && p.name().toLowerCase(Locale.ROOT).contains(q);
  }

  /** The group as {@code viewer} sees it: their role, and whether they keep its posts off their home ({@code mutedOnHome}). */
  private JsonObject json(Groups.Group g, String viewer) {
    Role role = g.roleOf(viewer);
    return new JsonObject().put("mutedOnHome", follows.mutes(viewer, g.id)).put("id", g.id).put("name", g.name).put("description", g.description)
        .put("topics", new JsonArray(new ArrayList<>(g.topics))).put("access", g.isPrivate ? "private" : "open")
        .put("archived", g.archived).put("createdAt", g.createdAt.toString()).put("members", g.memberCount())
        .put("role", role == null ? null : role.name().toLowerCase(Locale.ROOT));
  }
}
