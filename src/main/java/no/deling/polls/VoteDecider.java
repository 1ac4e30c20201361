package no.deling.polls;

import java.time.Instant;
import java.util.List;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.polls.PollEvent.PollVoteWithdrawn;
import no.deling.polls.PollEvent.PollVoted;
import no.deling.posts.PollRules;
import no.deling.posts.PostDecider.PostState;
import no.deling.visibility.GroupFacts;
import no.deling.visibility.Visibility;

/**
 * Rules for voting in a poll. State: the voter's current choice (its index), or -1 for none. Anyone
 * who may see the poll votes, its author too; one may change one's vote or withdraw it until the
 * poll closes.
 */
public final class VoteDecider implements Decider<VoteDecider.VoteCommand, Integer, PollEvent> {
  public static final int NONE = -1;

  public sealed interface VoteCommand {
    String voter();

    String postId();

    PostState post();

    GroupFacts audience();

    /** When its author ended the poll early (read by the caller from {@code poll-<post>}), or null. */
    Instant endedAt();

    Instant at();
  }

  /**
   * @param post the poll's post, read by the caller from its stream
   * @param audience its group's facts, or null for a post to everyone
   */
  public record Vote(String voter, String postId, PostState post, GroupFacts audience, Instant endedAt, int option, Instant at)
      implements VoteCommand {}

  public record Withdraw(String voter, String postId, PostState post, GroupFacts audience, Instant endedAt, Instant at) implements VoteCommand {}

  @Override
  public Integer initialState() {
    return NONE;
  }

  @Override
  public Integer evolve(Integer choice, PollEvent event) {
    if (event instanceof PollVoted v) return v.option();
    if (event instanceof PollVoteWithdrawn) return NONE;
    return choice;
  }

  @Override
  public List<PollEvent> decide(VoteCommand c, Integer choice) {
    if (!Visibility.maySee(c.voter(), c.post(), c.audience())) throw new Rejection.NotFound("post " + c.postId() + " does not exist");
    if (c.post().poll() == null) throw new Rejection.Invalid("id", "poll", "post " + c.postId() + " is not a poll");
    if (PollRules.closed(c.post().poll(), c.at()) || (c.endedAt() != null && !c.at().isBefore(c.endedAt()))) {
      throw new Rejection.Invalid("id", "poll-open", "the poll has ended");
    }
    if (c instanceof Vote v) {
      int options = c.post().poll().options().size();
      if (v.option() < 0 || v.option() >= options) {
        throw new Rejection.Invalid("option", "range", "option is the index of a choice, 0 to " + (options - 1));
      }
      return choice == v.option() ? List.of() : List.of(new PollVoted(c.postId(), c.voter(), v.option(), c.at()));
    }
    return choice == NONE ? List.of() : List.of(new PollVoteWithdrawn(c.postId(), c.voter(), c.at()));
  }
}
