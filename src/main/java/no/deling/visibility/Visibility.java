package no.deling.visibility;

import no.deling.posts.PostView;

/**
 * The one place that decides who may see what; every read path asks it (HTTP, the live stream and
 * its resume, notifications, counts, and later search and the pulse). Pure functions over the
 * facts they are handed: the post as the read side has it now, and two questions about people.
 *
 * <p>The rule: a post is addressed to everyone, or to a group. A deleted post is seen by nobody.
 * An open group's posts are public (anyone may join and read them); a private group's posts reach
 * its members only — and only while they are members.
 */
public final class Visibility {
  private Visibility() {}

  /** Who belongs to which group. */
  public interface Memberships {
    /** @return true for a private group; false for an open or unknown one */
    boolean isPrivate(String group);

    /** Members include owners; invitees and requesters are not members. */
    boolean isMember(String group, String user);
  }

  /** Whom and what a person follows. */
  public interface Follows {
    boolean followsUser(String viewer, String author);

    boolean followsAnyTopic(String viewer, String[] tags);

    /** Does {@code viewer} keep this group's posts off their home (staying a member)? */
    boolean mutesGroup(String viewer, String group);
  }

  /** May {@code viewer} see what is addressed to {@code group} (null: to everyone)? */
  public static boolean maySeeAudience(String viewer, String group, Memberships groups) {
    return group == null || !groups.isPrivate(group) || (viewer != null && groups.isMember(group, viewer));
  }

  /**
   * The deciders' form of {@link #maySee(String, PostView, Memberships)}: the post as its stream
   * has it, and its group's facts as the caller loaded them (null for a post to everyone). Never
   * for an unknown or deleted post.
   */
  public static boolean maySee(String viewer, no.deling.posts.PostDecider.PostState post, GroupFacts audience) {
    return post != null && post.live() && (post.group() == null || (audience != null && maySeeAudience(viewer, post.group(), audience)));
  }

  /** May {@code viewer} see this post now? Never for an unknown or deleted post. */
  public static boolean maySee(String viewer, PostView post, Memberships groups) {
    return post != null && !post.deleted && maySeeAudience(viewer, post.group, groups);
  }

  /**
   * May {@code viewer} fetch an uploaded file: its uploader may (before it shows anywhere, too);
   * everyone while it is its uploader's photo (shown beside their name wherever they appear);
   * anyone else only while a post that shows it is one they may see. A file has no audience of its
   * own: it reaches exactly who its posts reach, and nobody once those are deleted.
   */
  public static boolean maySeeFile(String viewer, String uploader, boolean uploadersPhoto, java.util.List<PostView> showingIt,
      Memberships groups) {
    if (viewer != null && viewer.equals(uploader)) return true;
    if (uploadersPhoto) return true;
    for (PostView p : showingIt) if (maySee(viewer, p, groups)) return true;
    return false;
  }

  /**
   * Does this post belong on {@code viewer}'s home timeline: one they may see that is their own, by
   * someone they follow, about a topic they follow, or in a group they belong to.
   */
  public static boolean onHome(String viewer, PostView post, Follows follows, Memberships groups) {
    return maySee(viewer, post, groups) && reachesHome(viewer, post, follows, groups);
  }

  /**
   * May {@code viewer} hear that this post was deleted: they could see it before. The notice
   * carries nothing but the id.
   */
  public static boolean mayHearOfDelete(String viewer, PostView post, Memberships groups) {
    return post != null && maySeeAudience(viewer, post.group, groups);
  }

  /** Does this post's place (author, topics, group) reach {@code viewer}'s home, whether or not it is still there to see? */
  public static boolean reachesHome(String viewer, PostView post, Follows follows, Memberships groups) {
    if (post.author.equals(viewer)) return true;
    if (post.group != null && groups.isMember(post.group, viewer) && !follows.mutesGroup(viewer, post.group)) return true;
    return follows.followsUser(viewer, post.author) || follows.followsAnyTopic(viewer, post.hashtags);
  }
}
