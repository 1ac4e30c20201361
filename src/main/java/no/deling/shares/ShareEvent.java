package no.deling.shares;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/**
 * Spreading a colleague's post to one's own followers; stream {@code share-<postId>-<sharer>}.
 * Each share has its own id, ordered with post ids, so it takes its own place in timelines.
 */
public sealed interface ShareEvent extends DomainEvent {
  String postId();

  String sharer();

  record PostShared(String postId, String postAuthor, String sharer, String shareId, Instant at) implements ShareEvent {}

  record ShareWithdrawn(String postId, String postAuthor, String sharer, String shareId, Instant at) implements ShareEvent {}

  static String stream(String postId, String sharer) {
    return "share-" + postId + "-" + sharer;
  }
}
