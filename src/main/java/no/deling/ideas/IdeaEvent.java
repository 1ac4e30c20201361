package no.deling.ideas;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/** Where an idea stands. Stream {@code idea-<ideaId>}; the idea itself is a post. */
public sealed interface IdeaEvent extends DomainEvent {
  String ideaId();

  /**
   * A leader, or an owner of the idea's group, set its status with a note for the author and
   * everyone who endorsed it.
   *
   * @param status new, under-review, accepted, done or declined
   */
  record IdeaStatusSet(String ideaId, String ideaAuthor, String status, String note, String by, Instant at) implements IdeaEvent {}

  static String stream(String ideaId) {
    return "idea-" + ideaId;
  }
}
