package no.deling.push;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import no.deling.notifications.NotificationWords;

/**
 * What is due to be pushed to a person's devices, and the message itself: who did what, and where
 * to open it, as the email says it; never what a post said (the message shows on a locked phone's
 * screen). Pure: the caller gives the notifications as {@code GET /api/notifications} shows them
 * to the person, which the visibility rule has already filtered.
 */
public final class PushMessage {
  private PushMessage() {}

  /** Notifications older than this are not pushed: a server that was down, or a device added today, does not buzz with the past. */
  static final long FRESH_MS = 15 * 60_000L;
  /** One notification on a device at a time: a newer message replaces the one shown. */
  static final String TAG = "deling-notifications";
  /** Asked a question (or reminded of one still waiting), mentioned, replied to, invited: someone waits for this person. */
  private static final Set<String> URGENT = Set.of("question", "question.waiting", "mention", "reply", "group.invitation", "group.request");

  /**
   * @param message the JSON the device's service worker shows: {@code title}, {@code body}, {@code url}, {@code tag}, {@code count}
   * @param upTo the newest notification's id in it
   */
  public record Message(JsonObject message, long upTo, int count, boolean urgent) {}

  /**
   * The unread notifications of {@code items} (newest first) not yet pushed, from the last {@link
   * #FRESH_MS}; with {@code onlyWaiting}, only those where someone waits for the person.
   */
  public static List<JsonObject> due(JsonArray items, long pushedUpTo, long nowMillis, boolean onlyWaiting) {
    List<JsonObject> due = no.deling.notifications.NotificationJson.unreadAfter(items, pushedUpTo, at -> at > nowMillis - FRESH_MS);
    if (onlyWaiting) due.removeIf(n -> !waiting(n));
    return due;
  }


  /** Does someone wait for the person: asked them, mentioned them, replied to them, invited them, asked to join their group? */
  public static boolean waiting(JsonObject notification) {
    return URGENT.contains(notification.getString("kind"));
  }

  /**
   * The message about {@code due} (newest first, not empty), in {@code language} ("en" or "nb"). Its
   * link is a path: the service worker opens it on the origin the device subscribed at.
   */
  public static Message of(List<JsonObject> due, String language) {
    NotificationWords words = NotificationWords.of(language);
    JsonObject newest = due.get(0);
    long upTo = 0;
    boolean urgent = false;
    for (JsonObject n : due) {
      upTo = Math.max(upTo, Long.parseLong(n.getString("id")));
      urgent |= waiting(n);
    }
    String url = NotificationWords.link(newest, "");
    int more = due.size() - 1;
    String body = more == 0 ? "" : "nb".equals(language) ? "og %d %s til".formatted(more, more == 1 ? "varsel" : "varsler")
        : "and %d more %s".formatted(more, more == 1 ? "notification" : "notifications");
    JsonObject message = new JsonObject().put("title", words.line(newest)).put("body", body)
        .put("url", url != null ? url : "/#/notifications").put("tag", TAG).put("count", due.size());
    return new Message(message, upTo, due.size(), urgent);
  }
}
