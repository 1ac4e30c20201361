package no.deling.readmodel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.LogEvent;
import no.deling.core.eventstore.RecordedEvent;
import no.deling.core.eventstore.sqlite.SqliteEventStore;
import no.deling.notifications.Inbox;
import no.deling.privacy.sealing.KeyStore;
import no.deling.privacy.sealing.SealedEventStore;
import no.deling.privacy.sealing.SqliteKeyStore;
import no.deling.readmodel.ReadModel;
import no.deling.readmodel.TailPrefetch;
import no.deling.stream.StreamHub;
import no.deling.stream.WhenEventAppliedPublishToStreams;
import no.deling.support.RichHistory;
import no.deling.support.StateDump;
import no.deling.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Read-model snapshots against a log with a bit of everything, written through the HTTP API (see
 * {@link RichHistory}): a snapshot read back holds exactly the state it was written from, and with
 * the log after it applied, exactly the state a replay of the whole log builds — compared field by
 * field ({@link StateDump}). A snapshot that cannot be trusted is ignored, removed, and its key
 * destroyed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotsTest {
  private static final int HOME = 800;
  private static final int FAN_OUT = 2_000;
  private Path dir;
  private Path data;
  private Vertx vertx;
  private EventStore log;
  private KeyStore keys;
  private EventStore store;
  private List<LogEvent> all;
  private String whole;

  /** A read side as the server builds one: the models, and the notifications beside them. */
  private record Side(ReadModel model, Inbox inbox) {
    static Side empty() {
      return wired(new ReadModel(HOME, FAN_OUT, true), new Inbox());
    }

    Side {
    }

    static Side of(Snapshots.Restored r) {
      return wired(new ReadModel(r.state(), r.position()), new Inbox(r.notifications(), r.position()));
    }

    private static Side wired(ReadModel model, Inbox inbox) {
      WhenEventAppliedPublishToStreams.wire(model, new StreamHub(model, 1, 1, Long.MAX_VALUE), inbox, Long.MAX_VALUE);
      return new Side(model, inbox);
    }

    Side apply(List<LogEvent> events) {
      for (int i = 0; i < events.size(); i += 500) model.apply(events.subList(i, Math.min(events.size(), i + 500)));
      return this;
    }

    String dump() {
      return model.read(() -> StateDump.of(model.state())) + "\n--- notifications\n" + inbox.read(StateDump::of);
    }
  }

  @BeforeAll
  void writeALog() throws Exception {
    dir = Files.createTempDirectory("deling-snapshots");
    data = dir.resolve("data");
    TestServer s = TestServer.start(data, Map.of("DELING_WRITE_RATE", "0", "DELING_SNAPSHOT_EVERY", "1000000000"));
    try {
      new RichHistory(s, 7).begin().steps(100);
    } finally {
      s.close(); // writes the snapshot at shutdown
    }
    vertx = Vertx.vertx();
    log = SqliteEventStore.open(vertx, data).toCompletionStage().toCompletableFuture().get();
    keys = SqliteKeyStore.open(data.resolve("keys.db"));
    store = new SealedEventStore(vertx, log, keys);
    all = new ArrayList<>();
    long after = 0;
    while (true) {
      List<RecordedEvent> page = store.readAll(after, 1_000).toCompletionStage().toCompletableFuture().get();
      if (page.isEmpty()) break;
      for (RecordedEvent e : page) all.add(LogEvent.of(e));
      after = page.get(page.size() - 1).position();
    }
    whole = Side.empty().apply(all).dump();
  }

  @AfterAll
  void close() throws Exception {
    store.close().toCompletionStage().toCompletableFuture().get();
    vertx.close().toCompletionStage().toCompletableFuture().get();
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static void assertSame(String actual, String expected, String what) {
    assertThat(actual.equals(expected)).as("%s differs %s", what, actual.equals(expected) ? "" : StateDump.firstDifference(actual, expected))
        .isTrue();
  }

  private Snapshots snapshots(Path file) {
    return new Snapshots(file, keys, HOME, FAN_OUT, true);
  }

  /** A snapshot as the server writes one: beside the one in place, then put in its place. */
  private Snapshots.Written write(Snapshots snapshots, Side side) {
    try {
      return besides(snapshots, side).putInPlace();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theSnapshotWrittenAtShutdown_holdsWhatAReplayOfTheWholeLogBuilds() {
    Snapshots.Restored r = snapshots(data.resolve("readmodel.snapshot")).restore(store).orElseThrow();
    assertThat(r.position()).isEqualTo(all.get(all.size() - 1).position());
    assertSame(Side.of(r).dump(), whole, "the shutdown snapshot");
  }

  @Test
  void aSnapshotAnywhere_readBack_isWhatWasWritten_andWithTheRestOfTheLog_isTheWholeLogsReadSide() throws Exception {
    for (double cut : new double[] {0.1, 0.5, 0.85, 0.99}) {
      int k = (int) (all.size() * cut);
      Side part = Side.empty().apply(all.subList(0, k));
      String atCut = part.dump();
      Snapshots snapshots = snapshots(dir.resolve("cut-" + k + ".snapshot"));
      write(snapshots, part);
      Side back = Side.of(snapshots.restore(store).orElseThrow());
      assertSame(back.dump(), atCut, "read back after " + k + " events");
      assertSame(back.apply(all.subList(k, all.size())).dump(), whole, "snapshot after " + k + " events and the rest of the log");
    }
  }

  @Test
  void theLogAfterASnapshot_readAheadWhileItIsRead_andAppliedFirst_isTheWholeLogsReadSide() throws Exception {
    int k = all.size() / 3;
    Snapshots snapshots = snapshots(dir.resolve("read-ahead.snapshot"));
    write(snapshots, Side.empty().apply(all.subList(0, k)));
    TailPrefetch[] ahead = new TailPrefetch[1];
    Side back = Side.of(snapshots.restore(store, position -> ahead[0] = TailPrefetch.start(store, position)).orElseThrow());
    assertThat(ahead[0]).as("started once the snapshot was found good").isNotNull();
    List<TailPrefetch.Batch> batches = ahead[0].take();
    List<Long> positions = batches.stream().flatMap(b -> b.events().stream()).map(LogEvent::position).toList();
    assertThat(positions).as("every event after the snapshot, in order")
        .isEqualTo(all.subList(k, all.size()).stream().map(LogEvent::position).toList());
    for (TailPrefetch.Batch b : batches) back.model().apply(b.events(), b.decoded());
    assertSame(back.dump(), whole, "the snapshot and the log read ahead");

    // bounded: it stops after the page that reaches its bound, and the projection reads on from there
    List<TailPrefetch.Batch> bounded = TailPrefetch.start(store, all.get(k - 1).position(), 10).take();
    assertThat(bounded).hasSize(1);
    assertThat(bounded.get(0).events().get(0).position()).isEqualTo(all.get(k).position());

    // a snapshot that is not good starts no reading ahead
    Path damaged = fresh("damaged-no-read-ahead");
    try (RandomAccessFile f = new RandomAccessFile(damaged.toFile(), "rw")) {
      f.setLength(10);
    }
    boolean[] started = new boolean[1];
    assertThat(snapshots(damaged).restore(store, position -> started[0] = true)).isEmpty();
    assertThat(started[0]).isFalse();
  }

  /**
   * An erasure makes the log say less than the server knew (her sealed events no longer open),
   * so a replay of the log and the running read side differ in what no read path shows (her
   * posts' tombstones); {@code ErasureContract} holds them to the same answers. The snapshot
   * after an erasure holds what the running server held, and none of her words.
   */
  @Test
  void theSnapshotAfterAnErasure_holdsTheRunningReadSide_andNoneOfTheErasedPersonsWords() throws Exception {
    Path other = dir.resolve("erased");
    TestServer s = TestServer.start(other, Map.of("DELING_WRITE_RATE", "0", "DELING_SNAPSHOT_EVERY", "50", "DELING_SNAPSHOT_SPACING", "0", "DELING_PULSE", "false"));
    String running;
    try {
      RichHistory history = new RichHistory(s, 11).begin().steps(70);
      assertThat(history.postsBy("fay")).as("fay wrote before she was erased").isPositive();
      history.erase("fay").steps(20);
      Side live = new Side(s.server.model(), s.server.inbox());
      s.server.model().awaitPosition(s.vertx, s.head(), 5_000).toCompletionStage().toCompletableFuture().get();
      // the notifications of the last batches are handed to the inbox's own thread; the snapshot
      // waits for them (it drains the inbox first), and so must the dump it is compared with
      s.server.inbox().drain();
      running = live.dump();
    } finally {
      s.close();
    }
    assertThat(running).doesNotContain("by fay");
    try (KeyStore otherKeys = SqliteKeyStore.open(other.resolve("keys.db"))) {
      EventStore otherLog = new SealedEventStore(vertx, SqliteEventStore.open(vertx, other).toCompletionStage().toCompletableFuture().get(),
          otherKeys);
      try {
        Snapshots.Restored r = new Snapshots(other.resolve("readmodel.snapshot"), otherKeys, HOME, FAN_OUT, false).restore(otherLog).orElseThrow();
        String restored = Side.of(r).dump();
        assertSame(restored, running, "the snapshot written at shutdown");
        assertThat(restored).doesNotContain("by fay");
      } finally {
        otherLog.close().toCompletionStage().toCompletableFuture().get();
      }
    }
  }

  // ---------------------------------------------------------------- runs of posts

  /** A read side of the first half of the log, snapshotted as the server does (its posts then packed). */
  private Side firstHalfSnapshotted(Snapshots snapshots) {
    Side side = Side.empty().apply(all.subList(0, all.size() / 2));
    write(snapshots, side);
    packed(side);
    return side;
  }

  /** As the server does after each snapshot: the posts it encoded are kept as its records from then on. */
  /** How many of these events publish, edit or delete a post. */
  private static long changesPosts(List<LogEvent> events) {
    return events.stream().filter(e -> e.type().startsWith("PostPublished.") || e.type().startsWith("PostEdited.")
        || e.type().startsWith("PostDeleted.")).count();
  }

  private static void packed(Side side) {
    side.model().exclusive(side.model().posts::packFrozen);
  }

  private Path runFile(Snapshots snapshots, PostsSection.Run run) {
    return snapshots.runsDirectory().resolve(run.name());
  }

  private static String runKey(PostsSection.Run run) {
    return "$snapshot/" + run.name();
  }

  /**
   * A snapshot after another of the same index writes a run of only the posts published or changed
   * since (edits, deletes and replies among them), and reading the runs back, oldest first, gives
   * the whole read side; a snapshot of every post (after an erasure) replaces the runs, whose keys
   * are then destroyed. Writing every post each time, or keeping an earlier record of a changed
   * post, fails it.
   */
  @Test
  void aSnapshotAfterAnother_writesARunOfWhatChangedSince_andTheRunsReadBackAreTheWholeReadSide() throws Exception {
    Path file = dir.resolve("runs.snapshot");
    Snapshots snapshots = snapshots(file);
    // each later run small beside the first, so none of these snapshots is due to write every post
    int[] cuts = {all.size() * 70 / 100, all.size() * 76 / 100, all.size() * 82 / 100, all.size() * 88 / 100};
    // each slice changes a post (a slice of only votes and saves would rightly write no run)
    for (int c = 1; c < cuts.length; c++) {
      cuts[c] = Math.max(cuts[c], cuts[c - 1] + 1);
      while (changesPosts(all.subList(cuts[c - 1], cuts[c])) == 0) cuts[c]++;
    }
    Side side = Side.empty().apply(all.subList(0, cuts[0]));
    write(snapshots, side);
    packed(side);
    assertThat(snapshots.runs()).hasSize(1);
    assertThat(snapshots.runs().get(0).records()).as("the first run: every post").isEqualTo(side.model().posts.size());
    for (int c = 1; c < cuts.length; c++) {
      List<LogEvent> since = all.subList(cuts[c - 1], cuts[c]);
      side.apply(since);
      long postEvents = changesPosts(since);
      write(snapshots, side);
      packed(side);
      List<PostsSection.Run> runs = snapshots.runs();
      assertThat(runs).hasSize(c + 1);
      PostsSection.Run newest = runs.get(runs.size() - 1);
      assertThat(newest.records()).as("the new run holds the posts changed since (and parents whose replies changed)")
          .isPositive().isLessThanOrEqualTo(2 * postEvents).isLessThan(side.model().posts.size());
      for (PostsSection.Run run : runs) assertThat(runFile(snapshots, run)).exists();
      assertSame(Side.of(snapshots(file).restore(store).orElseThrow()).dump(), side.dump(), "the runs read back after " + cuts[c] + " events");
    }
    side.apply(all.subList(cuts[cuts.length - 1], all.size()));
    write(snapshots, side);
    packed(side);
    assertSame(side.dump(), whole, "the running side");
    assertSame(Side.of(snapshots(file).restore(store).orElseThrow()).dump(), whole, "the last snapshot read back");

    // a snapshot of every post: one run, and the ones before gone with their keys
    List<PostsSection.Run> before = snapshots.runs();
    side.inbox().read(n -> {
      try {
        return snapshots.writeBeside(store, side.model().state(), n, side.model().position(), side.model().eventsApplied(), true);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).putInPlace();
    for (PostsSection.Run run : before) {
      assertThat(runFile(snapshots, run)).as("a replaced run").doesNotExist();
      assertThat(keys.key(runKey(run), Snapshots.KEY_PERIOD)).as("a replaced run's key").isNull();
    }
    assertEveryPostInOneRun(snapshots, side, file, "every post in one run");
  }

  @Test
  void everyPostIsWrittenAgain_onceTheLaterRunsAreAsLargeAsTheFirst_orThereAreMany() {
    java.util.function.LongFunction<PostsSection.Run> run = bytes -> new PostsSection.Run("run-" + java.util.UUID.randomUUID(), 1, bytes);
    assertThat(Snapshots.wholeDue(List.of())).as("no runs in place").isTrue();
    assertThat(Snapshots.wholeDue(List.of(run.apply(1_000)))).isFalse();
    assertThat(Snapshots.wholeDue(List.of(run.apply(1_000), run.apply(600), run.apply(399)))).isFalse();
    assertThat(Snapshots.wholeDue(List.of(run.apply(1_000), run.apply(600), run.apply(400)))).isTrue();
    List<PostsSection.Run> many = new ArrayList<>(List.of(run.apply(1_000_000)));
    while (many.size() < Snapshots.MAX_RUNS - 1) many.add(run.apply(10));
    assertThat(Snapshots.wholeDue(many)).isFalse();
    many.add(run.apply(10));
    assertThat(Snapshots.wholeDue(many)).as("as many runs as a snapshot may list").isTrue();
  }

  /** Posts packed outside a snapshot (as a long replay packs them) are in no run: the next snapshot writes every post. */
  @Test
  void afterPostsWerePackedOutsideASnapshot_theNextWritesEveryPost() throws Exception {
    Path file = dir.resolve("packed-outside.snapshot");
    Snapshots snapshots = snapshots(file);
    Side side = firstHalfSnapshotted(snapshots);
    side.apply(all.subList(all.size() / 2, all.size()));
    side.model().exclusive(() -> assertThat(side.model().posts.packObjects()).isTrue());
    write(snapshots, side);
    assertEveryPostInOneRun(snapshots, side, file, "every post, some packed outside a snapshot");
  }

  /** The snapshot in place lists one run, of every post, and reads back as the whole log's read side. */
  private void assertEveryPostInOneRun(Snapshots snapshots, Side side, Path file, String what) {
    assertThat(snapshots.runs()).hasSize(1);
    assertThat(snapshots.runs().get(0).records()).isEqualTo(side.model().posts.size());
    assertSame(Side.of(snapshots(file).restore(store).orElseThrow()).dump(), whole, what);
  }

  /** Another index, or one restored anew, has records no run in place holds: its snapshot writes every post. */
  @Test
  void aSnapshotOfAnotherIndex_writesEveryPost() throws Exception {
    Path file = dir.resolve("other-index.snapshot");
    Snapshots snapshots = snapshots(file);
    Side early = firstHalfSnapshotted(snapshots);
    Side side = Side.empty().apply(all);
    write(snapshots, side);
    assertEveryPostInOneRun(snapshots, side, file, "another index's snapshot");
  }

  @Test
  void aRunMissingOrDamaged_makesTheSnapshotIgnored_andEveryRunAndKeyGoes() throws Exception {
    for (boolean missing : new boolean[] {true, false}) {
      Path file = dir.resolve("run-" + (missing ? "missing" : "damaged") + ".snapshot");
      Snapshots snapshots = snapshots(file);
      Side side = firstHalfSnapshotted(snapshots);
      side.apply(all.subList(all.size() / 2, all.size()));
      write(snapshots, side);
      List<PostsSection.Run> runs = snapshots.runs();
      assertThat(runs).hasSize(2);
      Path first = runFile(snapshots, runs.get(0));
      if (missing) Files.delete(first);
      else flipByteAt(first, Files.size(first) / 2);
      String key = keyOf(file);
      assertIgnored(snapshots(file), file, key);
      for (PostsSection.Run run : runs) {
        assertThat(runFile(snapshots, run)).doesNotExist();
        assertThat(keys.key(runKey(run), Snapshots.KEY_PERIOD)).isNull();
      }
    }
  }

  @Test
  void aRunTheSnapshotDoesNotList_isRemovedAtStart_withItsKey() throws Exception {
    Path file = fresh("stray-run");
    Snapshots snapshots = snapshots(file);
    String stray = "run-" + java.util.UUID.randomUUID();
    keys.create("$snapshot/" + stray, Snapshots.KEY_PERIOD);
    Path strayFile = snapshots.runsDirectory().resolve(stray);
    Files.writeString(strayFile, "a run a crash left behind");
    assertThat(snapshots.restore(store)).isPresent();
    assertThat(strayFile).doesNotExist();
    assertThat(keys.key("$snapshot/" + stray, Snapshots.KEY_PERIOD)).isNull();
    assertThat(snapshots.runs()).hasSize(1);
    assertThat(runFile(snapshots, snapshots.runs().get(0))).exists();
  }

  // ---------------------------------------------------------------- what is not trusted

  /** A fresh snapshot of the whole log in its own file. */
  private Path fresh(String name) {
    Path file = dir.resolve(name + ".snapshot");
    write(snapshots(file), Side.empty().apply(all));
    return file;
  }

  /** Where a snapshot at {@code file} names the keys of a write not yet in place. */
  private static Path pendingKeyFile(Path file) {
    return file.resolveSibling(file.getFileName() + ".pending-key");
  }

  /** A snapshot of the first half of the log in place (under {@code key}), and a read side of the whole log to write next. */
  private record HalfInPlace(Snapshots snapshots, Side early, Side whole, String key) {}

  private HalfInPlace halfInPlace(Path file) throws IOException {
    Snapshots snapshots = snapshots(file);
    Side early = Side.empty().apply(all.subList(0, all.size() / 2));
    write(snapshots, early);
    return new HalfInPlace(snapshots, early, Side.empty().apply(all), keyOf(file));
  }

  private String keyOf(Path file) throws IOException {
    try (SnapshotFile.Opened o = SnapshotFile.open(file)) {
      return o.header().keyId();
    }
  }

  /** Ignored: nothing restored, the file gone, its key destroyed. */
  private void assertIgnored(Snapshots snapshots, Path file, String key) {
    assertThat(snapshots.restore(store)).isEmpty();
    assertThat(file).doesNotExist();
    if (key != null) assertThat(keys.key(key, Snapshots.KEY_PERIOD)).as("the ignored snapshot's key").isNull();
  }

  private static void flipByteAt(Path file, long at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x40);
    }
  }

  @Test
  void aDamagedSnapshot_anywhere_isIgnored() throws Exception {
    for (double where : new double[] {0.3, 0.6, 0.9}) {
      Path file = fresh("damaged-" + where);
      String key = keyOf(file);
      flipByteAt(file, (long) (Files.size(file) * where));
      assertIgnored(snapshots(file), file, key);
    }
    // the index at the end, which is not sealed: where the last chunk starts, and where the index starts
    for (int fromEnd : new int[] {30, 25}) {
      Path file = fresh("damaged-index-" + fromEnd);
      String key = keyOf(file);
      flipByteAt(file, Files.size(file) - fromEnd);
      assertIgnored(snapshots(file), file, key);
    }
    Path truncated = fresh("truncated");
    String key = keyOf(truncated);
    try (RandomAccessFile f = new RandomAccessFile(truncated.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    assertIgnored(snapshots(truncated), truncated, key);
    Path notOne = dir.resolve("not-one.snapshot");
    Files.writeString(notOne, "hello");
    assertIgnored(snapshots(notOne), notOne, null);
  }

  @Test
  void aSnapshotWithAnEditedHeader_doesNotOpen() throws Exception {
    Path file = fresh("edited-header");
    String key = keyOf(file);
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    // the same length, another promise: every chunk is bound to the header it was written under
    String edited = text.replaceFirst("\"written\":\"2", "\"written\":\"1");
    assertThat(edited).isNotEqualTo(text);
    Files.write(file, edited.getBytes(StandardCharsets.ISO_8859_1));
    assertIgnored(snapshots(file), file, key);
  }

  @Test
  void aSnapshotOfAnotherBuild_orOtherSettings_orWhoseKeyIsGone_isIgnored() throws Exception {
    Path other = fresh("other-build");
    String key = keyOf(other);
    assertIgnored(new Snapshots(other, keys, HOME, FAN_OUT, true, "another build"), other, key);

    Path settings = fresh("other-settings");
    key = keyOf(settings);
    assertIgnored(new Snapshots(settings, keys, HOME + 1, FAN_OUT, true), settings, key);

    Path keyless = fresh("keyless");
    keys.destroy(keyOf(keyless));
    assertIgnored(snapshots(keyless), keyless, null);
  }

  @Test
  void aSnapshotOfAnotherLog_orAheadOfTheLog_isIgnored() throws Exception {
    Path file = fresh("another-log");
    String key = keyOf(file);
    Path otherDir = dir.resolve("other-log");
    EventStore otherLog = SqliteEventStore.open(vertx, otherDir).toCompletionStage().toCompletableFuture().get();
    try {
      no.deling.load.replay.OfflineImport.importOrganisation(vertx, otherLog, all.size() + 50, 99);
      assertThat(otherLog.headPosition()).as("long enough to hold the snapshot's position").isGreaterThanOrEqualTo(all.get(all.size() - 1).position());
      assertThat(snapshots(file).restore(otherLog)).as("the event at its position is another").isEmpty();
      assertThat(file).doesNotExist();
      assertThat(keys.key(key, Snapshots.KEY_PERIOD)).isNull();
    } finally {
      otherLog.close().toCompletionStage().toCompletableFuture().get();
    }

    Path ahead = fresh("ahead");
    EventStore empty = SqliteEventStore.open(vertx, dir.resolve("empty-log")).toCompletionStage().toCompletableFuture().get();
    try {
      key = keyOf(ahead);
      assertThat(snapshots(ahead).restore(empty)).isEmpty();
      assertThat(ahead).doesNotExist();
      assertThat(keys.key(key, Snapshots.KEY_PERIOD)).isNull();
    } finally {
      empty.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  @Test
  void writingAgain_destroysTheKeyOfTheSnapshotBefore_andAWriteCutShortLeavesNoKey() throws Exception {
    Path file = dir.resolve("rewritten.snapshot");
    Snapshots snapshots = snapshots(file);
    Side side = Side.empty().apply(all);
    write(snapshots, side);
    String first = keyOf(file);
    write(snapshots, side);
    String second = keyOf(file);
    assertThat(second).isNotEqualTo(first);
    assertThat(keys.key(first, Snapshots.KEY_PERIOD)).as("the replaced snapshot's key").isNull();
    assertThat(keys.key(second, Snapshots.KEY_PERIOD)).isNotNull();

    // a crash after the key was made and before the file was renamed: the next start destroys the key
    String orphan = "$snapshot/cut-short";
    keys.create(orphan, Snapshots.KEY_PERIOD);
    Files.writeString(pendingKeyFile(file), orphan);
    Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), "half a snapshot");
    assertThat(snapshots(file).restore(store)).isPresent();
    assertThat(keys.key(orphan, Snapshots.KEY_PERIOD)).isNull();
    assertThat(file.resolveSibling(file.getFileName() + ".tmp")).doesNotExist();
    assertThat(pendingKeyFile(file)).doesNotExist();
  }

  /**
   * Killed after the new snapshot was renamed into place and before its pending-key file was
   * removed (kill -9 in CrashRecoveryTest hit it): the next start reads that snapshot, keeping its
   * keys, and destroys the key of the one it replaced. Destroying every key the file names made
   * the snapshot in place unreadable and the start replay the whole log.
   */
  @Test
  void killedAfterTheRenameBeforeThePendingFileWent_theNewSnapshotIsRead_andTheReplacedOnesKeyDestroyed() throws Exception {
    Path file = dir.resolve("renamed-then-killed.snapshot");
    Path pendingFile = pendingKeyFile(file);
    HalfInPlace half = halfInPlace(file);
    Snapshots snapshots = half.snapshots();
    Side side = half.whole();
    String replaced = half.key();
    Snapshots.Pending pending = besides(snapshots, side);
    String leftByTheCrash = Files.readString(pendingFile);
    pending.putInPlace();
    // the state a kill between the rename and the removal leaves: the file, the old key, the pending file
    keys.create(replaced, Snapshots.KEY_PERIOD);
    Files.writeString(pendingFile, leftByTheCrash);
    String inPlace = keyOf(file);
    assertThat(leftByTheCrash).contains(inPlace).contains(replaced);

    Snapshots.Restored r = snapshots(file).restore(store).orElseThrow();
    assertThat(r.position()).isEqualTo(side.model().position());
    assertSame(Side.of(r).dump(), whole, "the snapshot renamed into place before the kill");
    assertThat(keys.key(inPlace, Snapshots.KEY_PERIOD)).isNotNull();
    assertThat(keys.key(replaced, Snapshots.KEY_PERIOD)).as("the replaced snapshot's key").isNull();
    assertThat(pendingFile).doesNotExist();
  }

  @Test
  void aSnapshotWrittenBeside_isNotInPlaceUntilPut_andOneAbandonedLeavesTheOldOneAndNoKey() throws Exception {
    Path file = dir.resolve("beside.snapshot");
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    HalfInPlace half = halfInPlace(file);
    Snapshots snapshots = half.snapshots();
    Side early = half.early();
    Side side = half.whole();
    String old = half.key();

    Snapshots.Pending pending = besides(snapshots, side);
    assertThat(pending.position()).isEqualTo(side.model().position());
    assertThat(temp).exists();
    assertThat(keyOf(file)).as("the snapshot in place until this one is put there").isEqualTo(old);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> besides(snapshots, side)).as("one at a time")
        .isInstanceOf(IllegalStateException.class);
    Snapshots.Written written = pending.putInPlace();
    assertThat(written.position()).isEqualTo(side.model().position());
    assertThat(temp).doesNotExist();
    assertThat(keys.key(old, Snapshots.KEY_PERIOD)).as("the replaced snapshot's key").isNull();
    assertSame(Side.of(snapshots(file).restore(store).orElseThrow()).dump(), whole, "the snapshot put in place");

    String inPlace = keyOf(file);
    Snapshots.Pending abandoned = besides(snapshots, early);
    abandoned.abandon();
    assertThat(temp).doesNotExist();
    assertThat(pendingKeyFile(file)).doesNotExist();
    assertThat(keyOf(file)).isEqualTo(inPlace);
    assertThat(keys.key(inPlace, Snapshots.KEY_PERIOD)).isNotNull();
    assertThat(snapshots(file).restore(store).orElseThrow().position()).isEqualTo(side.model().position());
    besides(snapshots, early).abandon(); // and the next may be written
  }

  private Snapshots.Pending besides(Snapshots snapshots, Side side) {
    return side.inbox().read(n -> {
      try {
        return snapshots.writeBeside(store, side.model().state(), n, side.model().position(), side.model().eventsApplied());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }
}
