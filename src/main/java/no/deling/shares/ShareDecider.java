package no.deling.shares;

import java.time.Instant;
import java.util.List;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.posts.PostDecider.PostState;
import no.deling.shares.ShareEvent.PostShared;
import no.deling.shares.ShareEvent.ShareWithdrawn;
import no.deling.visibility.GroupFacts;
import no.deling.visibility.Visibility;

/**
 * Rules for sharing one post as one person. State: the id of their current share, or null.
 * Idempotent both ways. Only what everyone may see can be shared: a private group's post stays
 * inside the group.
 */
public final class ShareDecider implements Decider<ShareDecider.ShareCommand, String, ShareEvent> {

  public sealed interface ShareCommand {}

  /**
   * @param post the shared post's state, read by the caller
   * @param audience the post's group, read by the caller (null for a public post)
   * @param shareId the id this share gets if it is new
   */
  public record Share(String postId, String sharer, PostState post, GroupFacts audience, String shareId, Instant at) implements ShareCommand {}

  public record Unshare(String postId, String sharer, PostState post, Instant at) implements ShareCommand {}

  @Override
  public String initialState() {
    return null;
  }

  @Override
  public String evolve(String current, ShareEvent event) {
    if (event instanceof PostShared s) return s.shareId();
    if (event instanceof ShareWithdrawn) return null;
    return current;
  }

  @Override
  public List<ShareEvent> decide(ShareCommand command, String current) {
    if (command instanceof Share c) {
      PostState post = c.post();
      if (!Visibility.maySee(c.sharer(), post, c.audience())) {
        throw new Rejection.NotFound("post " + c.postId() + " does not exist");
      }
      if (post.group() != null && c.audience().isPrivate()) {
        throw new Rejection.Invalid("id", "private-group-post", "a private group's post cannot be shared outside the group");
      }
      if (post.author().equals(c.sharer())) throw new Rejection.Invalid("id", "not-own-post", "you cannot share your own post");
      return current != null ? List.of() : List.of(new PostShared(c.postId(), post.author(), c.sharer(), c.shareId(), c.at()));
    }
    if (command instanceof Unshare c) {
      if (current == null) return List.of();
      return List.of(new ShareWithdrawn(c.postId(), c.post().author(), c.sharer(), current, c.at()));
    }
    throw new IllegalArgumentException("unknown command " + command);
  }
}
