package no.deling.endorsements;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/**
 * One user's endorsement of one post, stream {@code endorsement-<post>-<user>}. One stream per
 * pair, not per post: a thousand people endorsing a popular post at once write to a thousand
 * streams and never conflict.
 */
public sealed interface EndorsementEvent extends DomainEvent {
  String postId();

  String endorser();

  record PostEndorsed(String postId, String postAuthor, String endorser, Instant at) implements EndorsementEvent {}

  record EndorsementWithdrawn(String postId, String postAuthor, String endorser, Instant at) implements EndorsementEvent {}

  static String stream(String postId, String endorser) {
    return "endorsement-" + postId + "-" + endorser;
  }
}
