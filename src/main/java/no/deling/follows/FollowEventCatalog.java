package no.deling.follows;

import static no.deling.core.json.Tokens.id;
import static no.deling.core.json.Tokens.instant;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import no.deling.core.collections.Interner;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;
import no.deling.core.events.FastEventReader;
import no.deling.follows.FollowEvent.TopicFollowed;
import no.deling.follows.FollowEvent.TopicUnfollowed;
import no.deling.follows.FollowEvent.UserFollowed;
import no.deling.follows.FollowEvent.UserUnfollowed;

/** Follows' stored event names and their fast reader. */
public final class FollowEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("UserFollowed.v1", UserFollowed.class, "UserUnfollowed.v1", UserUnfollowed.class,
        "TopicFollowed.v1", TopicFollowed.class, "TopicUnfollowed.v1", TopicUnfollowed.class,
        "GroupMuted.v1", FollowEvent.GroupMuted.class, "GroupUnmuted.v1", FollowEvent.GroupUnmuted.class);
  }

  @Override
  public Map<Class<? extends DomainEvent>, FastEventReader> fastReaders() {
    return Map.of(UserFollowed.class, (p, i) -> read(UserFollowed.class, p, i), UserUnfollowed.class, (p, i) -> read(UserUnfollowed.class, p, i),
        TopicFollowed.class, (p, i) -> read(TopicFollowed.class, p, i), TopicUnfollowed.class, (p, i) -> read(TopicUnfollowed.class, p, i));
  }

  private static DomainEvent read(Class<?> type, JsonParser p, Interner interner) throws IOException {
    boolean ofTopic = type == TopicFollowed.class || type == TopicUnfollowed.class;
    String follower = null;
    String followed = null;
    Instant at = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "follower" -> follower = id(value, p, interner);
        case "followee" -> {
          if (ofTopic) p.skipChildren(); else followed = id(value, p, interner);
        }
        case "tag" -> {
          if (ofTopic) followed = id(value, p, interner); else p.skipChildren();
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
}
