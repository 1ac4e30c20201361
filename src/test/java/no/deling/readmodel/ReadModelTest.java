package no.deling.readmodel;

import static no.deling.support.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventTypes;
import no.deling.core.eventstore.LogEvent;
import no.deling.core.ids.PostIds;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.follows.FollowEvent.UserFollowed;
import no.deling.posts.PostEvent.PostPublished;
import org.junit.jupiter.api.Test;

/** The read model fed with log events directly, as a subscription delivers them. */
class ReadModelTest {
  private final ReadModel model = new ReadModel(800, 2_000);
  private long position;

  private LogEvent logged(DomainEvent e) {
    return logged(EventTypes.nameOf(e), EventTypes.encode(e), "{}");
  }

  private LogEvent logged(String type, byte[] body, String metadata) {
    return new LogEvent(++position, type, body, metadata.getBytes(StandardCharsets.UTF_8));
  }

  private static PostPublished post(long id, String author, String text) {
    String s = PostIds.format(id);
    return new PostPublished(s, author, text, null, s, List.of(), List.of(), List.of(), T0);
  }

  private static final long FIRST = PostIds.parse(POST_1);

  @Test
  void apply_projectsEveryEventOfABatch_andSkipsUnknownTypes() {
    List<LogEvent> batch = List.of(
        logged(post(FIRST, ALICE, "hello")),
        logged("SomethingNewer.v9", "{\"from\":\"a future server\",\"nested\":{\"x\":[1,2]}}".getBytes(StandardCharsets.UTF_8), "{}"),
        logged(new PostEndorsed(POST_1, ALICE, BOB, T1)),
        logged(new UserFollowed(BOB, ALICE, T1)));

    model.apply(batch);

    assertThat(model.position()).isEqualTo(4);
    assertThat(model.eventsApplied()).isEqualTo(4);
    assertThat(model.posts.get(FIRST).text()).isEqualTo("hello");
    assertThat(model.endorsements.count(FIRST)).isEqualTo(1);
    assertThat(model.follows.followersOf(ALICE)).containsExactly(BOB);
  }

  @Test
  void apply_largeBatch_decodesEveryBodyInOrder() {
    List<LogEvent> batch = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) batch.add(logged(post(FIRST + i, i % 2 == 0 ? ALICE : BOB, "post number " + i)));

    model.apply(batch);

    assertThat(model.posts.size()).isEqualTo(5_000);
    for (int i = 0; i < 5_000; i++) {
      assertThat(model.posts.get(FIRST + i).text()).isEqualTo("post number " + i);
      assertThat(model.posts.get(FIRST + i).position).isEqualTo(i + 1);
    }
  }

  @Test
  void apply_skipsOnlyTheDamagedEvent_andKeepsTheRestOfItsBatch() {
    byte[] whole = EventTypes.encode(post(FIRST + 1, ALICE, "this one is cut short"));
    byte[] truncated = Arrays.copyOf(whole, whole.length - 10);
    List<LogEvent> batch = new ArrayList<>();
    batch.add(logged(post(FIRST, ALICE, "before")));
    batch.add(logged("PostPublished.v1", truncated, "{}"));
    batch.add(logged(post(FIRST + 2, BOB, "after")));
    for (int i = 3; i < 600; i++) batch.add(logged(post(FIRST + i, BOB, "more " + i)));

    model.apply(batch);

    assertThat(model.posts.get(FIRST + 1)).isNull();
    assertThat(model.posts.get(FIRST).text()).isEqualTo("before");
    assertThat(model.posts.get(FIRST + 2).text()).isEqualTo("after");
    assertThat(model.posts.size()).isEqualTo(599);
    assertThat(model.position()).isEqualTo(600);
  }

  @Test
  void apply_neverLetsAnOpenBodyRunIntoTheNextOne() {
    // Laid end to end, this open body and the next one would parse as one valid object.
    byte[] open = ("{\"postId\":\"0384036914845450240\",\"author\":\"alice\",\"text\":\"x\",\"threadRoot\":\"0384036914845450240\","
        + "\"hashtags\":[],\"mentions\":[],\"links\":[],\"publishedAt\":\"2026-11-25T09:00:00Z\",\"extra\":").getBytes(StandardCharsets.UTF_8);
    byte[] next = "{\"a\":1}}".getBytes(StandardCharsets.UTF_8);

    // ...and a body holding two objects would make up the count again.
    byte[] twoInOne = (new String(EventTypes.encode(post(FIRST + 5, BOB, "fine")), StandardCharsets.UTF_8) + " "
        + new String(EventTypes.encode(post(FIRST + 6, BOB, "smuggled")), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);

    model.apply(List.of(logged("PostPublished.v1", open, "{}"), logged("PostPublished.v1", next, "{}"), logged("PostPublished.v1", twoInOne, "{}")));

    assertThat(model.posts.get(FIRST)).isNull();
    assertThat(model.posts.get(FIRST + 6)).isNull();
    assertThat(model.posts.get(FIRST + 5).text()).isEqualTo("fine");
    assertThat(model.position()).isEqualTo(3);
  }

  @Test
  void apply_skipsAnEventItCannotApply_andKeepsTheRestOfItsBatch() {
    // valid JSON, but without the fields every post has
    model.apply(List.of(logged("PostPublished.v1", "{\"unexpected\":true}".getBytes(StandardCharsets.UTF_8), "{}"),
        logged(post(FIRST, BOB, "fine"))));

    assertThat(model.posts.size()).isEqualTo(1);
    assertThat(model.position()).isEqualTo(2);
  }

  @Test
  void apply_remembersIdempotencyKeys_fromTheMetadata() {
    model.apply(List.of(
        logged(post(FIRST, ALICE, "no key")),
        logged(EventTypes.nameOf(post(FIRST + 1, ALICE, "with key")), EventTypes.encode(post(FIRST + 1, ALICE, "with key")),
            "{\"actor\":\"alice\",\"idempotencyKey\":\"retry-7f1c\"}")));

    long soon = T1.toEpochMilli();
    assertThat(model.queries().posts().createdEarlier(ALICE, "retry-7f1c", soon).id).isEqualTo(FIRST + 1);
    assertThat(model.queries().posts().createdEarlier(BOB, "retry-7f1c", soon)).isNull();
  }

  @Test
  void idempotencyKeys_expireADayAfterTheirPost_andLeaveMemory() {
    PostPublished keyed = post(FIRST, ALICE, "with key");
    PostPublished dayLater = new PostPublished(PostIds.format(FIRST + 1), BOB, "a day later", null, PostIds.format(FIRST + 1),
        List.of(), List.of(), List.of(), T0.plus(java.time.Duration.ofHours(25)));
    model.apply(List.of(logged(EventTypes.nameOf(keyed), EventTypes.encode(keyed), "{\"idempotencyKey\":\"k-000000001\"}")));

    long justInside = T0.plus(java.time.Duration.ofHours(23)).toEpochMilli();
    long outside = T0.plus(java.time.Duration.ofHours(25)).toEpochMilli();
    assertThat(model.queries().posts().createdEarlier(ALICE, "k-000000001", justInside)).isNotNull();
    assertThat(model.queries().posts().createdEarlier(ALICE, "k-000000001", outside)).isNull();

    // a later keyed post moves the window on; the old key is forgotten, even for a clock running behind
    model.apply(List.of(logged(EventTypes.nameOf(dayLater), EventTypes.encode(dayLater), "{\"idempotencyKey\":\"k-000000002\"}")));
    assertThat(model.queries().posts().createdEarlier(ALICE, "k-000000001", justInside)).isNull();
    assertThat(model.queries().posts().createdEarlier(BOB, "k-000000002", outside).id).isEqualTo(FIRST + 1);
  }

  @Test
  void apply_isIdempotent_whenABatchArrivesAgain() {
    List<LogEvent> batch = List.of(logged(post(FIRST, ALICE, "once")), logged(new PostEndorsed(POST_1, ALICE, BOB, T1)));
    model.apply(batch);
    model.apply(batch);

    assertThat(model.eventsApplied()).isEqualTo(2);
    assertThat(model.endorsements.count(FIRST)).isEqualTo(1);
  }
}
