package no.deling.posts;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import no.deling.core.http.BufferSink;
import no.deling.core.ids.PostIds;
import no.deling.users.Person;

/** The one place where a post becomes what clients see. Call under the read model's read lock. */
public final class PostJson {
  private PostJson() {}

  /**
   * For live streams, rendered once for every reader: no viewer-specific fields. Written straight
   * to text (every applied post is rendered, also while the newest part of the log is replayed at
   * start-up, so a parse-and-re-encode round trip here was a large part of a rebuild).
   */
  public static String forStream(PostView p, PostContext model) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(512);
    model.json().writeForEveryone(out, p, model);
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The same, marked as shared by {@code sharer}. */
  public static String forStream(PostView p, PostContext model, String sharer) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(512);
    model.json().writeForEveryone(out, p, model, sharer);
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * The post as a JSON object. Written by {@link PostJsonCache} — the one encoder for posts, shared
   * with timeline pages and 201 bodies — so every endpoint renders a post identically.
   */
  public static JsonObject of(PostView p, String viewer, PostContext model) {
    Buffer out = Buffer.buffer(1_024);
    model.json().write(new BufferSink(out), p, viewer, model);
    return new JsonObject(out);
  }

  /** The fields of a post up to {@code deleted}: the ones only an edit, a delete or a profile change alter. */
  static void writeStableFields(JsonGenerator g, PostView p, PostContext model) throws java.io.IOException {
    g.writeStringField("id", PostIds.format(p.id));
    g.writeObjectFieldStart("author");
    Person author = model.person(p.author);
    g.writeStringField("id", p.author);
    g.writeStringField("name", author == null ? p.author : author.name());
    if (author != null && author.department() != null) g.writeStringField("department", author.department());
    if (author != null && author.photo() != null) g.writeStringField("photo", no.deling.users.UserJson.photoUrl(author.photo()));
    if (author != null && !author.active()) g.writeBooleanField("former", true); // a former colleague keeps their posts
    if (no.deling.integrations.Integrations.isApp(p.author)) g.writeBooleanField("app", true); // a tool posting for a group, not a person
    g.writeEndObject();
    g.writeFieldName("text");
    byte[] text = p.textUtf8;
    if (text == null) g.writeNull();
    else g.writeUTF8String(text, p.textFrom, p.textLength); // escaped as writeString would, without decoding first
    if (p.inReplyTo == 0) g.writeNullField("inReplyTo");
    else g.writeStringField("inReplyTo", PostIds.format(p.inReplyTo));
    g.writeStringField("threadRoot", PostIds.format(p.threadRoot));
    if (p.group == null) g.writeNullField("group");
    else g.writeStringField("group", p.group);
    g.writeStringField("kind", p.kind == null ? "post" : p.kind);
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
