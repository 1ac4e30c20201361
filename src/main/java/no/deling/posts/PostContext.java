package no.deling.posts;

import no.deling.users.Person;

/**
 * What rendering a post needs from other read models (its author, its counts). Implemented by the
 * read side's composition, so this package needs no read-model import. Ask under the read lock.
 */
public interface PostContext {
  Person person(String id);

  /** A post by id, deleted or not; null for one the log never had (or an erased person's). */
  PostView post(long id);

  int endorsementCount(long postId);

  boolean endorsedBy(long postId, String user);

  int shareCount(long postId);

  boolean sharedBy(long postId, String user);

  /** Has {@code user} saved the post to read later (only ever shown to them)? */
  boolean savedBy(long postId, String user);

  /**
   * The post's poll as clients see it (with {@code myVote} for a {@code viewer}; null for the live
   * stream's rendering for everyone), encoded; null for a post that is no poll.
   */
  byte[] pollJson(long postId, String viewer);

  /** The files the post shows, as a JSON array, encoded; null for a post that shows none. */
  byte[] attachmentsJson(long postId);

  /**
   * The group a post is addressed to, as {@code {"id":…,"name":…,"access":…}}, encoded; null for a
   * group the read side does not know. Whoever may see the post may know its group.
   */
  byte[] groupJson(String groupId);

  PostJsonCache json();
}
