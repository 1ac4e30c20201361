package no.deling.posts;

import static no.deling.core.json.Tokens.id;
import static no.deling.core.json.Tokens.ids;
import static no.deling.core.json.Tokens.instant;
import static no.deling.core.json.Tokens.string;
import static no.deling.core.json.Tokens.strings;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.deling.core.collections.Interner;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;
import no.deling.core.events.FastEventReader;
import no.deling.posts.PostEvent.PostDeleted;
import no.deling.posts.PostEvent.PostEdited;
import no.deling.posts.PostEvent.PostPublished;

/** Posts' stored event names, and a fast reader for {@code PostPublished}, most of any log. */
public final class PostEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("PostPublished.v1", PostPublished.class, "PostEdited.v1", PostEdited.class, "PostDeleted.v2", PostDeleted.class);
  }

  /** v1 knew only deletions by the author; v2 adds a moderator's removal. A v1 body reads as the v2 it would have been. */
  @Override
  public Map<String, Class<? extends DomainEvent>> formerTypes() {
    return Map.of("PostDeleted.v1", PostDeleted.class);
  }

  @Override
  public Map<Class<? extends DomainEvent>, FastEventReader> fastReaders() {
    return Map.of(PostPublished.class, PostEventCatalog::postPublished);
  }

  private static PostPublished postPublished(JsonParser p, Interner interner) throws IOException {
    String postId = null;
    String author = null;
    String text = null;
    String inReplyTo = null;
    String threadRoot = null;
    List<String> hashtags = null;
    List<String> mentions = null;
    List<String> links = null;
    Instant publishedAt = null;
    String group = null;
    String kind = null;
    PostEvent.Poll poll = null;
    List<String> attachments = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "postId" -> postId = string(value, p);
        case "author" -> author = id(value, p, interner);
        case "text" -> text = string(value, p);
        case "inReplyTo" -> inReplyTo = string(value, p);
        case "threadRoot" -> threadRoot = string(value, p);
        case "hashtags" -> hashtags = ids(value, p, interner);
        case "mentions" -> mentions = ids(value, p, interner);
        case "links" -> links = strings(value, p);
        case "publishedAt" -> publishedAt = instant(value, p);
        case "group" -> group = id(value, p, interner);
        case "kind" -> kind = id(value, p, interner);
        case "poll" -> poll = poll(value, p);
        case "attachments" -> attachments = strings(value, p);
        default -> p.skipChildren();
      }
    }
    return new PostPublished(postId, author, text, inReplyTo, threadRoot, hashtags, mentions, links, publishedAt, group, kind, poll, attachments);
  }

  private static PostEvent.Poll poll(JsonToken value, JsonParser p) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    List<String> options = null;
    Instant closesAt = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      switch (field) {
        case "options" -> options = strings(v, p);
        case "closesAt" -> closesAt = instant(v, p);
        default -> p.skipChildren();
      }
    }
    return new PostEvent.Poll(options, closesAt);
  }
}
