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

  /**
   * A post; a reply when {@code parentRef} is set.
   *
   * @param kind "question" (invites answers), "idea", "poll", or null for a plain post or reply
   * @param options a poll's choices, else null
   */
  record Publish(Instant at, String actor, String ref, String text, String parentRef, String kind, java.util.List<String> options)
      implements Action {
    public Publish(Instant at, String actor, String ref, String text, String parentRef, String kind) {
      this(at, actor, ref, text, parentRef, kind, null);
    }

    public boolean question() {
      return "question".equals(kind);
    }
  }

  /** A vote in a poll: the index of the choice. */
  record Vote(Instant at, String actor, String pollRef, int option) implements Action {}

  /** A post saved to read later. */
  record Save(Instant at, String actor, String postRef) implements Action {}

  record Endorse(Instant at, String actor, String postRef, String postAuthor) implements Action {}

  /** The asker accepts an answer. */
  record Accept(Instant at, String actor, String questionRef, String answerRef, String answerAuthor) implements Action {}

  /** A colleague vouches for {@code user}'s skill in {@code topic}, citing a post of theirs, or none when {@code evidenceRef} is null. */
  record EndorseSkill(Instant at, String actor, String user, String topic, String evidenceRef) implements Action {}

  /** A link saved to the shared library. */
  record Bookmark(Instant at, String actor, String url, java.util.List<String> tags, String comment) implements Action {}
}
