package no.deling.notifications;

import java.time.Instant;
import java.util.List;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.notifications.NotificationEvent.NotificationsRead;

/** Marking notifications read only ever moves forward; marking up to an older id changes nothing. State: read up to. */
public final class MarkReadDecider implements Decider<MarkReadDecider.MarkRead, Long, NotificationEvent> {
  public record MarkRead(String userId, long upTo, Instant at) {}

  @Override
  public Long initialState() {
    return 0L;
  }

  @Override
  public Long evolve(Long upTo, NotificationEvent event) {
    return event instanceof NotificationsRead r ? Math.max(upTo, r.upTo()) : upTo;
  }

  @Override
  public List<NotificationEvent> decide(MarkRead c, Long upTo) {
    if (c.upTo() < 0) throw new Rejection.Invalid("upTo", "minimum", "upTo is a notification id, a whole number >= 0");
    return c.upTo() <= upTo ? List.of() : List.of(new NotificationsRead(c.userId(), c.upTo(), c.at()));
  }
}
