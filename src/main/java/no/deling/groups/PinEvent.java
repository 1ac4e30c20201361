package no.deling.groups;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/**
 * A group's owners pin a post of the group to the top of its page, or take it down again; stream
 * {@code group-<id>-pins} (apart from the group's own stream, so pinning never conflicts with
 * someone joining).
 */
public sealed interface PinEvent extends DomainEvent {
  String groupId();

  String postId();

  record GroupPostPinned(String groupId, String postId, String by, Instant at) implements PinEvent {}

  record GroupPostUnpinned(String groupId, String postId, String by, Instant at) implements PinEvent {}

  static String stream(String groupId) {
    return "group-" + groupId + "-pins";
  }
}
