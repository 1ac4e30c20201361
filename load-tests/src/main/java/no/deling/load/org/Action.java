package no.deling.load.org;

import java.time.Instant;

/**
 * One thing a person does, at a simulated instant. Posts are named by a generator-local
 * {@code ref} ("p17"): the server assigns the real id, so replays resolve refs as they go.
 */
public sealed interface Action {
  Instant at();

  String actor();

  /** The person's first visit: their profile comes from the token's claims. */
  record Join(Instant at, Person person) implements Action {
    public String actor() {
      return person.id();
    }
  }

  record FollowUser(Instant at, String actor, String followee) implements Action {}

  record FollowTopic(Instant at, String actor, String tag) implements Action {}

  /** A post; a reply when {@code parentRef} is set; {@code question} marks posts that invite answers. */
  record Publish(Instant at, String actor, String ref, String text, String parentRef, boolean question) implements Action {}

  record Endorse(Instant at, String actor, String postRef, String postAuthor) implements Action {}
}
