package no.deling.core.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.deling.core.json.Json;
import no.deling.endorsements.EndorsementEvent;
import no.deling.follows.FollowEvent;
import no.deling.posts.PostEvent;
import no.deling.users.UserEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one registry of stored event type names. Names are stable and versioned
 * ({@code PostPublished.v1}); Java class names never reach the log, so packages can move freely.
 * Every name here has a JSON Schema at {@code schema/events/<name>.json}.
 */
public final class EventTypes {
  private static final Logger LOG = LoggerFactory.getLogger(EventTypes.class);

  private static final Map<String, Class<? extends DomainEvent>> BY_NAME = new LinkedHashMap<>();
  private static final Map<Class<?>, String> BY_CLASS = new LinkedHashMap<>();
  /** Readers and writers bound once per type: the mapper's per-call type lookup showed up when replaying the log. */
  private static final Map<String, com.fasterxml.jackson.databind.ObjectReader> READERS = new java.util.HashMap<>();
  private static final Map<Class<?>, com.fasterxml.jackson.databind.ObjectWriter> WRITERS = new java.util.HashMap<>();
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  static {
    register("UserProfileRecorded.v1", UserEvent.ProfileRecorded.class);
    register("PersonProvisioned.v1", UserEvent.PersonProvisioned.class);
    register("PersonUpdated.v1", UserEvent.PersonUpdated.class);
    register("PersonDeactivated.v1", UserEvent.PersonDeactivated.class);
    register("PersonReactivated.v1", UserEvent.PersonReactivated.class);
    register("PersonDeprovisioned.v1", UserEvent.PersonDeprovisioned.class);
    register("PostPublished.v1", PostEvent.PostPublished.class);
    register("PostEdited.v1", PostEvent.PostEdited.class);
    register("PostDeleted.v1", PostEvent.PostDeleted.class);
    register("UserFollowed.v1", FollowEvent.UserFollowed.class);
    register("UserUnfollowed.v1", FollowEvent.UserUnfollowed.class);
    register("TopicFollowed.v1", FollowEvent.TopicFollowed.class);
    register("TopicUnfollowed.v1", FollowEvent.TopicUnfollowed.class);
    register("AnnouncementPublished.v1", no.deling.announcements.AnnouncementEvent.AnnouncementPublished.class);
    register("AnnouncementWithdrawn.v1", no.deling.announcements.AnnouncementEvent.AnnouncementWithdrawn.class);
    register("AnnouncementAcknowledged.v1", no.deling.announcements.AnnouncementEvent.AnnouncementAcknowledged.class);
    register("PostEndorsed.v1", EndorsementEvent.PostEndorsed.class);
    register("EndorsementWithdrawn.v1", EndorsementEvent.EndorsementWithdrawn.class);
    register("GroupCreated.v1", no.deling.groups.GroupEvent.GroupCreated.class);
    register("GroupMemberInvited.v1", no.deling.groups.GroupEvent.GroupMemberInvited.class);
    register("GroupJoinRequested.v1", no.deling.groups.GroupEvent.GroupJoinRequested.class);
    register("GroupMemberJoined.v1", no.deling.groups.GroupEvent.GroupMemberJoined.class);
    register("GroupMemberRemoved.v1", no.deling.groups.GroupEvent.GroupMemberRemoved.class);
    register("GroupOwnerChanged.v1", no.deling.groups.GroupEvent.GroupOwnerChanged.class);
    register("GroupArchived.v1", no.deling.groups.GroupEvent.GroupArchived.class);
    register("PostShared.v1", no.deling.shares.ShareEvent.PostShared.class);
    register("ShareWithdrawn.v1", no.deling.shares.ShareEvent.ShareWithdrawn.class);
    register("NotificationsRead.v1", no.deling.notifications.NotificationEvent.NotificationsRead.class);
  }

  private EventTypes() {}

  private static void register(String name, Class<? extends DomainEvent> type) {
    BY_NAME.put(name, type);
    BY_CLASS.put(type, name);
    READERS.put(name, Json.MAPPER.readerFor(type));
    WRITERS.put(type, Json.MAPPER.writerFor(type));
  }

  public static Set<String> names() {
    return BY_NAME.keySet();
  }

  /** The event class stored under {@code name}, or null for a type this version does not know. */
  public static Class<? extends DomainEvent> classOf(String name) {
    return BY_NAME.get(name);
  }

  public static String nameOf(DomainEvent event) {
    String name = BY_CLASS.get(event.getClass());
    if (name == null) throw new IllegalStateException("unregistered event class " + event.getClass());
    return name;
  }

  public static byte[] encode(DomainEvent event) {
    try {
      var writer = WRITERS.get(event.getClass());
      return writer != null ? writer.writeValueAsBytes(event) : Json.MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Decodes a stored event, or returns null for a type this version does not know (written by a
   * newer server, or not ours); readers skip those on purpose and we log each such type once.
   */
  public static DomainEvent decode(String type, byte[] data) {
    com.fasterxml.jackson.databind.ObjectReader reader = reader(type);
    if (reader == null) return null;
    try {
      return reader.readValue(data);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt " + type + " event", e);
    }
  }

  /**
   * Decodes the event whose body starts at the parser's current token (a START_OBJECT), leaving
   * the parser on its END_OBJECT; null for an unknown type, whose body is skipped. For readers
   * that parse many bodies with one parser.
   */
  public static DomainEvent decode(String type, com.fasterxml.jackson.core.JsonParser parser) throws IOException {
    com.fasterxml.jackson.databind.ObjectReader reader = reader(type);
    if (reader == null) {
      parser.skipChildren();
      return null;
    }
    return reader.readValue(parser);
  }

  private static com.fasterxml.jackson.databind.ObjectReader reader(String type) {
    com.fasterxml.jackson.databind.ObjectReader reader = READERS.get(type);
    if (reader == null && WARNED.add(type)) LOG.info("skipping events of unknown type {}", type);
    return reader;
  }
}
