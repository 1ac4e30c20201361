package no.deling.notifications;

import java.time.Instant;
import java.util.List;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.notifications.NotificationEvent.ThreadSubscriptionSet;
import no.deling.posts.PostDecider.PostState;
import no.deling.visibility.GroupFacts;
import no.deling.visibility.Visibility;

/**
 * Following or muting one conversation. State: the person's last choice for it, or null while
 * they have made none (then having a post in it is what subscribes them).
 */
public final class ThreadSubscriptionDecider implements Decider<ThreadSubscriptionDecider.Choose, Boolean, NotificationEvent> {
  /**
   * @param post the post named in the request (any post of the conversation), read by the caller
   * @param audience its group's facts, or null for a post to everyone
   */
  public record Choose(String userId, String postId, PostState post, GroupFacts audience, boolean subscribed, Instant at) {}

  @Override
  public Boolean initialState() {
    return null;
  }

  @Override
  public Boolean evolve(Boolean state, NotificationEvent event) {
    return event instanceof ThreadSubscriptionSet s ? s.subscribed() : state;
  }

  @Override
  public List<NotificationEvent> decide(Choose c, Boolean chosen) {
    if (!Visibility.maySee(c.userId(), c.post(), c.audience())) throw new Rejection.NotFound("post " + c.postId() + " does not exist");
    // a choice stands whatever one writes in the conversation later; making the same one again changes nothing
    if (chosen != null && chosen == c.subscribed()) return List.of();
    return List.of(new ThreadSubscriptionSet(c.userId(), c.post().threadRoot(), c.subscribed(), c.at()));
  }
}
