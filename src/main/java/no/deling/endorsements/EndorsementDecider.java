package no.deling.endorsements;

import java.time.Instant;
import java.util.List;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.endorsements.EndorsementEvent.EndorsementWithdrawn;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.posts.PostDecider.PostState;
import no.deling.visibility.GroupFacts;
import no.deling.visibility.Visibility;

/** Rules for endorsing a post. State: whether this user currently endorses it. Idempotent both ways. */
public final class EndorsementDecider
    implements Decider<EndorsementDecider.EndorsementCommand, Boolean, EndorsementEvent> {

  public sealed interface EndorsementCommand {}

  /**
   * @param post the endorsed post's state, read by the caller
   * @param audience the post's group, read by the caller (null for a public post)
   */
  public record Endorse(String postId, String endorser, PostState post, GroupFacts audience, Instant at) implements EndorsementCommand {
    public Endorse(String postId, String endorser, PostState post, Instant at) {
      this(postId, endorser, post, null, at);
    }
  }

  public record Withdraw(String postId, String endorser, PostState post, Instant at) implements EndorsementCommand {}

  @Override
  public Boolean initialState() {
    return false;
  }

  @Override
  public Boolean evolve(Boolean endorsed, EndorsementEvent event) {
    if (event instanceof PostEndorsed) return true;
    if (event instanceof EndorsementWithdrawn) return false;
    return endorsed;
  }

  @Override
  public List<EndorsementEvent> decide(EndorsementCommand command, Boolean endorsed) {
    if (command instanceof Endorse c) {
      if (!Visibility.maySee(c.endorser(), c.post(), c.audience())) throw new Rejection.NotFound("post " + c.postId() + " does not exist");
      if (c.post().author().equals(c.endorser())) {
        throw new Rejection.Invalid("id", "not-own-post", "you cannot endorse your own post");
      }
      return endorsed ? List.of() : List.of(new PostEndorsed(c.postId(), c.post().author(), c.endorser(), c.at()));
    }
    if (command instanceof Withdraw c) {
      if (!endorsed) return List.of();
      return List.of(new EndorsementWithdrawn(c.postId(), c.post().author(), c.endorser(), c.at()));
    }
    throw new IllegalArgumentException("unknown command " + command);
  }
}
