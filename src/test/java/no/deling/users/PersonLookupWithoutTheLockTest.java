package no.deling.users;

import static no.deling.support.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import no.deling.core.events.EventTypes;
import no.deling.core.eventstore.LogEvent;
import no.deling.readmodel.ReadModel;
import no.deling.users.UserEvent.ProfileRecorded;
import org.junit.jupiter.api.Test;

/**
 * Every request looks its person up (to compare the token's claims with the profile). That lookup
 * must not wait while the projection applies a batch: under load the event loop stood still on the
 * read lock for a tenth of its time. Other queries still wait, so that they see whole batches.
 */
class PersonLookupWithoutTheLockTest {
  private static LogEvent logged(long position, String user, String department) {
    var e = new ProfileRecorded(user, user.toUpperCase(), department, null, null, T0);
    return new LogEvent(position, EventTypes.nameOf(e), EventTypes.encode(e), "{}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aPersonIsLookedUp_whileABatchIsBeingApplied_andSeenWholeBeforeOrAfterIt() throws Exception {
    ReadModel model = new ReadModel(800, 2_000);
    model.apply(List.of(logged(1, "alice", "Sales")));
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    model.onApplied((event, position) -> {
      if (position != 2) return;
      inside.countDown(); // the projection holds its write lock here
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Thread projection = new Thread(() -> model.apply(List.of(logged(2, "alice", "Marketing"), logged(3, "bob", "Ops"))));
    projection.start();
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Person> alice = CompletableFuture.supplyAsync(() -> model.queries().people().person("alice"));
    CompletableFuture<Boolean> bobKnown = CompletableFuture.supplyAsync(() -> model.queries().people().exists("bob"));
    CompletableFuture<Integer> counted = CompletableFuture.supplyAsync(() -> model.queries().people().activeCount(null));
    // answered while the batch is held: the profile before its event or after it, whole
    Person seen = alice.get(5, TimeUnit.SECONDS);
    assertThat(seen.department()).isIn("Sales", "Marketing");
    assertThat(seen.displayName()).isEqualTo("ALICE");
    assertThat(bobKnown.get(5, TimeUnit.SECONDS)).isFalse(); // bob comes later in the batch
    // a query over the whole directory waits for the batch
    Thread.sleep(200);
    assertThat(counted).isNotDone();

    release.countDown();
    projection.join(10_000);
    assertThat(counted.get(5, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(model.queries().people().person("alice").department()).isEqualTo("Marketing");
    assertThat(model.queries().people().exists("bob")).isTrue();
  }
}
