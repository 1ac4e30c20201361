package no.deling.privacy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.RecordedEvent;

/**
 * Everything the log holds about one person, read from the log itself (the truth), not from the
 * read models: the facts they recorded (every event whose metadata names them as the actor) and
 * the facts about them (their {@code user-<id>} stream, written by logins and the directory, and
 * facts others recorded that name them as the person concerned: a group invitation, a removal, an
 * approved request).
 * Posts are assembled with every version of their text. The log is read in pages on the store's
 * reader threads; nothing here touches the event loop's time budget but the assembling.
 */
final class PersonalDataExport {
  private static final int PAGE = 5_000;

  private PersonalDataExport() {}

  /** The export document, less the current profile (the caller adds it from the read model). */
  static Future<JsonObject> of(EventStore store, String user) {
    Collected collected = new Collected(user);
    return scan(store, 0, collected).map(v -> collected.document());
  }

  private static Future<Void> scan(EventStore store, long after, Collected into) {
    return store.readAll(after, PAGE).compose(page -> {
      if (page.isEmpty()) return Future.succeededFuture();
      for (RecordedEvent e : page) into.offer(e);
      return scan(store, page.get(page.size() - 1).position(), into);
    });
  }

  /** What one scan has found so far. */
  private static final class Collected {
    private final String user;
    private final String ownStream;
    private final String actorMarker;
    private final Map<String, JsonObject> posts = new LinkedHashMap<>();
    private final JsonArray activity = new JsonArray();
    private final JsonArray aboutMe = new JsonArray();

    Collected(String user) {
      this.user = user;
      this.ownStream = "user-" + user;
      this.actorMarker = "\"actor\":\"" + user + "\"";
      this.subjectMarker = "\"userId\":\"" + user + "\"";
    }

    private final String subjectMarker;

    void offer(RecordedEvent e) {
      boolean mine = e.metadata() != null && e.metadata().length > 0
          && new String(e.metadata(), StandardCharsets.UTF_8).contains(actorMarker);
      // facts in others' streams whose subject is this person (an owner invited or removed them)
      boolean aboutThem = e.stream().equals(ownStream) || (!mine && new String(e.data(), StandardCharsets.UTF_8).contains(subjectMarker));
      if (!mine && e.type().startsWith("PostDeleted.")) {
        // a moderator removed one of my posts: part of my post's story, with their reason
        JsonObject d = new JsonObject(new String(e.data(), StandardCharsets.UTF_8));
        JsonObject p = posts.get(d.getString("postId"));
        if (p != null) p.put("deleted", true).put("deletedAt", d.getString("deletedAt")).put("removedBy", d.getString("removedBy"))
            .put("removalReason", d.getString("reason"));
        return;
      }
      if (!mine && !aboutThem) return;
      JsonObject details = new JsonObject(new String(e.data(), StandardCharsets.UTF_8));
      JsonObject fact = new JsonObject().put("kind", e.type().replaceFirst("\\.v\\d+$", "")).put("at", Instant.ofEpochMilli(e.created()).toString())
          .put("details", details);
      if (aboutThem) aboutMe.add(fact);
      else activity.add(fact);
      if (mine) post(e.type(), details);
    }

    /** Posts with every version of their text, so an export shows what was edited away too. */
    private void post(String type, JsonObject d) {
      String id = d.getString("postId");
      switch (type) {
        case "PostPublished.v1" -> posts.put(id, new JsonObject().put("id", id).put("createdAt", d.getString("publishedAt"))
            .put("inReplyTo", d.getString("inReplyTo")).put("versions", new JsonArray().add(
                new JsonObject().put("text", d.getString("text")).put("at", d.getString("publishedAt")))).put("deleted", false));
        case "PostEdited.v1" -> {
          JsonObject p = posts.get(id);
          if (p != null) p.getJsonArray("versions").add(new JsonObject().put("text", d.getString("text")).put("at", d.getString("editedAt")));
        }
        case "PostDeleted.v1", "PostDeleted.v2" -> {
          JsonObject p = posts.get(id);
          if (p != null) p.put("deleted", true).put("deletedAt", d.getString("deletedAt"));
        }
        default -> { }
      }
    }

    JsonObject document() {
      return new JsonObject().put("user", user).put("exportedAt", Instant.now().toString())
          .put("posts", new JsonArray(List.copyOf(posts.values())))
          .put("recordedAboutYou", aboutMe)
          .put("yourActivity", activity);
    }
  }
}
