package no.deling.topics;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/**
 * Facts about how a topic is looked after, stream {@code topic-<tag>}: who its owners are (the
 * colleagues an admin made answerable for it), what it says of itself and which posts it pins. A
 * topic itself is never created: it exists as soon as a post carries its hashtag.
 */
public sealed interface TopicEvent extends DomainEvent {
  String topic();

  /** An admin made {@code userId} one of the topic's owners. */
  record TopicOwnerAppointed(String topic, String userId, String by, Instant at) implements TopicEvent {}

  /** {@code userId} is no longer an owner: an admin dismissed them, or they stepped down ({@code by} is then themselves). */
  record TopicOwnerDismissed(String topic, String userId, String by, Instant at) implements TopicEvent {}

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
