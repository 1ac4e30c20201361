package no.deling.announcements;

import java.time.Instant;
import java.util.List;
import no.deling.announcements.AnnouncementEvent.AnnouncementAcknowledged;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;

/**
 * One person's acknowledgement of one announcement, on {@code announcement-<id>-ack-<user>}.
 * Idempotent: acknowledging twice records one event. State: whether it is acknowledged.
 */
public final class AcknowledgementDecider implements Decider<AcknowledgementDecider.Acknowledge, Boolean, AnnouncementEvent> {

  /**
   * @param announcement the announcement's own state, loaded from its stream
   * @param inAudience whether the directory puts this person in its audience now
   */
  public record Acknowledge(String announcementId, String userId, AnnouncementDecider.State announcement, boolean inAudience, Instant at) {}

  @Override
  public Boolean initialState() {
    return false;
  }

  @Override
  public Boolean evolve(Boolean state, AnnouncementEvent event) {
    return state || event instanceof AnnouncementAcknowledged;
  }

  @Override
  public List<AnnouncementEvent> decide(Acknowledge c, Boolean acknowledged) {
    var published = c.announcement().published();
    // outside the audience it does not exist, as far as this person can tell
    if (published == null || (!c.inAudience() && !acknowledged)) {
      throw new Rejection.NotFound("announcement " + c.announcementId() + " does not exist");
    }
    if (acknowledged) return List.of();
    if (c.announcement().withdrawn()) throw new Rejection.Invalid("announcement", "not-withdrawn", "the announcement was withdrawn");
    return List.of(new AnnouncementAcknowledged(c.announcementId(), c.userId(), c.at()));
  }
}
