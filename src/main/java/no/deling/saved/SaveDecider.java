package no.deling.saved;

import java.time.Instant;
import java.util.List;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.posts.PostDecider.PostState;
import no.deling.saved.SavedEvent.PostSaved;
import no.deling.saved.SavedEvent.PostUnsaved;
import no.deling.visibility.GroupFacts;
import no.deling.visibility.Visibility;

/** Rules for keeping a post to read later. State: whether this person has it saved. Idempotent both ways. */
public final class SaveDecider implements Decider<SaveDecider.SaveCommand, Boolean, SavedEvent> {

  public sealed interface SaveCommand {}

  /**
   * @param post the post's state, read by the caller
   * @param audience its group's facts, or null for a post to everyone
   */
  public record Save(String userId, String postId, PostState post, GroupFacts audience, Instant at) implements SaveCommand {}

  /** Always allowed: one may tidy away a post one can no longer see (deleted, or in a group one left). */
  public record Unsave(String userId, String postId, Instant at) implements SaveCommand {}

  @Override
  public Boolean initialState() {
    return false;
  }

  @Override
  public Boolean evolve(Boolean saved, SavedEvent event) {
    return event instanceof PostSaved || (!(event instanceof PostUnsaved) && saved);
  }

  @Override
  public List<SavedEvent> decide(SaveCommand command, Boolean saved) {
    if (command instanceof Save c) {
      if (!Visibility.maySee(c.userId(), c.post(), c.audience())) throw new Rejection.NotFound("post " + c.postId() + " does not exist");
      return saved ? List.of() : List.of(new PostSaved(c.userId(), c.postId(), c.at()));
    }
    Unsave c = (Unsave) command;
    return saved ? List.of(new PostUnsaved(c.userId(), c.postId(), c.at())) : List.of();
  }
}
