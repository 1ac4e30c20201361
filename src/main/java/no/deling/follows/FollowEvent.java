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

  static String stream(String follower) {
    return "following-" + follower;
  }
}
