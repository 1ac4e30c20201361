package no.deling.visibility;

import java.util.Set;

/**
 * What a decider needs to know about the group a post is (or would be) addressed to, loaded from
 * the group's stream by the caller. Answers {@link Visibility}'s membership questions for that one
 * group, so deciders ask the same rule as every read path.
 */
public record GroupFacts(String id, boolean exists, boolean isPrivate, boolean archived, Set<String> members) implements Visibility.Memberships {
  public static GroupFacts unknown(String id) {
    return new GroupFacts(id, false, false, false, Set.of());
  }

  @Override
  public boolean isPrivate(String group) {
    return id.equals(group) && isPrivate;
  }

  @Override
  public boolean isMember(String group, String user) {
    return id.equals(group) && members.contains(user);
  }

  public boolean isMember(String user) {
    return members.contains(user);
  }

  /**
   * These facts with {@code user} counted as a member, for a decider only: a group's integration
   * posts in its own group as a member would, and is never a member anywhere else.
   */
  public GroupFacts withMember(String user) {
    Set<String> with = new java.util.HashSet<>(members);
    with.add(user);
    return new GroupFacts(id, exists, isPrivate, archived, Set.copyOf(with));
  }
}
