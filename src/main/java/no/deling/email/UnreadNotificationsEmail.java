package no.deling.email;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import no.deling.notifications.NotificationWords;

/**
 * What is due to be emailed to a person, and the email itself: who did what, and where to open it
 * (never what a post said; see {@link EmailEvent}). Pure: the caller gives the notifications as
 * {@code GET /api/notifications} shows them to the person, which the visibility rule has already
 * filtered.
 */
public final class UnreadNotificationsEmail {
  private UnreadNotificationsEmail() {}

  /** Notifications older than this past the delay are never emailed: turning email on for an organisation does not send its backlog. */
  static final long STALE_MS = 24 * 3_600_000L;
  /** The most notifications listed in one email; the rest are behind the link. */
  static final int MAX_LISTED = 20;

  public record Email(String subject, String text, long upTo, int count) {}

  /**
   * The unread notifications of {@code items} (newest first) not yet emailed that have waited
   * {@code afterMs} unread, but not a day longer.
   */
  public static List<JsonObject> due(JsonArray items, long emailedUpTo, long nowMillis, long afterMs) {
    return no.deling.notifications.NotificationJson.unreadAfter(items, emailedUpTo, at -> at <= nowMillis - afterMs && at > nowMillis - afterMs - STALE_MS);
  }


  /** The email listing {@code due} (newest first, not empty) to {@code userId}, called {@code name}, in {@code language} ("en" or "nb"). */
  public static Email of(String userId, String name, List<JsonObject> due, String publicUrl, String language) {
    Words words = "nb".equals(language) ? NB : EN;
    long upTo = 0;
    StringBuilder text = new StringBuilder(words.greeting.formatted(name)).append("\n\n");
    for (int i = 0; i < due.size(); i++) {
      JsonObject n = due.get(i);
      upTo = Math.max(upTo, Long.parseLong(n.getString("id")));
      if (i >= MAX_LISTED) continue;
      text.append("- ").append(words.notifications().line(n)).append('\n');
      String link = NotificationWords.link(n, publicUrl);
      if (link != null) text.append("  ").append(link).append('\n');
    }
    if (due.size() > MAX_LISTED) text.append("- ").append(words.more.formatted(due.size() - MAX_LISTED)).append('\n');
    text.append('\n').append(words.all).append(' ').append(publicUrl).append("/#/notifications\n\n").append(words.footer.formatted(
        publicUrl + "/#/user/" + java.net.URLEncoder.encode(userId, java.nio.charset.StandardCharsets.UTF_8)));
    String subject = due.size() == 1 ? words.subjectOne.formatted(words.notifications().line(due.get(0))) : words.subjectMany.formatted(due.size());
    return new Email(subject, text.toString(), upTo, due.size());
  }

  record Words(String greeting, String subjectOne, String subjectMany, String more, String all, String footer, NotificationWords notifications) {}

  static final Words EN = new Words("Hello %s,\n\nwhile you were away on Deling:", "%s", "%d notifications you have not read on Deling",
      "and %d more", "All your notifications:",
      "You get this email because these notifications were still unread after a while. Turn it off on your profile: %s",
      NotificationWords.of("en"));

  static final Words NB = new Words("Hei %s,\n\nmens du var borte fra Deling:", "%s", "%d varsler du ikke har lest på Deling",
      "og %d til", "Alle varslene dine:",
      "Du får denne e-posten fordi varslene fortsatt var uleste etter en stund. Slå den av på profilen din: %s",
      NotificationWords.of("nb"));
}
