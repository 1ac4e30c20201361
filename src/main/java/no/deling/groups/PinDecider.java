package no.deling.groups;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.groups.PinEvent.GroupPostPinned;
import no.deling.groups.PinEvent.GroupPostUnpinned;
import no.deling.posts.PostDecider.PostState;
import no.deling.visibility.Visibility;

/**
 * A group's owners pin up to {@link #MAX_PINNED} of its top-level posts to the top of its page.
 * State: the pinned posts, the latest pinned first. Pinning or unpinning twice changes nothing.
 */
public final class PinDecider implements Decider<PinDecider.PinCommand, List<String>, PinEvent> {
  public static final int MAX_PINNED = 3;

  /**
   * @param group the group as its stream has it, read by the caller
   * @param post the post as its stream has it, read by the caller
   * @param gone pinned posts since deleted (read by the caller), which hold no place: nobody sees them to unpin them
   */
  public record PinCommand(String actor, String groupId, GroupState group, String postId, PostState post, boolean pin, Set<String> gone,
      Instant at) {}

  @Override
  public List<String> initialState() {
    return List.of();
  }

  @Override
  public List<String> evolve(List<String> pinned, PinEvent event) {
    List<String> out = new ArrayList<>(pinned);
    out.remove(event.postId());
    if (event instanceof GroupPostPinned) out.add(0, event.postId());
    return List.copyOf(out);
  }

  @Override
  public List<PinEvent> decide(PinCommand c, List<String> pinned) {
    GroupState g = c.group();
    // a private group is not even named to anyone outside it
    if (g == null || !g.exists() || !Visibility.maySeeAudience(c.actor(), c.groupId(), g.facts())) {
      throw new Rejection.NotFound("group " + c.groupId() + " does not exist");
    }
    if (!g.isOwner(c.actor())) throw new Rejection.Forbidden("only the group's owners pin its posts");
    if (g.archived()) throw new Rejection.Forbidden("group " + c.groupId() + " is archived: it is read-only");
    if (!c.pin()) return pinned.contains(c.postId()) ? List.of(new GroupPostUnpinned(c.groupId(), c.postId(), c.actor(), c.at())) : List.of();
    PostState p = c.post();
    if (p == null || !p.live() || !c.groupId().equals(p.group())) {
      throw new Rejection.Invalid("postId", "group-post", "post " + c.postId() + " is not a post in this group");
    }
    if (p.inReplyTo() != null) throw new Rejection.Invalid("postId", "top-level", "a reply is pinned with its conversation: pin its first post");
    if (pinned.contains(c.postId())) return List.of();
    if (pinned.stream().filter(id -> !c.gone().contains(id)).count() >= MAX_PINNED) {
      throw new Rejection.Invalid("postId", "max-pinned", "a group pins at most " + MAX_PINNED + " posts: unpin one first");
    }
    return List.of(new GroupPostPinned(c.groupId(), c.postId(), c.actor(), c.at()));
  }
}
