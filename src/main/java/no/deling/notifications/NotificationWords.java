package no.deling.notifications;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * A notification in words, outside the app: "Bob and 2 more endorsed your post (in Sales)", and
 * where to open it. The web client's wording (i18n.js), so an email or a phone's notification
 * reads as the notification does in the app. Never what a post said: these words leave Deling.
 */
public record NotificationWords(String someone, String andOthers, String in, String fallback, Map<String, String> kinds) {
  /** The words for {@code language} ("nb", else English). */
  public static NotificationWords of(String language) {
    return "nb".equals(language) ? NB : EN;
  }

  /** "Bob and 2 more endorsed your post (in Sales)", from a notification as {@code GET /api/notifications} shows it. */
  public String line(JsonObject n) {
    JsonArray from = n.getJsonArray("from", new JsonArray());
    String who = from.isEmpty() ? someone : name(from.getJsonObject(0));
    int others = Math.max(n.getInteger("count", from.size()), from.size()) - 1;
    if (others > 0) who = andOthers.formatted(who, others);
    String what = kinds.getOrDefault(n.getString("kind"), fallback);
    JsonObject group = n.getJsonObject("group");
    String topic = n.getString("topic");
    return who + " " + what + (group == null ? "" : " " + in.formatted(group.getString("name"))) + (topic == null ? "" : " #" + topic);
  }

  /** Where the web client shows what a notification is about ({@code publicUrl} + its route), or null. */
  public static String link(JsonObject n, String publicUrl) {
    String post = n.getString("post");
    String topic = n.getString("topic");
    if (post == null) return topic == null ? null : publicUrl + "/#/topic/" + java.net.URLEncoder.encode(topic, java.nio.charset.StandardCharsets.UTF_8);
    String kind = n.getString("kind");
    if ("question".equals(kind) || "question.waiting".equals(kind)) return publicUrl + "/#/question/" + post;
    if ("post.reported".equals(kind)) return publicUrl + "/#/moderation";
    return publicUrl + "/#/post/" + post;
  }

  private static String name(JsonObject person) {
    String name = person.getString("name");
    return name == null || name.isBlank() ? person.getString("id") : name;
  }

  static final NotificationWords EN = new NotificationWords("Someone", "%s and %d more", "(in %s)", "has news for you", Map.ofEntries(
      Map.entry("mention", "mentioned you"), Map.entry("reply", "replied to you"), Map.entry("endorsement", "endorsed your post"),
      Map.entry("share", "shared your post"), Map.entry("follow", "followed you"), Map.entry("group.invitation", "invited you to a group"),
      Map.entry("group.request", "asked to join your group"), Map.entry("group.approved", "approved your request"),
      Map.entry("group.ownership", "left you in charge of a group (its owners have left)"),
      Map.entry("topic.owner", "made you an owner of"), Map.entry("topic.offer", "offered to look after"), Map.entry("topic.offer.declined", "declined your offer to look after"), Map.entry("question.waiting", "has a question in your topic that is still unanswered"), Map.entry("poll.closed", "has a poll that ended"),
      Map.entry("question", "asks you a question"), Map.entry("answer.accepted", "accepted your answer"),
      Map.entry("idea.status", "set the status of your idea"), Map.entry("idea.rising", "has an idea from your department that five colleagues endorsed"), Map.entry("thread.reply", "replied in a conversation you are in"),
      Map.entry("post.reported", "wrote a post that was reported"), Map.entry("post.removed", "removed your post"),
      Map.entry("report.removed", "removed a post you reported"), Map.entry("report.kept", "reviewed a post you reported and kept it"),
      Map.entry("report.deleted", "deleted a post you reported")));

  static final NotificationWords NB = new NotificationWords("Noen", "%s og %d til", "(i %s)", "har nytt til deg", Map.ofEntries(
      Map.entry("mention", "nevnte deg"), Map.entry("reply", "svarte deg"), Map.entry("endorsement", "anbefalte innlegget ditt"),
      Map.entry("share", "delte innlegget ditt"), Map.entry("follow", "følger deg"), Map.entry("group.invitation", "inviterte deg til en gruppe"),
      Map.entry("group.request", "ba om å bli med i gruppen din"), Map.entry("group.approved", "godkjente forespørselen din"),
      Map.entry("group.ownership", "overlot gruppen til deg (eierne har sluttet)"),
      Map.entry("topic.owner", "gjorde deg ansvarlig for"), Map.entry("topic.offer", "tilbød seg å ta ansvar for"), Map.entry("topic.offer.declined", "takket nei til tilbudet ditt om å ta ansvar for"), Map.entry("question.waiting", "har et spørsmål i emnet ditt som fortsatt er ubesvart"), Map.entry("poll.closed", "har en avstemning som er avsluttet"),
      Map.entry("question", "stiller deg et spørsmål"), Map.entry("answer.accepted", "godtok svaret ditt"),
      Map.entry("idea.status", "satte status på idéen din"), Map.entry("idea.rising", "har en idé fra avdelingen din som fem kolleger har anbefalt"), Map.entry("thread.reply", "svarte i en samtale du er med i"),
      Map.entry("post.reported", "skrev et innlegg som er rapportert"), Map.entry("post.removed", "fjernet innlegget ditt"),
      Map.entry("report.removed", "fjernet et innlegg du rapporterte"), Map.entry("report.kept", "gikk gjennom et innlegg du rapporterte og beholdt det"),
      Map.entry("report.deleted", "slettet et innlegg du rapporterte")));
}
