package no.deling.follows;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.follows.FollowEvent.TopicFollowed;
import no.deling.follows.FollowEvent.TopicUnfollowed;
import no.deling.follows.FollowEvent.UserFollowed;
import no.deling.follows.FollowEvent.UserUnfollowed;
import no.deling.visibility.GroupFacts;
import no.deling.visibility.Visibility;

/**
 * Rules for following people and topics, and keeping a group's posts off one's home. Following
 * twice or unfollowing a stranger changes nothing.
 */
public final class FollowDecider implements Decider<FollowDecider.FollowCommand, FollowDecider.Following, FollowEvent> {

  public sealed interface FollowCommand {}

  /** @param followeeExists whether the followee is a known user (looked up by the caller) */
  public record FollowUser(String follower, String followee, boolean followeeExists, Instant at) implements FollowCommand {}

  public record UnfollowUser(String follower, String followee, Instant at) implements FollowCommand {}

  public record FollowTopic(String follower, String tag, Instant at) implements FollowCommand {}

  public record UnfollowTopic(String follower, String tag, Instant at) implements FollowCommand {}

  /** @param group the group as its stream has it (read by the caller): a private group is not named to outsiders */
  public record MuteGroup(String follower, String groupId, GroupFacts group, Instant at) implements FollowCommand {}

  public record UnmuteGroup(String follower, String groupId, Instant at) implements FollowCommand {}

  /** Immutable sets of who and what one user follows, and the groups they keep off their home. */
  public record Following(Set<String> users, Set<String> topics, Set<String> mutedGroups) {}

  @Override
  public Following initialState() {
    return new Following(Set.of(), Set.of(), Set.of());
  }

  @Override
  public Following evolve(Following s, FollowEvent event) {
    if (event instanceof UserFollowed e) return new Following(with(s.users(), e.followee(), true), s.topics(), s.mutedGroups());
    if (event instanceof UserUnfollowed e) return new Following(with(s.users(), e.followee(), false), s.topics(), s.mutedGroups());
    if (event instanceof TopicFollowed e) return new Following(s.users(), with(s.topics(), e.tag(), true), s.mutedGroups());
    if (event instanceof TopicUnfollowed e) return new Following(s.users(), with(s.topics(), e.tag(), false), s.mutedGroups());
    if (event instanceof FollowEvent.GroupMuted e) return new Following(s.users(), s.topics(), with(s.mutedGroups(), e.groupId(), true));
    if (event instanceof FollowEvent.GroupUnmuted e) return new Following(s.users(), s.topics(), with(s.mutedGroups(), e.groupId(), false));
    return s;
  }

  private static Set<String> with(Set<String> set, String value, boolean present) {
    Set<String> copy = new HashSet<>(set);
    if (present) copy.add(value);
    else copy.remove(value);
    return Set.copyOf(copy);
  }

  @Override
  public List<FollowEvent> decide(FollowCommand command, Following state) {
    if (command instanceof FollowUser c) {
      if (c.follower().equals(c.followee())) throw new Rejection.Invalid("id", "not-yourself", "you cannot follow yourself");
      if (!c.followeeExists()) throw new Rejection.NotFound("user " + c.followee() + " does not exist");
      return state.users().contains(c.followee()) ? List.of() : List.of(new UserFollowed(c.follower(), c.followee(), c.at()));
    }
    if (command instanceof UnfollowUser c) {
      return state.users().contains(c.followee()) ? List.of(new UserUnfollowed(c.follower(), c.followee(), c.at())) : List.of();
    }
    if (command instanceof FollowTopic c) {
      return state.topics().contains(c.tag()) ? List.of() : List.of(new TopicFollowed(c.follower(), c.tag(), c.at()));
    }
    if (command instanceof UnfollowTopic c) {
      return state.topics().contains(c.tag()) ? List.of(new TopicUnfollowed(c.follower(), c.tag(), c.at())) : List.of();
    }
    if (command instanceof MuteGroup c) {
      if (c.group() == null || !c.group().exists() || !Visibility.maySeeAudience(c.follower(), c.groupId(), c.group())) {
        throw new Rejection.NotFound("group " + c.groupId() + " does not exist");
      }
      return state.mutedGroups().contains(c.groupId()) ? List.of() : List.of(new FollowEvent.GroupMuted(c.follower(), c.groupId(), c.at()));
    }
    if (command instanceof UnmuteGroup c) {
      return state.mutedGroups().contains(c.groupId()) ? List.of(new FollowEvent.GroupUnmuted(c.follower(), c.groupId(), c.at())) : List.of();
    }
    throw new IllegalArgumentException("unknown command " + command);
  }
}
