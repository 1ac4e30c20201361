package no.deling.load.org;

import java.time.Instant;

/**
 * One thing a person does, at a simulated instant. Posts are named by a generator-local
 * {@code ref} ("p17"): the server assigns the real id, so replays resolve refs as they go.
 */
public sealed interface Action {
  Instant at();

  String actor();

  /**
   * Whether this sets the organisation up (people, follows, groups, tools, topics' owners and offers)
   * rather than being its daily activity: a replay does all of it first, and a generator puts it first.
   */
  default boolean setup() {
    return this instanceof Join || this instanceof FollowUser || this instanceof FollowTopic || this instanceof CreateGroup
        || this instanceof JoinGroup || this instanceof ConnectTool || this instanceof AppointTopicOwner || this instanceof OfferToLookAfterTopic;
  }

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
   * @param groupRef the group it is posted in, or null for everyone
   */
  record Publish(Instant at, String actor, String ref, String text, String parentRef, String kind, java.util.List<String> options,
      String groupRef) implements Action {
    public Publish(Instant at, String actor, String ref, String text, String parentRef, String kind) {
      this(at, actor, ref, text, parentRef, kind, null, null);
    }

    public Publish(Instant at, String actor, String ref, String text, String parentRef, String kind, java.util.List<String> options) {
      this(at, actor, ref, text, parentRef, kind, options, null);
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

  /** A group created by its owner ({@code actor}); named by a generator-local {@code ref} ("g3"). */
  record CreateGroup(Instant at, String actor, String ref, String name, boolean isPrivate) implements Action {}

  /** {@code actor} joins the group: an open one by themselves, a private one invited by {@code invitedBy} (its owner). */
  record JoinGroup(Instant at, String actor, String groupRef, String invitedBy) implements Action {}

  /** The group's owner connects a project tool that posts into it; named by {@code ref} ("t2"). */
  record ConnectTool(Instant at, String actor, String ref, String groupRef, String name) implements Action {}

  /** The tool posts into its group, with its secret: its {@code actor} is its ref, not a person. */
  record ToolPost(Instant at, String actor, String ref, String text) implements Action {}

  /** An admin ({@code actor}) makes {@code owner} one of the owners of topic {@code tag}: its questions go to them first. */
  record AppointTopicOwner(Instant at, String actor, String tag, String owner) implements Action {}

  /** {@code actor} offers to look after topic {@code tag}, saying why: an admin decides. */
  record OfferToLookAfterTopic(Instant at, String actor, String tag, String note) implements Action {}

  /** A link saved to the shared library. */
  record Bookmark(Instant at, String actor, String url, java.util.List<String> tags, String comment) implements Action {}
}
