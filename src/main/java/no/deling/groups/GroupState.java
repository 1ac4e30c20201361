package no.deling.groups;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the rules need to know about a group: whether it is private or archived, everyone's role in
 * it, and what it says of itself (name, description, topics), which its owners may change.
 */
public record GroupState(boolean exists, String groupId, String name, boolean isPrivate, boolean archived, Map<String, Role> people,
    String description, java.util.List<String> topics) {
  public enum Role { OWNER, MEMBER, INVITED, REQUESTED }

  static final GroupState NONE = new GroupState(false, null, null, false, false, Map.of(), "", java.util.List.of());

  /** A group's state without its description and topics, which most rules never read. */
  public GroupState(boolean exists, String groupId, String name, boolean isPrivate, boolean archived, Map<String, Role> people) {
    this(exists, groupId, name, isPrivate, archived, people, "", java.util.List.of());
  }

  public Role roleOf(String user) {
    return people.get(user);
  }

  /** Owners are members too. */
  public boolean isMember(String user) {
    Role r = people.get(user);
    return r == Role.OWNER || r == Role.MEMBER;
  }

  public boolean isOwner(String user) {
    return people.get(user) == Role.OWNER;
  }

  /** The facts a post's or endorsement's decider needs about this group. */
  public no.deling.visibility.GroupFacts facts() {
    if (!exists) return no.deling.visibility.GroupFacts.unknown(groupId);
    java.util.Set<String> members = new java.util.HashSet<>();
    people.forEach((user, role) -> {
      if (role == Role.OWNER || role == Role.MEMBER) members.add(user);
    });
    // unmodifiable: the facts are shared by every post into the group until it changes (DeciderInputs)
    return new no.deling.visibility.GroupFacts(groupId, true, isPrivate, archived, java.util.Collections.unmodifiableSet(members));
  }

  /** Everyone keeps their place in the order they first got a role, which succession asks (see GroupDecider.PassOwnership). */
  GroupState with(String user, Role role) {
    Map<String, Role> next = new LinkedHashMap<>(people);
    if (role == null) next.remove(user);
    else next.put(user, role);
    return new GroupState(exists, groupId, name, isPrivate, archived, next, description, topics);
  }

  GroupState archive() {
    return new GroupState(exists, groupId, name, isPrivate, true, people, description, topics);
  }

  GroupState describe(String name, String description, java.util.List<String> topics) {
    return new GroupState(exists, groupId, name, isPrivate, archived, people, description, topics);
  }
}
