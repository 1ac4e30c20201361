package no.deling.saved;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/**
 * One person keeping one post to read again later, stream {@code saved-<user>-<post>}: private to
 * them (nobody else, not the author, learns of it). One stream per pair, as endorsements have, so
 * saving never conflicts with anyone else's write.
 */
public sealed interface SavedEvent extends DomainEvent {
  String userId();

  String postId();

  record PostSaved(String userId, String postId, Instant at) implements SavedEvent {}

  record PostUnsaved(String userId, String postId, Instant at) implements SavedEvent {}

  static String stream(String userId, String postId) {
    return "saved-" + userId + "-" + postId;
  }
}
