package no.deling.email;

import java.time.Instant;
import java.util.List;
import no.deling.core.command.Decider;
import no.deling.email.EmailEvent.EmailChoiceSet;
import no.deling.email.EmailEvent.NotificationEmailFailed;
import no.deling.email.EmailEvent.NotificationsEmailed;

/**
 * Rules for emailing a person about unread notifications: on until they turn it off, after the
 * server's delay until they choose one of {@link #DELAYS}; each notification claimed for one email
 * at most (a claim that failed is given back); choosing what one has changes nothing.
 */
public final class EmailDecider implements Decider<EmailDecider.EmailCommand, EmailDecider.EmailState, EmailEvent> {
  public sealed interface EmailCommand {}

  /** The delays a person may choose: a quarter of an hour, an hour, four hours, a day. */
  public static final java.util.Set<Integer> DELAYS = java.util.Set.of(15, 60, 240, 1440);

  /** @param afterMinutes null: leave the delay as it is */
  public record Choose(String userId, boolean unreadNotifications, Integer afterMinutes, Instant at) implements EmailCommand {
    public Choose(String userId, boolean unreadNotifications, Instant at) {
      this(userId, unreadNotifications, null, at);
    }
  }

  /** The server would email notifications up to {@code upTo}. */
  public record Claim(String userId, long upTo, int count, Instant at) implements EmailCommand {}

  /** The email of the claim up to {@code upTo} could not be sent. */
  public record GiveBack(String userId, long upTo, String reason, Instant at) implements EmailCommand {}

  /**
   * @param afterMinutes the person's chosen delay; null: the server's
   * @param emailedUpTo the newest notification claimed for an email (0: none)
   * @param before what {@code emailedUpTo} was before the latest claim, to give it back to
   */
  public record EmailState(boolean unreadNotifications, Integer afterMinutes, long emailedUpTo, long before) {
    static final EmailState NEW = new EmailState(true, null, 0, 0);

    /** The delay that applies: the person's, else the server's {@code serverMinutes}. */
    public int afterMinutesOr(int serverMinutes) {
      return afterMinutes != null ? afterMinutes : serverMinutes;
    }
  }

  @Override
  public EmailState initialState() {
    return EmailState.NEW;
  }

  @Override
  public EmailState evolve(EmailState s, EmailEvent event) {
    if (event instanceof EmailChoiceSet c) {
      return new EmailState(c.unreadNotifications(), c.afterMinutes() != null ? c.afterMinutes() : s.afterMinutes(), s.emailedUpTo(), s.before());
    }
    if (event instanceof NotificationsEmailed e) return new EmailState(s.unreadNotifications(), s.afterMinutes(), e.upTo(), s.emailedUpTo());
    NotificationEmailFailed f = (NotificationEmailFailed) event;
    return new EmailState(s.unreadNotifications(), s.afterMinutes(), f.backTo(), f.backTo());
  }

  @Override
  public List<EmailEvent> decide(EmailCommand command, EmailState s) {
    if (command instanceof Choose c) {
      if (c.afterMinutes() != null && !DELAYS.contains(c.afterMinutes())) {
        throw new no.deling.core.command.Rejection.Invalid("afterMinutes", "enum", "after 15, 60, 240 or 1440 minutes unread");
      }
      boolean newDelay = c.afterMinutes() != null && !c.afterMinutes().equals(s.afterMinutes());
      if (c.unreadNotifications() == s.unreadNotifications() && !newDelay) return List.of();
      return List.of(new EmailChoiceSet(c.userId(), c.unreadNotifications(), newDelay ? c.afterMinutes() : null, c.at()));
    }
    if (command instanceof Claim c) {
      // turned off, or another server (or an earlier look) claimed these already
      if (!s.unreadNotifications() || c.upTo() <= s.emailedUpTo() || c.count() < 1) return List.of();
      return List.of(new NotificationsEmailed(c.userId(), c.upTo(), c.count(), c.at()));
    }
    GiveBack g = (GiveBack) command;
    // only the latest claim is given back: a later one stands
    if (g.upTo() != s.emailedUpTo()) return List.of();
    return List.of(new NotificationEmailFailed(g.userId(), g.upTo(), s.before(), g.reason(), g.at()));
  }
}
