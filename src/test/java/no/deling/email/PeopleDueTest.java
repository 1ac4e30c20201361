package no.deling.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.deling.notifications.Notification;
import no.deling.notifications.NotificationEvent.NotificationsRead;
import no.deling.notifications.Notifications;
import org.junit.jupiter.api.Test;

/** Who is looked at for an email: someone with an unread notification that has waited long enough, and is not handled yet. */
class PeopleDueTest {
  private static final long NOW = Instant.parse("2026-12-06T12:00:00Z").toEpochMilli();
  private static final long HOUR = 3_600_000L;

  @Test
  void due_areThoseWithAnUnreadUnhandledNotification_thatWaitedTheDelay_butNotADayLonger() {
    Notifications n = new Notifications();
    n.handle(List.of(
        new Notification(1, "ada", "mention", "bob", 0, null, NOW - 2 * HOUR), // waited: due
        new Notification(2, "ben", "mention", "bob", 0, null, NOW - 10 * 60_000), // too fresh
        new Notification(3, "cy", "reply", "bob", 0, null, NOW - 2 * HOUR), // read below
        new Notification(4, "dee", "follow", "bob", 0, null, NOW - 2 * HOUR), // handled already
        new Notification(5, "eve", "follow", "bob", 0, null, NOW - 30 * HOUR), // stale
        new Notification(6, "fay", "follow", "bob", 0, null, NOW - 3 * HOUR), // older one handled, a newer one due
        new Notification(7, "fay", "reply", "bob", 0, null, NOW - 2 * HOUR),
        new NotificationsRead("cy", 3, Instant.ofEpochMilli(NOW))), 10);
    assertThat(UnreadNotificationMail.peopleDue(n, Map.of("dee", 4L, "fay", 6L), NOW, p -> HOUR)).containsExactlyInAnyOrder("ada", "fay");
    assertThat(UnreadNotificationMail.peopleDue(n, Map.of("ada", 1L, "dee", 4L, "fay", 7L), NOW, p -> HOUR)).isEmpty();
    assertThat(UnreadNotificationMail.peopleDue(n, Map.of(), NOW, p -> 0)).containsExactlyInAnyOrder("ada", "ben", "dee", "fay");
    // each by their own delay: ada waits four hours, so her two-hour-old mention is not due yet
    assertThat(UnreadNotificationMail.peopleDue(n, Map.of("dee", 4L, "fay", 6L), NOW, p -> p.equals("ada") ? 4 * HOUR : HOUR))
        .containsExactlyInAnyOrder("fay");
  }
}
