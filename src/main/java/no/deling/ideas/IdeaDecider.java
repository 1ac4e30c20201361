package no.deling.ideas;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.ideas.IdeaEvent.IdeaStatusSet;
import no.deling.posts.PostDecider.PostState;
import no.deling.visibility.GroupFacts;
import no.deling.visibility.Visibility;

/** Rules for an idea's status: leaders decide, and so do owners of the group it was proposed in. */
public final class IdeaDecider implements Decider<IdeaDecider.SetStatus, IdeaDecider.IdeaState, IdeaEvent> {
  public static final Set<String> STATUSES = Set.of("new", "under-review", "accepted", "done", "declined");

  /**
   * @param idea the idea's post, read by the caller
   * @param audience its group's facts, or null for a public idea
   * @param leader whether the actor has the leader role
   * @param groupOwner whether the actor owns the idea's group
   */
  public record SetStatus(String ideaId, String actor, PostState idea, GroupFacts audience, boolean leader, boolean groupOwner, String status,
      String note, Instant at) {}

  public record IdeaState(String status, String note) {
    static final IdeaState NEW = new IdeaState("new", null);
  }

  @Override
  public IdeaState initialState() {
    return IdeaState.NEW;
  }

  @Override
  public IdeaState evolve(IdeaState s, IdeaEvent event) {
    if (event instanceof IdeaStatusSet e) return new IdeaState(e.status(), e.note());
    return s;
  }

  @Override
  public List<IdeaEvent> decide(SetStatus c, IdeaState state) {
    PostState idea = c.idea();
    if (!Visibility.maySee(c.actor(), idea, c.audience())) {
      throw new Rejection.NotFound("post " + c.ideaId() + " does not exist");
    }
    if (!idea.isIdea()) throw new Rejection.Invalid("id", "idea", "post " + c.ideaId() + " is not an idea");
    if (!c.leader() && !(idea.group() != null && c.groupOwner())) {
      throw new Rejection.Forbidden("only leaders, and owners of the group an idea was proposed in, set its status");
    }
    if (!STATUSES.contains(c.status())) throw new Rejection.Invalid("status", "enum", "status is one of " + String.join(", ", STATUSES));
    String note = c.note() == null || c.note().isBlank() ? null : c.note().strip();
    if (c.status().equals(state.status()) && Objects.equals(note, state.note())) return List.of();
    return List.of(new IdeaStatusSet(c.ideaId(), idea.author(), c.status(), note, c.actor(), c.at()));
  }
}
