package no.deling.posts;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import no.deling.core.ids.PostIds;
import no.deling.readmodel.ReadModel;
import no.deling.users.Profiles.Profile;
import no.deling.users.UserJson;

/** The one place where a post becomes what clients see. Call under the read model's read lock. */
public final class PostJson {
  private PostJson() {}

  /** For live streams, rendered once for every reader: no viewer-specific fields. */
  public static JsonObject forStream(PostView p, ReadModel model) {
    JsonObject o = of(p, null, model);
    o.remove("endorsedByMe");
    return o;
  }

  public static JsonObject of(PostView p, String viewer, ReadModel model) {
    JsonObject o = new JsonObject()
        .put("id", PostIds.format(p.id))
        .put("author", UserJson.summary(p.author, model.profiles))
        .put("text", p.text)
        .put("inReplyTo", p.inReplyTo == 0 ? null : PostIds.format(p.inReplyTo))
        .put("threadRoot", PostIds.format(p.threadRoot))
        .put("hashtags", new JsonArray(java.util.List.of(p.hashtags)))
        .put("mentions", new JsonArray(java.util.List.of(p.mentions)))
        .put("links", new JsonArray(java.util.List.of(p.links)))
        .put("createdAt", Instant.ofEpochMilli(p.publishedAt).toString())
        .put("editedAt", p.editedAt == 0 ? null : Instant.ofEpochMilli(p.editedAt).toString())
        .put("deleted", p.deleted)
        .put("replies", p.replies)
        .put("endorsements", model.endorsements.count(p.id))
        .put("endorsedByMe", viewer != null && model.endorsements.endorsedBy(p.id, viewer))
        .put("position", p.position);
    return o;
  }

  /** The fields of {@link #of} up to {@code deleted}: the ones only an edit, a delete or a profile change alter. */
  static void writeStableFields(JsonGenerator g, PostView p, ReadModel model) throws java.io.IOException {
    g.writeStringField("id", PostIds.format(p.id));
    g.writeObjectFieldStart("author");
    Profile author = model.profiles.get(p.author);
    g.writeStringField("id", p.author);
    g.writeStringField("name", author == null ? p.author : author.displayName());
    if (author != null && author.department() != null) g.writeStringField("department", author.department());
    g.writeEndObject();
    g.writeStringField("text", p.text);
    if (p.inReplyTo == 0) g.writeNullField("inReplyTo");
    else g.writeStringField("inReplyTo", PostIds.format(p.inReplyTo));
    g.writeStringField("threadRoot", PostIds.format(p.threadRoot));
    writeStrings(g, "hashtags", p.hashtags);
    writeStrings(g, "mentions", p.mentions);
    writeStrings(g, "links", p.links);
    g.writeStringField("createdAt", Instant.ofEpochMilli(p.publishedAt).toString());
    if (p.editedAt == 0) g.writeNullField("editedAt");
    else g.writeStringField("editedAt", Instant.ofEpochMilli(p.editedAt).toString());
    g.writeBooleanField("deleted", p.deleted);
  }

  private static void writeStrings(JsonGenerator g, String field, String[] values) throws java.io.IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) g.writeString(v);
    g.writeEndArray();
  }
}
