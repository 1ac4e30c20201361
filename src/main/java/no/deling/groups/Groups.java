package no.deling.groups;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.deling.core.collections.Interner;
import no.deling.core.events.DomainEvent;
import no.deling.groups.GroupEvent.GroupArchived;
import no.deling.groups.GroupEvent.GroupCreated;
import no.deling.groups.GroupEvent.GroupJoinRequested;
import no.deling.groups.GroupEvent.GroupMemberInvited;
import no.deling.groups.GroupEvent.GroupMemberJoined;
import no.deling.groups.GroupEvent.GroupMemberRemoved;
import no.deling.groups.GroupEvent.GroupOwnerChanged;
import no.deling.groups.GroupState.Role;
import no.deling.visibility.Visibility;

/**
 * Every group and everyone's place in it, as the read side sees it; also the membership half of
 * {@link Visibility}. Fed by the projection thread; query under the read lock.
 */
public final class Groups implements Visibility.Memberships {
  /** One group. Mutable, written only by the projection thread. */
  public static final class Group {
    public final String id;
    /** What the group says of itself: its owners may change it ({@code GroupDetailsChanged}). */
    public String name;
    public String description;
    public List<String> topics;
    public final boolean isPrivate;
    public final Instant createdAt;
    public boolean archived;
    /** Everyone with a role, in the order they got it. */
    final Map<String, Role> people = new LinkedHashMap<>();
    int members;

    Group(String id, String name, String description, List<String> topics, boolean isPrivate, Instant createdAt) {
      this.id = id;
      this.name = name;
      this.description = description;
      this.topics = List.copyOf(topics);
      this.isPrivate = isPrivate;
      this.createdAt = createdAt;
    }

    public Role roleOf(String user) {
      return user == null ? null : people.get(user);
    }

    public boolean isMember(String user) {
      Role r = roleOf(user);
      return r == Role.OWNER || r == Role.MEMBER;
    }

    public int memberCount() {
      return members;
    }

    /** Everyone with a role, in the order they got it. */
    public Map<String, Role> people() {
      return Collections.unmodifiableMap(people);
    }
  }

  private final Map<String, Group> byId = new HashMap<>();
  /** Per person, the groups they have any role in. */
  private final Map<String, Set<String>> byPerson = new HashMap<>();
  private final Interner interner;

  public Groups(Interner interner) {
    this.interner = interner;
  }

  public void on(DomainEvent event) {
    if (!(event instanceof GroupEvent e)) return;
    if (e instanceof GroupCreated c) {
      if (byId.containsKey(c.groupId())) return; // seen before a restart
      Group g = new Group(interner.intern(c.groupId()), c.name(), c.description(), c.topics(), "private".equals(c.access()), c.createdAt());
      byId.put(g.id, g);
      set(g, c.owner(), Role.OWNER);
      return;
    }
    Group g = byId.get(e.groupId());
    if (g == null) return;
    if (e instanceof GroupMemberInvited i) set(g, i.userId(), Role.INVITED);
    else if (e instanceof GroupJoinRequested r) set(g, r.userId(), Role.REQUESTED);
    else if (e instanceof GroupMemberJoined j) set(g, j.userId(), Role.MEMBER);
    else if (e instanceof GroupMemberRemoved r) set(g, r.userId(), null);
    else if (e instanceof GroupOwnerChanged o) set(g, o.userId(), o.owner() ? Role.OWNER : Role.MEMBER);
    else if (e instanceof GroupEvent.GroupOwnershipPassed o) set(g, o.userId(), Role.OWNER);
    else if (e instanceof GroupArchived) g.archived = true;
    else if (e instanceof GroupEvent.GroupDetailsChanged d) {
      g.name = d.name();
      g.description = d.description();
      g.topics = List.copyOf(d.topics());
    }
  }

  private void set(Group g, String user, Role role) {
    String id = interner.intern(user);
    Role before = role == null ? g.people.remove(id) : g.people.put(id, role);
    boolean wasMember = before == Role.OWNER || before == Role.MEMBER;
    boolean isMember = role == Role.OWNER || role == Role.MEMBER;
    if (wasMember != isMember) g.members += isMember ? 1 : -1;
    if (role == null) {
      Set<String> of = byPerson.get(id);
      if (of != null && of.remove(g.id) && of.isEmpty()) byPerson.remove(id);
    } else {
      byPerson.computeIfAbsent(id, k -> new it.unimi.dsi.fastutil.objects.ObjectOpenHashSet<>(2)).add(g.id);
    }
  }

  public Group get(String id) {
    return id == null ? null : byId.get(id);
  }

  /** Every group, in no particular order. */
  public java.util.Collection<Group> all() {
    return Collections.unmodifiableCollection(byId.values());
  }

  @Override
  public boolean isPrivate(String group) {
    Group g = byId.get(group);
    return g != null && g.isPrivate;
  }

  @Override
  public boolean isMember(String group, String user) {
    Group g = byId.get(group);
    return g != null && g.isMember(user);
  }

  /**
   * May {@code viewer} know this group exists: open groups, and private ones they have any role
   * in (an invitee must see what they are invited to).
   */
  public boolean mayKnow(String viewer, Group g) {
    return g != null && (!g.isPrivate || g.roleOf(viewer) != null);
  }

  /** The groups {@code user} is a member (or owner) of. */
  public List<Group> memberOf(String user) {
    List<Group> out = new ArrayList<>();
    for (String id : byPerson.getOrDefault(user, Set.of())) {
      Group g = byId.get(id);
      if (g.isMember(user)) out.add(g);
    }
    return out;
  }

  /** The groups {@code user} has any role in (member, owner, invited, requested). */
  public List<Group> involving(String user) {
    List<Group> out = new ArrayList<>();
    for (String id : byPerson.getOrDefault(user, Set.of())) out.add(byId.get(id));
    return out;
  }

  /** Every group {@code viewer} may know of. */
  public List<Group> visibleTo(String viewer) {
    List<Group> out = new ArrayList<>();
    for (Group g : byId.values()) if (mayKnow(viewer, g)) out.add(g);
    return out;
  }

  /** The owners of a group, for notifying them of join requests. */
  public List<String> owners(String group) {
    Group g = byId.get(group);
    List<String> out = new ArrayList<>();
    if (g != null) g.people.forEach((user, role) -> {
      if (role == Role.OWNER) out.add(user);
    });
    return out;
  }
}
