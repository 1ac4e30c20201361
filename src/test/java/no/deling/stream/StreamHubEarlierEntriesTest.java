package no.deling.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import no.deling.readmodel.ModelState;
import no.deling.readmodel.ReadModel;
import org.junit.jupiter.api.Test;

/**
 * After a start from a snapshot, the resume window's entries from before it are made while the
 * server serves: live entries published meanwhile stay after them, nothing from before is
 * delivered live, the window keeps its size, and no resume can miss what is still being made.
 */
class StreamHubEarlierEntriesTest {
  private static final String CAROL = "carol";
  /** The read model stands at 100; the snapshot was at 60; the window (10 entries) starts after 40. */
  private final ReadModel model = new ReadModel(ModelState.empty(100, 1000, false), 100);

  private static StreamEntry entry(long position) {
    return StreamEntry.forAudience(position, "announcement", CAROL::equals, () -> "\"n\":" + position);
  }

  private static List<StreamEntry> entries(long from, long to) {
    return LongStream.rangeClosed(from, to).mapToObj(StreamHubEarlierEntriesTest::entry).toList();
  }

  /** A socket's queue: the positions it was offered, in order. */
  private static final class Queue implements StreamHub.Sink {
    final List<Long> positions = new ArrayList<>();

    @Override
    public boolean offer(String message) {
      positions.add(new JsonObject(message).getLong("position"));
      return true;
    }
  }

  private static StreamHub.Subscription home(Queue q) {
    return new StreamHub.Subscription(CAROL, new StreamKey(StreamKey.Kind.HOME, "home"), q);
  }

  private static List<Long> positions(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  void entriesFromBeforeTheStart_goBeforeTheLiveOnes_andAreNeverDeliveredLive() {
    StreamHub hub = new StreamHub(model, 100, 100, 40);
    hub.awaitEarlier(60);
    assertThat(hub.filled().isComplete()).as("sockets wait while the window is filled").isFalse();
    Queue listening = new Queue();
    assertThat(hub.subscribe(home(listening), null)).isEqualTo(StreamHub.Outcome.LIVE);

    hub.publish(entries(61, 63));
    hub.addEarlier(entries(41, 50));
    hub.publish(entries(64, 64));
    hub.addEarlier(entries(51, 60));
    assertThat(listening.positions).as("only live entries are delivered live").isEqualTo(positions(61, 64));
    Queue early = new Queue();
    assertThat(hub.subscribe(home(early), 45L)).as("a resume from before the snapshot cannot be served yet")
        .isEqualTo(StreamHub.Outcome.OUTDATED_CURSOR);

    hub.earlierDone(null);
    assertThat(hub.filled().succeeded()).isTrue();
    assertThat(hub.retainedAfter()).isEqualTo(40);
    Queue resumed = new Queue();
    assertThat(hub.subscribe(home(resumed), 45L)).isEqualTo(StreamHub.Outcome.REPLAYED);
    assertThat(resumed.positions).as("in position order, without a gap").isEqualTo(positions(46, 64));
  }

  @Test
  void theWindowKeepsItsSize_theOldestFromBeforeTheStartGoFirst() {
    StreamHub hub = filledAfterTheStart(10, 63, 60, null);

    assertThat(hub.retainedAfter()).as("ten entries kept: 54 to 63").isEqualTo(53);
    assertResumes(hub, 50, 53, 63);
  }

  @Test
  void whenTheyCannotBeMade_socketsAreAcceptedAnyway_andAResumeFromBeforeTheSnapshotRefetches() {
    StreamHub hub = filledAfterTheStart(100, 62, 45, new IOException("the log could not be read"));

    assertThat(hub.filled().succeeded()).isTrue();
    assertResumes(hub, 50, 60, 62);
  }

  /**
   * A hub that started from the snapshot at 60 (its window after 40), got live entries 61 to
   * {@code live}, then entries 41 to {@code earlier} from before the start, and was told it has them
   * all (or that {@code failure} stopped them).
   */
  private StreamHub filledAfterTheStart(int retention, long live, long earlier, Throwable failure) {
    StreamHub hub = new StreamHub(model, retention, 100, 40);
    hub.awaitEarlier(60);
    hub.publish(entries(61, live));
    hub.addEarlier(entries(41, earlier));
    hub.earlierDone(failure);
    return hub;
  }

  /** A resume from {@code outdated} is told to refetch; one from {@code since} gets every entry after it up to {@code newest}. */
  private static void assertResumes(StreamHub hub, long outdated, long since, long newest) {
    assertThat(hub.subscribe(home(new Queue()), outdated)).isEqualTo(StreamHub.Outcome.OUTDATED_CURSOR);
    Queue resumed = new Queue();
    assertThat(hub.subscribe(home(resumed), since)).isEqualTo(StreamHub.Outcome.REPLAYED);
    assertThat(resumed.positions).isEqualTo(positions(since + 1, newest));
  }

  @Test
  void aHubWithNothingToWaitFor_isFilledFromTheStart() {
    assertThat(new StreamHub(model, 100, 100, 40).filled().succeeded()).isTrue();
  }
}
