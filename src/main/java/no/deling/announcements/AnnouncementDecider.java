package no.deling.announcements;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import no.deling.announcements.AnnouncementEvent.AnnouncementPublished;
import no.deling.announcements.AnnouncementEvent.AnnouncementWithdrawn;
import no.deling.auth.Actor;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.posts.PostText;

/** Publishing and withdrawing an announcement, on {@code announcement-<id>}. State: the published event, or null. */
public final class AnnouncementDecider
    implements Decider<AnnouncementDecider.AnnouncementCommand, AnnouncementDecider.State, AnnouncementEvent> {

  public sealed interface AnnouncementCommand {}

  /**
   * @param roles the author's roles, from their token
   * @param audienceSize active people in the audience now (from the directory), so an empty one is refused
   */
  public record Publish(String announcementId, String author, Set<String> roles, String text, Audience audience, int audienceSize, Instant at)
      implements AnnouncementCommand {}

  public record Withdraw(String announcementId, String by, Instant at) implements AnnouncementCommand {}

  public record State(AnnouncementPublished published, boolean withdrawn) {}

  @Override
  public State initialState() {
    return new State(null, false);
  }

  @Override
  public State evolve(State state, AnnouncementEvent event) {
    if (event instanceof AnnouncementPublished p) return new State(p, false);
    if (event instanceof AnnouncementWithdrawn) return new State(state.published(), true);
    return state;
  }

  @Override
  public List<AnnouncementEvent> decide(AnnouncementCommand command, State state) {
    if (command instanceof Publish p) return publish(p, state);
    Withdraw w = (Withdraw) command;
    if (state.published() == null) throw new Rejection.NotFound("announcement " + w.announcementId() + " does not exist");
    if (!state.published().author().equals(w.by())) throw new Rejection.Forbidden("only its author can withdraw an announcement");
    if (state.withdrawn()) return List.of();
    return List.of(new AnnouncementWithdrawn(w.announcementId(), w.by(), w.at()));
  }

  private static List<AnnouncementEvent> publish(Publish p, State state) {
    if (!p.roles().contains(Actor.LEADER)) {
      throw new Rejection.Forbidden("only leaders make announcements (role 'leader')");
    }
    if (state.published() != null) throw new Rejection.Duplicate("announcement " + p.announcementId() + " exists");
    String text = PostText.validate(p.text());
    Audience a = p.audience();
    if (a.kind().equals(Audience.DEPARTMENT) && (a.department() == null || a.department().isBlank())) {
      throw new Rejection.Invalid("audience.department", "required", "an announcement to a department names the department");
    }
    if (p.audienceSize() == 0) {
      throw new Rejection.Invalid("audience.department", "known-department", "nobody active is in department '" + a.department() + "'");
    }
    return List.of(new AnnouncementPublished(p.announcementId(), p.author(), text, a, p.at()));
  }
}
