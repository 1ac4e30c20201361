package no.deling.core.command;

import static no.deling.support.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.sqlite.SqliteEventStore;
import no.deling.follows.FollowDecider;
import no.deling.follows.FollowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandExecutorTest {
  @TempDir Path dir;
  Vertx vertx;
  EventStore store;
  CommandExecutor commands;
  final FollowDecider follows = new FollowDecider();
  final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    store = await(SqliteEventStore.open(vertx, dir));
    commands = new CommandExecutor(vertx, store);
  }

  @AfterEach
  void close() {
    await(store.close());
    await(vertx.close());
  }

  @Test
  void onANewStream_decidesWithoutReading_andAppends() {
    var r = await(commands.executeOnNewStream(FollowEvent.stream("ann"), follows,
        new FollowDecider.FollowUser("ann", "bo", true, Instant.now()), CommandMeta.of("ann")));
    assertThat(r.events()).hasSize(1);
    assertThat(await(store.readStream(FollowEvent.stream("ann")))).hasSize(1);
  }

  @Test
  void whenTheStreamExistsAfterAll_theCommandRunsOnItsRealState() {
    await(commands.execute(FollowEvent.stream("ann"), follows, new FollowDecider.FollowUser("ann", "bo", true, Instant.now()), CommandMeta.of("ann")));
    // a repeat is a no-op on the real state; deciding on an empty state would have written it twice
    var again = await(commands.executeOnNewStream(FollowEvent.stream("ann"), follows,
        new FollowDecider.FollowUser("ann", "bo", true, Instant.now()), CommandMeta.of("ann")));
    assertThat(again.events()).isEmpty();
    assertThat(await(store.readStream(FollowEvent.stream("ann")))).hasSize(1);
    var other = await(commands.executeOnNewStream(FollowEvent.stream("ann"), follows,
        new FollowDecider.FollowUser("ann", "cy", true, Instant.now()), CommandMeta.of("ann")));
    assertThat(other.events()).hasSize(1);
    assertThat(await(store.readStream(FollowEvent.stream("ann")))).extracting(e -> e.revision()).containsExactly(0L, 1L);
  }

  @Test
  void likelyNew_onAStreamThatIsNotThere_appendsWithoutReadingIt() {
    CommandExecutor counting = new CommandExecutor(vertx, countingReads(store));
    var r = await(counting.executeLikelyNew(FollowEvent.stream("ann"), follows,
        new FollowDecider.FollowUser("ann", "bo", true, Instant.now()), CommandMeta.of("ann")));
    assertThat(r.events()).hasSize(1);
    assertThat(r.state().users()).containsExactly("bo");
    assertThat(reads.get()).isZero();
    assertThat(await(store.readStream(FollowEvent.stream("ann")))).hasSize(1);
  }

  @Test
  void likelyNew_onAStreamOthersWrote_runsOnItsRealState() {
    // another executor (as after a restart) wrote the stream: a follow, then an unfollow
    await(commands.execute(FollowEvent.stream("ann"), follows, new FollowDecider.FollowUser("ann", "bo", true, Instant.now()), CommandMeta.of("ann")));
    CommandExecutor fresh = new CommandExecutor(vertx, store);
    var repeat = await(fresh.executeLikelyNew(FollowEvent.stream("ann"), follows,
        new FollowDecider.FollowUser("ann", "bo", true, Instant.now()), CommandMeta.of("ann")));
    assertThat(repeat.events()).as("deciding on the empty stream would have followed twice").isEmpty();
    await(fresh.execute(FollowEvent.stream("ann"), follows, new FollowDecider.UnfollowUser("ann", "bo", Instant.now()), CommandMeta.of("ann")));

    var again = await(new CommandExecutor(vertx, store).executeLikelyNew(FollowEvent.stream("ann"), follows,
        new FollowDecider.FollowUser("ann", "bo", true, Instant.now()), CommandMeta.of("ann")));

    assertThat(again.events()).hasSize(1);
    assertThat(await(store.readStream(FollowEvent.stream("ann")))).extracting(e -> e.revision()).containsExactly(0L, 1L, 2L);
  }

  @Test
  void likelyNew_onAStreamItStartedItself_decidesOnWhatItKnows() {
    CommandExecutor counting = new CommandExecutor(vertx, store);
    await(counting.executeLikelyNew(FollowEvent.stream("ann"), follows, new FollowDecider.FollowUser("ann", "bo", true, Instant.now()), CommandMeta.of("ann")));
    var repeat = await(counting.executeLikelyNew(FollowEvent.stream("ann"), follows,
        new FollowDecider.FollowUser("ann", "bo", true, Instant.now()), CommandMeta.of("ann")));
    assertThat(repeat.events()).isEmpty();
    assertThat(await(store.readStream(FollowEvent.stream("ann")))).hasSize(1);
  }

  /** The store, counting in {@link #reads} the streams read through it. */
  private EventStore countingReads(EventStore inner) {
    return (EventStore) java.lang.reflect.Proxy.newProxyInstance(EventStore.class.getClassLoader(), new Class<?>[] {EventStore.class},
        (self, method, args) -> {
          if (method.getName().equals("readStream")) reads.incrementAndGet();
          try {
            return method.invoke(inner, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void rejections_failTheFuture_andWriteNothing() {
    var failed = commands.executeOnNewStream(FollowEvent.stream("ann"), follows,
        new FollowDecider.FollowUser("ann", "ann", true, Instant.now()), CommandMeta.of("ann"));
    assertThat(no.deling.support.Await.failure(failed)).isInstanceOf(Rejection.class);
    assertThat(await(store.readStream(FollowEvent.stream("ann")))).isEqualTo(List.of());
  }
}
