package no.deling.polls;

import java.time.Instant;
import java.util.List;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.polls.PollEvent.PollClosed;
import no.deling.posts.PollRules;
import no.deling.posts.PostDecider.PostState;
import no.deling.visibility.GroupFacts;
import no.deling.visibility.Visibility;

/** Its author ends a poll early. State: when it was ended, or null. Ending an ended poll changes nothing. */
public final class PollCloseDecider implements Decider<PollCloseDecider.EndPoll, Instant, PollEvent> {
  /**
   * @param post the poll's post, read by the caller from its stream
   * @param audience its group's facts, or null for a post to everyone
   */
  public record EndPoll(String actor, String postId, PostState post, GroupFacts audience, Instant at) {}

  @Override
  public Instant initialState() {
    return null;
  }

  @Override
  public Instant evolve(Instant endedAt, PollEvent event) {
    return event instanceof PollClosed c && endedAt == null ? c.at() : endedAt;
  }

  @Override
  public List<PollEvent> decide(EndPoll c, Instant endedAt) {
    if (!Visibility.maySee(c.actor(), c.post(), c.audience())) throw new Rejection.NotFound("post " + c.postId() + " does not exist");
    if (c.post().poll() == null) throw new Rejection.Invalid("id", "poll", "post " + c.postId() + " is not a poll");
    if (!c.post().author().equals(c.actor())) throw new Rejection.Forbidden("only the poll's author ends it");
    if (endedAt != null || PollRules.closed(c.post().poll(), c.at())) return List.of();
    return List.of(new PollClosed(c.postId(), c.actor(), c.at()));
  }
}
