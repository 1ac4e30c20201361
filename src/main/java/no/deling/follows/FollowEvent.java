package no.deling.follows;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/**
 * What one user follows, stream {@code following-<follower>}: only the follower writes to it, so
 * follows never contend with anybody else's.
 */
public sealed interface FollowEvent extends DomainEvent {
  String follower();

  record UserFollowed(String follower, String followee, Instant at) implements FollowEvent {}

  record UserUnfollowed(String follower, String followee, Instant at) implements FollowEvent {}

  record TopicFollowed(String follower, String tag, Instant at) implements FollowEvent {}

  record TopicUnfollowed(String follower, String tag, Instant at) implements FollowEvent {}

  /**
   * The follower keeps a group's posts off their home timeline: they stay a member, and the group's
   * page, @mentions, notifications and the posts of people and topics they follow are unchanged.
   */
  record GroupMuted(String follower, String groupId, Instant at) implements FollowEvent {}

  /** The group's posts come to the follower's home again. */
  record GroupUnmuted(String follower, String groupId, Instant at) implements FollowEvent {}

  static String stream(String follower) {
    return "following-" + follower;
  }
}
