package no.deling.announcements;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import no.deling.announcements.AnnouncementEvent.AnnouncementPublished;
import no.deling.announcements.AnnouncementEvent.AnnouncementWithdrawn;
import no.deling.auth.Actor;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.groups.GroupState;
import no.deling.posts.PostText;

/** Publishing and withdrawing an announcement, on {@code announcement-<id>}. State: the published event, or null. */
public final class AnnouncementDecider
    implements Decider<AnnouncementDecider.AnnouncementCommand, AnnouncementDecider.State, AnnouncementEvent> {

  public sealed interface AnnouncementCommand {}

  /**
   * @param roles the author's roles, from their token
   * @param audienceSize active people in the audience now (from the directory), so an empty one is refused
   * @param group for an audience of kind {@code group}, that group as its own stream has it (null otherwise)
   */
  public record Publish(String announcementId, String author, Set<String> roles, String text, Audience audience, int audienceSize,
      GroupState group, Instant at) implements AnnouncementCommand {
    public Publish(String announcementId, String author, Set<String> roles, String text, Audience audience, int audienceSize, Instant at) {
      this(announcementId, author, roles, text, audience, audienceSize, null, at);
    }
  }

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

  /** Leaders announce to everyone or to a department; a group's owners to their group. */
  private static List<AnnouncementEvent> publish(Publish p, State state) {
    Audience a = p.audience();
    requireFitsItsKind(a);
    if (a.forGroup()) requireOwnerOf(a.group(), p.author(), p.group());
    else if (!p.roles().contains(Actor.LEADER)) {
      throw new Rejection.Forbidden("only leaders make announcements to everyone or to a department (role 'leader'); a group's owners announce to their group");
    }
    if (state.published() != null) throw new Rejection.Duplicate("announcement " + p.announcementId() + " exists");
    String text = PostText.validate(p.text());
    if (a.kind().equals(Audience.DEPARTMENT) && (a.department() == null || a.department().isBlank())) {
      throw new Rejection.Invalid("audience.department", "required", "an announcement to a department names the department");
    }
    // a group's audience holds at least its owner, who is announcing
    if (!a.forGroup() && p.audienceSize() == 0) {
      throw new Rejection.Invalid("audience.department", "known-department", "nobody active is in department '" + a.department() + "'");
    }
    return List.of(new AnnouncementPublished(p.announcementId(), p.author(), text, a, p.at()));
  }

  /** A department named for a group audience (or the reverse) would leave the author unsure who reads it. */
  private static void requireFitsItsKind(Audience a) {
    if (!a.kind().equals(Audience.DEPARTMENT) && a.department() != null) {
      throw new Rejection.Invalid("audience.department", "kind-department", "'department' is only for an audience of kind department");
    }
    if (!a.forGroup() && a.group() != null) {
      throw new Rejection.Invalid("audience.group", "kind-group", "'group' is only for an audience of kind group");
    }
  }

  /** A private group is not even named to someone with no role in it, as when posting. */
  private static void requireOwnerOf(String groupId, String author, GroupState group) {
    if (groupId == null || groupId.isBlank()) {
      throw new Rejection.Invalid("audience.group", "required", "an announcement to a group names the group");
    }
    if (group == null || !group.exists() || (group.isPrivate() && group.roleOf(author) == null)) {
      throw new Rejection.Invalid("audience.group", "existing-group", "group " + groupId + " does not exist");
    }
    if (!group.isOwner(author)) throw new Rejection.Forbidden("only the owners of group " + groupId + " announce to it");
    if (group.archived()) throw new Rejection.Forbidden("group " + groupId + " is archived: it is read-only");
  }
}
