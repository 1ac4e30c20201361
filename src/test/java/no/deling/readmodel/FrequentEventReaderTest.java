package no.deling.readmodel;

import no.deling.core.collections.Interner;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventTypes;
import no.deling.core.eventstore.LogEvent;
import no.deling.core.ids.PostIds;
import no.deling.core.json.Json;
import no.deling.endorsements.EndorsementEvent.EndorsementWithdrawn;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.follows.FollowEvent.TopicFollowed;
import no.deling.follows.FollowEvent.TopicUnfollowed;
import no.deling.follows.FollowEvent.UserFollowed;
import no.deling.follows.FollowEvent.UserUnfollowed;
import no.deling.posts.PostEvent.PostPublished;
import org.junit.jupiter.api.Test;

/**
 * The hand-written reader must read exactly what Jackson databind reads: the event bodies our
 * writers produce, and the same bodies with fields reordered, unknown fields added (as a newer
 * writer of the same version may), optional fields null or missing, and text escaped every way
 * JSON allows. Bodies it does not read as databind would must make the batch fall back to databind.
 */
class FrequentEventReaderTest {
  private static final String[] PEOPLE = {"alice", "bob", "emp00042", "Ærlig Øystein", "\"quoted\"", "back\\slash", "tab\there", "😀-user"};
  private static final String[] TAGS = {"release", "question", "økonomi", "日本", "a_b"};
  private static final String[] TEXTS = {
    "hello", "", "line one\nline two\r\n\ttabbed", "quotes \" and \\ backslashes / slashes", "control \u0001\u001f chars",
    "emoji 😀👍🏽 and ÆØÅ", "html <b>&amp;</b>", "\u2028\u2029 separators", "x".repeat(2_000)
  };

  private final Random random = new Random(20261126);
  private final Interner interner = new Interner();
  private final FrequentEventReader reader = new FrequentEventReader(interner);

  @Test
  void read_equalsDatabind_forThousandsOfRandomBodies_inEveryShapeAWriterMayProduce() throws Exception {
    ObjectWriter plain = Json.MAPPER.writer();
    ObjectWriter asciiOnly = Json.MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);
    int compared = 0;
    for (int i = 0; i < 3_000; i++) {
      DomainEvent event = randomEvent();
      String type = EventTypes.nameOf(event);
      List<byte[]> bodies = new ArrayList<>();
      bodies.add(EventTypes.encode(event));
      ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(EventTypes.encode(event));
      bodies.add(plain.writeValueAsBytes(reshaped(tree)));
      bodies.add(asciiOnly.writeValueAsBytes(reshaped(tree)));
      for (byte[] body : bodies) {
        DomainEvent expected = EventTypes.decode(type, body);
        DomainEvent actual = readAlone(type, body);
        assertThat(actual).as("%s %s", type, new String(body, StandardCharsets.UTF_8)).isEqualTo(expected);
        compared++;
      }
    }
    assertThat(compared).isEqualTo(9_000);
  }

  @Test
  void read_internsIds_soRepeatedAuthorsAndTagsShareOneInstance() throws Exception {
    String first = "{\"postId\":\"0375434747242876928\",\"author\":\"emp00589\",\"text\":\"a\",\"threadRoot\":\"0375434747242876928\","
        + "\"hashtags\":[\"release\"],\"mentions\":[],\"links\":[],\"publishedAt\":\"2026-11-02T00:03:38.983Z\"}";
    String second = "{\"postId\":\"0375434747242876929\",\"author\":\"emp00589\",\"text\":\"b\",\"threadRoot\":\"0375434747242876929\","
        + "\"hashtags\":[\"release\"],\"mentions\":[\"emp00589\"],\"links\":[],\"publishedAt\":\"2026-11-02T00:03:39Z\"}";

    PostPublished a = (PostPublished) readAlone("PostPublished.v1", first.getBytes(StandardCharsets.UTF_8));
    PostPublished b = (PostPublished) readAlone("PostPublished.v1", second.getBytes(StandardCharsets.UTF_8));

    assertThat(b.author()).isEqualTo("emp00589").isSameAs(a.author()).isSameAs(b.mentions().get(0)).isSameAs(interner.intern(new String("emp00589")));
    assertThat(b.hashtags().get(0)).isSameAs(a.hashtags().get(0));
    assertThat(b.text()).isEqualTo("b");
    assertThat(interner.size()).isEqualTo(2);
  }

  @Test
  void read_leavesOtherTypesToDatabind_withoutConsumingTheirBodies() throws Exception {
    try (JsonParser p = Json.MAPPER.getFactory().createParser("{\"postId\":\"1\"}")) {
      p.nextToken();
      assertThat(reader.read(no.deling.posts.PostEvent.PostDeleted.class, p)).isNull();
      assertThat(p.currentToken()).isEqualTo(JsonToken.START_OBJECT);
    }
  }

  /** Shapes only databind knows how to coerce (or rejects): the batch must come out exactly as databind decodes each body. */
  @Test
  void decode_bodiesWithUnusualShapes_fallBackToDatabind_eventByEvent() {
    String[][] unusual = {
      {"PostEndorsed.v1", "{\"postId\":\"0375434747242876928\",\"postAuthor\":7,\"endorser\":\"bob\",\"at\":\"2026-11-02T00:03:38Z\"}"},
      {"UserFollowed.v1", "{\"follower\":\"bob\",\"followee\":\"alice\",\"at\":1764000000}"},
      {"PostPublished.v1", "{\"postId\":\"0375434747242876928\",\"author\":\"a\",\"text\":true,\"hashtags\":[],\"publishedAt\":\"2026-11-02T00:03:38Z\"}"},
      {"TopicFollowed.v1", "{\"follower\":\"bob\",\"tag\":\"x\",\"at\":\"2026-11-02T01:00:00+01:00\"}"},
      {"PostPublished.v1", "{\"postId\":\"0375434747242876928\",\"author\":\"a\",\"text\":\"t\",\"links\":[1],\"publishedAt\":\"2026-11-02T00:03:38Z\"}"},
      {"PostPublished.v1", "{\"postId\":\"0375434747242876928\",\"author\":\"a\",\"text\":\"t\",\"hashtags\":{\"a\":1},\"publishedAt\":\"2026-11-02T00:03:38Z\"}"},
    };
    List<LogEvent> batch = new ArrayList<>();
    batch.add(new LogEvent(1, "UserFollowed.v1", "{\"follower\":\"carol\",\"followee\":\"alice\",\"at\":\"2026-11-02T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8), new byte[] {'{', '}'}));
    for (String[] u : unusual) batch.add(new LogEvent(batch.size() + 1, u[0], u[1].getBytes(StandardCharsets.UTF_8), new byte[] {'{', '}'}));

    no.deling.core.projection.ProjectionEngine.Decoded decoded = new BatchDecoder(new Interner()).decode(batch);

    for (int i = 0; i < batch.size(); i++) {
      LogEvent e = batch.get(i);
      DomainEvent expected;
      try {
        expected = EventTypes.decode(e.type(), e.data());
      } catch (RuntimeException databindRejects) {
        expected = null;
      }
      assertThat(decoded.events()[i]).as(e.type() + " " + new String(e.data(), StandardCharsets.UTF_8)).isEqualTo(expected);
    }
    // databind coerces some of these, so the fallback must have produced real events, not just nulls
    assertThat(decoded.events()[1]).isEqualTo(new PostEndorsed("0375434747242876928", "7", "bob", Instant.parse("2026-11-02T00:03:38Z")));
    assertThat(decoded.events()[2]).isEqualTo(new UserFollowed("bob", "alice", Instant.ofEpochSecond(1_764_000_000L)));
    assertThat(decoded.events()[4]).isEqualTo(new TopicFollowed("bob", "x", Instant.parse("2026-11-02T00:00:00Z")));
  }

  private DomainEvent readAlone(String type, byte[] body) throws Exception {
    try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      DomainEvent e = reader.read(EventTypes.classOf(type), p);
      assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
      assertThat(p.nextToken()).isNull();
      return e;
    }
  }

  private DomainEvent randomEvent() {
    String postId = PostIds.format(PostIds.parse("0375434747242876928") + random.nextInt(1_000_000));
    String who = pick(PEOPLE);
    String other = pick(PEOPLE);
    Instant at = Instant.ofEpochSecond(1_760_000_000L + random.nextInt(10_000_000), random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
    return switch (random.nextInt(7)) {
      case 0 -> new PostPublished(postId, who, pick(TEXTS), random.nextBoolean() ? null : PostIds.format(PostIds.parse(postId) - 1),
          postId, some(TAGS), some(PEOPLE), random.nextBoolean() ? List.of() : List.of("https://example.org/a?b=c&d=\"e\""), at);
      case 1 -> new PostEndorsed(postId, who, other, at);
      case 2 -> new EndorsementWithdrawn(postId, who, other, at);
      case 3 -> new UserFollowed(who, other, at);
      case 4 -> new UserUnfollowed(who, other, at);
      case 5 -> new TopicFollowed(who, pick(TAGS), at);
      default -> new TopicUnfollowed(who, pick(TAGS), at);
    };
  }

  /** The same facts, written differently: fields shuffled, unknown fields added, optional fields null or dropped. */
  private JsonNode reshaped(ObjectNode original) {
    List<String> names = new ArrayList<>();
    original.fieldNames().forEachRemaining(names::add);
    Collections.shuffle(names, random);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String name : names) {
      if (random.nextInt(4) == 0) out.set("future" + random.nextInt(100), unknownValue(2));
      JsonNode value = original.get(name);
      boolean optional = name.equals("inReplyTo") || name.equals("links") || name.equals("mentions");
      if (optional && random.nextInt(3) == 0) {
        if (random.nextBoolean()) out.putNull(name);
        continue;
      }
      out.set(name, value);
    }
    if (random.nextBoolean()) out.set("zzz", unknownValue(3));
    if (random.nextInt(5) == 0 && original.has("followee")) out.put("tag", "not-for-user-follows");
    if (random.nextInt(5) == 0 && original.has("tag")) out.put("followee", "not-for-topic-follows");
    return out;
  }

  private JsonNode unknownValue(int depth) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (random.nextInt(depth > 0 ? 7 : 5)) {
      case 0: return f.textNode(pick(TEXTS));
      case 1: return f.numberNode(random.nextLong());
      case 2: return f.numberNode(random.nextDouble());
      case 3: return f.booleanNode(random.nextBoolean());
      case 4: return f.nullNode();
      case 5: {
        ObjectNode o = f.objectNode();
        for (int i = random.nextInt(3); i >= 0; i--) o.set("k" + i, unknownValue(depth - 1));
        return o;
      }
      default: {
        ArrayNode a = f.arrayNode();
        for (int i = random.nextInt(3); i >= 0; i--) a.add(unknownValue(depth - 1));
        return a;
      }
    }
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private List<String> some(String[] values) {
    List<String> out = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) out.add(pick(values));
    return out;
  }
}
