package no.deling.email;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    List<JsonObject> due = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonObject n = items.getJsonObject(i);
      long id = Long.parseLong(n.getString("id"));
      long at = Instant.parse(n.getString("createdAt")).toEpochMilli();
      if (!n.getBoolean("read", false) && id > emailedUpTo && at <= nowMillis - afterMs && at > nowMillis - afterMs - STALE_MS) due.add(n);
    }
    return due;
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
      text.append("- ").append(line(n, words)).append('\n');
      String link = link(n, publicUrl);
      if (link != null) text.append("  ").append(link).append('\n');
    }
    if (due.size() > MAX_LISTED) text.append("- ").append(words.more.formatted(due.size() - MAX_LISTED)).append('\n');
    text.append('\n').append(words.all).append(' ').append(publicUrl).append("/#/notifications\n\n").append(words.footer.formatted(
        publicUrl + "/#/user/" + java.net.URLEncoder.encode(userId, java.nio.charset.StandardCharsets.UTF_8)));
    String subject = due.size() == 1 ? words.subjectOne.formatted(line(due.get(0), words)) : words.subjectMany.formatted(due.size());
    return new Email(subject, text.toString(), upTo, due.size());
  }

  /** "Bob and 2 others endorsed your post (in Sales)". */
  static String line(JsonObject n, Words words) {
    JsonArray from = n.getJsonArray("from", new JsonArray());
    String who = from.isEmpty() ? words.someone : name(from.getJsonObject(0));
    int others = Math.max(n.getInteger("count", from.size()), from.size()) - 1;
    if (others > 0) who = words.andOthers.formatted(who, others);
    String what = words.kinds.getOrDefault(n.getString("kind"), words.fallback);
    JsonObject group = n.getJsonObject("group");
    return who + " " + what + (group == null ? "" : " " + words.in.formatted(group.getString("name")));
  }

  private static String name(JsonObject person) {
    String name = person.getString("name");
    return name == null || name.isBlank() ? person.getString("id") : name;
  }

  private static String link(JsonObject n, String publicUrl) {
    String post = n.getString("post");
    if (post == null) return null;
    String kind = n.getString("kind");
    if ("question".equals(kind)) return publicUrl + "/#/question/" + post;
    if ("post.reported".equals(kind)) return publicUrl + "/#/moderation";
    return publicUrl + "/#/post/" + post;
  }

  record Words(String greeting, String subjectOne, String subjectMany, String someone, String andOthers, String in, String more, String all,
      String footer, String fallback, Map<String, String> kinds) {}

  // the web client's wording (i18n.js), so an email reads as the notification does in the app
  static final Words EN = new Words("Hello %s,\n\nwhile you were away on Deling:", "%s", "%d notifications you have not read on Deling",
      "Someone", "%s and %d more", "(in %s)", "and %d more", "All your notifications:",
      "You get this email because these notifications were still unread after a while. Turn it off on your profile: %s",
      "has news for you", Map.ofEntries(
          Map.entry("mention", "mentioned you"), Map.entry("reply", "replied to you"), Map.entry("endorsement", "endorsed your post"),
          Map.entry("share", "shared your post"), Map.entry("follow", "followed you"), Map.entry("group.invitation", "invited you to a group"),
          Map.entry("group.request", "asked to join your group"), Map.entry("group.approved", "approved your request"),
          Map.entry("group.ownership", "left you in charge of a group (its owners have left)"), Map.entry("poll.closed", "has a poll that ended"),
          Map.entry("question", "asks you a question"), Map.entry("answer.accepted", "accepted your answer"),
          Map.entry("idea.status", "set the status of your idea"), Map.entry("thread.reply", "replied in a conversation you are in"),
          Map.entry("post.reported", "wrote a post in your group that was reported"), Map.entry("post.removed", "removed your post"),
          Map.entry("report.removed", "removed a post you reported"), Map.entry("report.kept", "reviewed a post you reported and kept it"),
          Map.entry("report.deleted", "deleted a post you reported")));

  static final Words NB = new Words("Hei %s,\n\nmens du var borte fra Deling:", "%s", "%d varsler du ikke har lest på Deling",
      "Noen", "%s og %d til", "(i %s)", "og %d til", "Alle varslene dine:",
      "Du får denne e-posten fordi varslene fortsatt var uleste etter en stund. Slå den av på profilen din: %s",
      "har nytt til deg", Map.ofEntries(
          Map.entry("mention", "nevnte deg"), Map.entry("reply", "svarte deg"), Map.entry("endorsement", "anbefalte innlegget ditt"),
          Map.entry("share", "delte innlegget ditt"), Map.entry("follow", "følger deg"), Map.entry("group.invitation", "inviterte deg til en gruppe"),
          Map.entry("group.request", "ba om å bli med i gruppen din"), Map.entry("group.approved", "godkjente forespørselen din"),
          Map.entry("group.ownership", "overlot gruppen til deg (eierne har sluttet)"), Map.entry("poll.closed", "har en avstemning som er avsluttet"),
          Map.entry("question", "stiller deg et spørsmål"), Map.entry("answer.accepted", "godtok svaret ditt"),
          Map.entry("idea.status", "satte status på idéen din"), Map.entry("thread.reply", "svarte i en samtale du er med i"),
          Map.entry("post.reported", "skrev et innlegg i gruppen din som er rapportert"), Map.entry("post.removed", "fjernet innlegget ditt"),
          Map.entry("report.removed", "fjernet et innlegg du rapporterte"), Map.entry("report.kept", "gikk gjennom et innlegg du rapporterte og beholdt det"),
          Map.entry("report.deleted", "slettet et innlegg du rapporterte")));
}
