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

/**
 * Its author ends a poll early, or the server records that its time came. State: when it was
 * ended, or null. Ending an ended poll changes nothing.
 */
public final class PollCloseDecider implements Decider<PollCloseDecider.CloseCommand, Instant, PollEvent> {
  /** Who ends the poll the server, when its time has come. */
  public static final String SERVER = no.deling.core.command.ServerActor.ID;

  public sealed interface CloseCommand {}

  /**
   * @param post the poll's post, read by the caller from its stream
   * @param audience its group's facts, or null for a post to everyone
   */
  public record EndPoll(String actor, String postId, PostState post, GroupFacts audience, Instant at) implements CloseCommand {}

  /**
   * The poll's closing time has come by {@code now}: recorded as closed at that time, by {@link
   * #SERVER}, so that those who voted can be told. Anything else (not a poll, gone, not due, ended
   * already) changes nothing: a sweep on several instances, or after a restart, asks again.
   */
  public record CloseAtItsTime(String postId, PostState post, Instant now) implements CloseCommand {}

  @Override
  public Instant initialState() {
    return null;
  }

  @Override
  public Instant evolve(Instant endedAt, PollEvent event) {
    return event instanceof PollClosed c && endedAt == null ? c.at() : endedAt;
  }

  @Override
  public List<PollEvent> decide(CloseCommand command, Instant endedAt) {
    if (command instanceof CloseAtItsTime t) {
      PostState p = t.post();
      if (endedAt != null || p == null || !p.live() || p.poll() == null || p.poll().closesAt() == null || t.now().isBefore(p.poll().closesAt())) {
        return List.of();
      }
      return List.of(new PollClosed(t.postId(), SERVER, p.poll().closesAt()));
    }
    EndPoll c = (EndPoll) command;
    if (!Visibility.maySee(c.actor(), c.post(), c.audience())) throw new Rejection.NotFound("post " + c.postId() + " does not exist");
    if (c.post().poll() == null) throw new Rejection.Invalid("id", "poll", "post " + c.postId() + " is not a poll");
    if (!c.post().author().equals(c.actor())) throw new Rejection.Forbidden("only the poll's author ends it");
    if (endedAt != null || PollRules.closed(c.post().poll(), c.at())) return List.of();
    return List.of(new PollClosed(c.postId(), c.actor(), c.at()));
  }
}
