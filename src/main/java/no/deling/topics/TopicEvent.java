package no.deling.topics;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/**
 * Facts about how a topic is looked after, stream {@code topic-<tag>}: who its owners are (the
 * colleagues an admin made answerable for it) and who offered to be, what it says of itself and
 * which posts it pins. A
 * topic itself is never created: it exists as soon as a post carries its hashtag.
 */
public sealed interface TopicEvent extends DomainEvent {
  String topic();

  /** An admin made {@code userId} one of the topic's owners. */
  record TopicOwnerAppointed(String topic, String userId, String by, Instant at) implements TopicEvent {}

  /** {@code userId} is no longer an owner: an admin dismissed them, or they stepped down ({@code by} is then themselves). */
  record TopicOwnerDismissed(String topic, String userId, String by, Instant at) implements TopicEvent {}

  /**
   * {@code userId} offered to look after the topic, saying why in {@code note} ("" for nothing); an
   * admin appoints them (which ends the offer) or declines it. Offering again replaces the note.
   */
  record TopicOwnershipOffered(String topic, String userId, String note, Instant at) implements TopicEvent {}

  /** The offer is off: {@code userId} withdrew it, or an admin declined it ({@code by} is then the admin). */
  record TopicOwnershipOfferWithdrawn(String topic, String userId, String by, Instant at) implements TopicEvent {}

  /** An owner (or an admin) says what the topic is for; an empty description clears it. */
  record TopicDescribed(String topic, String description, String by, Instant at) implements TopicEvent {}

  /** An owner pinned a post carrying the topic's hashtag to the top of the topic's page. */
  record TopicPostPinned(String topic, String postId, String by, Instant at) implements TopicEvent {}

  /** An owner took a post off the top of the topic's page. */
  record TopicPostUnpinned(String topic, String postId, String by, Instant at) implements TopicEvent {}

  static String stream(String topic) {
    return "topic-" + topic;
  }
}
