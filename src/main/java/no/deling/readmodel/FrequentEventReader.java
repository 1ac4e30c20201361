package no.deling.readmodel;

import no.deling.core.collections.Interner;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.deling.core.events.DomainEvent;
import no.deling.core.json.Json;
import no.deling.endorsements.EndorsementEvent.EndorsementWithdrawn;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.follows.FollowEvent.TopicFollowed;
import no.deling.follows.FollowEvent.TopicUnfollowed;
import no.deling.follows.FollowEvent.UserFollowed;
import no.deling.follows.FollowEvent.UserUnfollowed;
import no.deling.posts.PostEvent.PostPublished;

/**
 * Reads the event types that make up nearly all of a log (posts, endorsements, follows) straight
 * from the token stream, interning user ids and tags from the parser's buffer as it goes.
 *
 * <p>Why not Jackson databind, which reads every other type: records go through its
 * property-buffering creator path, which was about half of a rebuild's projection thread, and
 * every id became a fresh String only to be swapped for its interned twin a moment later.
 *
 * <p>It must read exactly what databind reads. It does for the shapes our writers produce, plus
 * unknown fields, missing fields and nulls; for anything else (a number where a string belongs,
 * say) it throws {@link Unusual} and the caller decodes that batch through databind, which then
 * decides. {@code FrequentEventReaderTest} holds the two readers to the same answers.
 */
final class FrequentEventReader {
  /** A body this reader does not read the way databind would; decode it through databind. */
  static final class Unusual extends IOException {
    Unusual(JsonParser p) {
      super("unusual token " + p.currentToken() + " at " + p.currentLocation());
    }
  }

  private final Interner interner;

  FrequentEventReader(Interner interner) {
    this.interner = interner;
  }

  /**
   * Reads the body starting at the parser's START_OBJECT and leaves the parser on its END_OBJECT.
   *
   * @return null, having consumed nothing, when {@code type} is not one this reader handles
   */
  DomainEvent read(Class<? extends DomainEvent> type, JsonParser p) throws IOException {
    if (type == PostPublished.class) return postPublished(p);
    if (type == PostEndorsed.class || type == EndorsementWithdrawn.class) return endorsement(type, p);
    if (type == UserFollowed.class || type == UserUnfollowed.class || type == TopicFollowed.class || type == TopicUnfollowed.class) {
      return follow(type, p);
    }
    return null;
  }

  private PostPublished postPublished(JsonParser p) throws IOException {
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
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "postId" -> postId = string(value, p);
        case "author" -> author = id(value, p);
        case "text" -> text = string(value, p);
        case "inReplyTo" -> inReplyTo = string(value, p);
        case "threadRoot" -> threadRoot = string(value, p);
        case "hashtags" -> hashtags = ids(value, p);
        case "mentions" -> mentions = ids(value, p);
        case "links" -> links = strings(value, p);
        case "publishedAt" -> publishedAt = instant(value, p);
        case "group" -> group = id(value, p);
        default -> p.skipChildren();
      }
    }
    return new PostPublished(postId, author, text, inReplyTo, threadRoot, hashtags, mentions, links, publishedAt, group);
  }

  private DomainEvent endorsement(Class<?> type, JsonParser p) throws IOException {
    String postId = null;
    String postAuthor = null;
    String endorser = null;
    Instant at = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "postId" -> postId = string(value, p);
        case "postAuthor" -> postAuthor = id(value, p);
        case "endorser" -> endorser = id(value, p);
        case "at" -> at = instant(value, p);
        default -> p.skipChildren();
      }
    }
    return type == PostEndorsed.class
        ? new PostEndorsed(postId, postAuthor, endorser, at)
        : new EndorsementWithdrawn(postId, postAuthor, endorser, at);
  }

  private DomainEvent follow(Class<?> type, JsonParser p) throws IOException {
    boolean ofTopic = type == TopicFollowed.class || type == TopicUnfollowed.class;
    String follower = null;
    String followed = null;
    Instant at = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "follower" -> follower = id(value, p);
        case "followee" -> {
          if (ofTopic) p.skipChildren(); else followed = id(value, p);
        }
        case "tag" -> {
          if (ofTopic) followed = id(value, p); else p.skipChildren();
        }
        case "at" -> at = instant(value, p);
        default -> p.skipChildren();
      }
    }
    if (type == UserFollowed.class) return new UserFollowed(follower, followed, at);
    if (type == UserUnfollowed.class) return new UserUnfollowed(follower, followed, at);
    if (type == TopicFollowed.class) return new TopicFollowed(follower, followed, at);
    return new TopicUnfollowed(follower, followed, at);
  }

  private static String string(JsonToken value, JsonParser p) throws IOException {
    if (value == JsonToken.VALUE_STRING) return p.getText();
    if (value == JsonToken.VALUE_NULL) return null;
    throw new Unusual(p);
  }

  /** A user id or tag: interned without allocating when it has been seen before. */
  private String id(JsonToken value, JsonParser p) throws IOException {
    if (value == JsonToken.VALUE_STRING) return interner.intern(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    if (value == JsonToken.VALUE_NULL) return null;
    throw new Unusual(p);
  }

  private List<String> ids(JsonToken value, JsonParser p) throws IOException {
    if (value == JsonToken.VALUE_NULL) return null;
    if (value != JsonToken.START_ARRAY) throw new Unusual(p);
    List<String> out = new ArrayList<>(4);
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) out.add(id(t, p));
    return out;
  }

  private static List<String> strings(JsonToken value, JsonParser p) throws IOException {
    if (value == JsonToken.VALUE_NULL) return null;
    if (value != JsonToken.START_ARRAY) throw new Unusual(p);
    List<String> out = new ArrayList<>(2);
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) out.add(string(t, p));
    return out;
  }

  private static Instant instant(JsonToken value, JsonParser p) throws IOException {
    if (value == JsonToken.VALUE_STRING) return Json.instant(p.getText());
    if (value == JsonToken.VALUE_NULL) return null;
    throw new Unusual(p);
  }
}
