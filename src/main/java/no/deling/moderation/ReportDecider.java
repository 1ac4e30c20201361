package no.deling.moderation;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.moderation.ModerationEvent.PostReported;
import no.deling.moderation.ModerationEvent.ReportsDismissed;
import no.deling.posts.PostDecider.PostState;
import no.deling.visibility.GroupFacts;
import no.deling.visibility.Visibility;

/**
 * Rules for reporting a post and dismissing its reports. A report is open until a moderator
 * dismisses it or removes the post; each person reports a post once while their report is open.
 */
public final class ReportDecider implements Decider<ReportDecider.ReportCommand, ReportDecider.Open, ModerationEvent> {

  public sealed interface ReportCommand {}

  /**
   * @param post the post's state, read by the caller
   * @param audience its group's facts, or null for a public post
   */
  public record Report(String postId, String reporter, PostState post, GroupFacts audience, String reason, String note, Instant at)
      implements ReportCommand {}

  /** @param moderates whether the actor moderates the post (see {@link Moderators}) */
  public record Dismiss(String postId, String actor, PostState post, GroupFacts audience, boolean moderates, Instant at)
      implements ReportCommand {}

  /** Who has an open report on the post. */
  public record Open(Set<String> reporters) {
    static final Open NONE = new Open(Set.of());

    public boolean has(String user) {
      return reporters.contains(user);
    }
  }

  @Override
  public Open initialState() {
    return Open.NONE;
  }

  @Override
  public Open evolve(Open s, ModerationEvent event) {
    if (event instanceof PostReported r) {
      java.util.Set<String> more = new java.util.HashSet<>(s.reporters());
      more.add(r.reporter());
      return new Open(Set.copyOf(more));
    }
    if (event instanceof ReportsDismissed) return Open.NONE;
    return s;
  }

  @Override
  public List<ModerationEvent> decide(ReportCommand command, Open state) {
    if (command instanceof Report c) return report(c, state);
    if (command instanceof Dismiss c) return dismiss(c, state);
    throw new IllegalArgumentException("unknown command " + command);
  }

  private static List<ModerationEvent> report(Report c, Open state) {
    requireVisible(c.postId(), c.reporter(), c.post(), c.audience());
    if (c.post().author().equals(c.reporter())) {
      throw new Rejection.Invalid("id", "not-own-post", "you cannot report your own post: edit or delete it instead");
    }
    if (c.reason() == null || !Reasons.ALL.contains(c.reason())) {
      throw new Rejection.Invalid("reason", "enum", "reason is one of " + String.join(", ", Reasons.ALL));
    }
    String note = c.note() == null || c.note().isBlank() ? null : c.note().strip();
    if (note != null && note.length() > Reasons.MAX_NOTE) {
      throw new Rejection.Invalid("note", "maxLength", "a note is at most " + Reasons.MAX_NOTE + " characters");
    }
    if (note == null && Reasons.OTHER.equals(c.reason())) {
      throw new Rejection.Invalid("note", "required", "say what is wrong when the reason is 'other'");
    }
    if (state.has(c.reporter())) return List.of(); // reported already, and still open
    return List.of(new PostReported(c.postId(), c.post().author(), c.reporter(), c.reason(), note, c.at()));
  }

  private static List<ModerationEvent> dismiss(Dismiss c, Open state) {
    requireVisible(c.postId(), c.actor(), c.post(), c.audience());
    if (!c.moderates()) throw new Rejection.Forbidden("only admins, and owners of the group a post is in, review its reports");
    if (state.reporters().isEmpty()) return List.of(); // nothing open: reviewed already
    return List.of(new ReportsDismissed(c.postId(), c.actor(), c.at()));
  }

  /** A post the actor may not see is, to them, no post at all. */
  private static void requireVisible(String postId, String actor, PostState post, GroupFacts audience) {
    if (!Visibility.maySee(actor, post, audience)) {
      throw new Rejection.NotFound("post " + postId + " does not exist");
    }
  }
}
