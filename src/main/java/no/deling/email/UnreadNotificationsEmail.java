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

  /** @param html the same email for mail programs that show HTML: the same words, each line a link */
  public record Email(String subject, String text, String html, long upTo, int count) {}

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
    String profile = publicUrl + "/#/user/" + java.net.URLEncoder.encode(userId, java.nio.charset.StandardCharsets.UTF_8);
    String all = publicUrl + "/#/notifications";
    StringBuilder text = new StringBuilder(words.greeting.formatted(name)).append("\n\n");
    StringBuilder html = new StringBuilder();
    for (String paragraph : words.greeting.formatted(name).split("\n\n")) html.append("<p>").append(escape(paragraph)).append("</p>");
    html.append("<ul style=\"padding-left:20px\">");
    for (int i = 0; i < due.size(); i++) {
      JsonObject n = due.get(i);
      upTo = Math.max(upTo, Long.parseLong(n.getString("id")));
      if (i >= MAX_LISTED) continue;
      String line = words.notifications().line(n);
      String link = NotificationWords.link(n, publicUrl);
      text.append("- ").append(line).append('\n');
      if (link != null) text.append("  ").append(link).append('\n');
      html.append("<li style=\"margin:8px 0\">").append(link == null ? escape(line) : anchor(link, line)).append("</li>");
    }
    if (due.size() > MAX_LISTED) {
      text.append("- ").append(words.more.formatted(due.size() - MAX_LISTED)).append('\n');
      html.append("<li style=\"margin:8px 0\">").append(escape(words.more.formatted(due.size() - MAX_LISTED))).append("</li>");
    }
    html.append("</ul>");
    text.append('\n').append(words.all).append(' ').append(all).append("\n\n").append(words.footer.formatted(profile));
    html.append("<p>").append(anchor(all, words.all.replaceAll(":$", ""))).append("</p>")
        .append("<p style=\"color:#4f5964;font-size:13px\">").append(escape(words.footer).formatted(anchor(profile, profile))).append("</p>");
    String subject = due.size() == 1 ? words.subjectOne.formatted(words.notifications().line(due.get(0))) : words.subjectMany.formatted(due.size());
    return new Email(subject, text.toString(), page(subject, "nb".equals(language) ? "nb" : "en", html.toString()), upTo, due.size());
  }

  /**
   * One narrow card, styled inline (mail programs drop style sheets), in the web client's colours.
   * No images and nothing remote: an email that fetches something tells its sender when it was read.
   */
  private static String page(String subject, String language, String content) {
    return "<!DOCTYPE html><html lang=\"" + language + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
        + "<title>" + escape(subject) + "</title></head><body style=\"margin:0;padding:24px 12px;background:#f6f8fa;color:#1b1f24;"
        + "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5\">"
        + "<div style=\"max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #d5dbe1;border-radius:8px;padding:16px 20px\">"
        + content + "</div></body></html>";
  }

  private static String anchor(String href, String words) {
    return "<a href=\"" + escape(href).replace("\"", "&quot;") + "\" style=\"color:#0b5cad\">" + escape(words) + "</a>";
  }

  /** Text as HTML shows it: names come from the directory, and a name is never markup. */
  private static String escape(String s) {
    return org.jsoup.nodes.Entities.escape(s);
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
