package no.deling.core.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.deling.core.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one registry of stored event type names, filled from the features' {@link EventCatalog}s.
 * Names are stable and versioned ({@code PostPublished.v1}); Java class names never reach the
 * log, so packages can move freely. Every name has a JSON Schema at {@code schema/events/<name>.json}.
 */
public final class EventTypes {
  private static final Logger LOG = LoggerFactory.getLogger(EventTypes.class);

  private static final Map<String, Class<? extends DomainEvent>> BY_NAME = new LinkedHashMap<>();
  private static final Map<Class<?>, String> BY_CLASS = new LinkedHashMap<>();
  /** Readers and writers bound once per type: the mapper's per-call type lookup showed up when replaying the log. */
  private static final Map<String, com.fasterxml.jackson.databind.ObjectReader> READERS = new java.util.HashMap<>();
  private static final Map<Class<?>, com.fasterxml.jackson.databind.ObjectWriter> WRITERS = new java.util.HashMap<>();
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private static final Map<Class<? extends DomainEvent>, FastEventReader> FAST = new java.util.IdentityHashMap<>();

  static {
    // Each feature contributes its names (and fast readers) through a catalog; see EventCatalog.
    for (EventCatalog catalog : java.util.ServiceLoader.load(EventCatalog.class, EventTypes.class.getClassLoader())) {
      new java.util.TreeMap<>(catalog.types()).forEach(EventTypes::register);
      new java.util.TreeMap<>(catalog.formerTypes()).forEach(EventTypes::registerFormer);
      FAST.putAll(catalog.fastReaders());
    }
    if (BY_NAME.isEmpty()) throw new IllegalStateException("no event catalogs found (META-INF/services/" + EventCatalog.class.getName() + ")");
  }

  private EventTypes() {}

  private static void register(String name, Class<? extends DomainEvent> type) {
    if (BY_NAME.containsKey(name)) throw new IllegalStateException("event type " + name + " registered twice");
    BY_NAME.put(name, type);
    BY_CLASS.put(type, name);
    READERS.put(name, Json.MAPPER.readerFor(type));
    WRITERS.put(type, Json.MAPPER.writerFor(type));
  }

  /** An older name still read (into the record its successor writes), never written. */
  private static void registerFormer(String name, Class<? extends DomainEvent> type) {
    if (BY_NAME.containsKey(name)) throw new IllegalStateException("event type " + name + " registered twice");
    if (!BY_CLASS.containsKey(type)) throw new IllegalStateException("former event type " + name + " has no current name for " + type);
    BY_NAME.put(name, type);
    READERS.put(name, Json.MAPPER.readerFor(type));
  }

  /** The fast reader a feature contributed for this type, or null (databind reads it). */
  public static FastEventReader fastReader(Class<? extends DomainEvent> type) {
    return FAST.get(type);
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
