package no.deling.bench;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import no.deling.Config;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.Subscription;
import no.deling.core.eventstore.sqlite.SqliteEventStore;
import no.deling.load.org.Args;
import no.deling.load.replay.OfflineImport;
import no.deling.notifications.Inbox;
import no.deling.privacy.sealing.SealedEventStore;
import no.deling.readmodel.ReadModel;
import no.deling.readmodel.snapshot.Snapshots;

/**
 * What a read-model snapshot costs, on the log {@link RebuildBenchmark} keeps on disk: replays
 * the whole log (as a start-up without a snapshot does), writes a snapshot of the result, and
 * reads it back several times (as a start-up with one does), printing the time and size of each.
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.mainClass=no.deling.bench.SnapshotBenchmark
 * -Dexec.args="--events 1000000 --rounds 3"}; {@code --every-post} writes every post in each round, as
 * the first does (after it, a snapshot writes only the posts changed since, as a running server's does).
 */
public final class SnapshotBenchmark {
  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int total = args.intValue("--events", 1_000_000);
    int rounds = Math.max(1, args.intValue("--rounds", 3));
    Path dir = Path.of(args.string("--log", System.getProperty("java.io.tmpdir") + "/deling-rebuild-sealed-" + total));
    if (!Files.exists(dir.resolve("events.db"))) throw new IllegalStateException("no log at " + dir + ": run RebuildBenchmark --events " + total + " first");
    Vertx vertx = Vertx.vertx();
    try {
      EventStore log = SqliteEventStore.open(vertx, dir).toCompletionStage().toCompletableFuture().get();
      SealedEventStore store = (SealedEventStore) OfflineImport.sealed(vertx, log, dir);
      Config defaults = Config.fromEnv(java.util.Map.of());
      long t = System.nanoTime();
      Inbox inbox = new Inbox();
      ReadModel model = replay(vertx, store, defaults, inbox);
      double replay = (System.nanoTime() - t) / 1e9;
      System.out.printf("replayed %,d events in %.2f s (%,.0f/s)%n", model.eventsApplied(), replay, model.eventsApplied() / replay);
      Path file = Files.createTempDirectory("deling-snapshot-bench").resolve("readmodel.snapshot");
      Snapshots snapshots = new Snapshots(file, store.keys(), defaults.homeTimelineSize(), defaults.fanOutLimit(), defaults.pulse());
      // after the first, a snapshot writes only the posts changed since (none here) unless asked for every post
      boolean everyPost = args.flag("--every-post");
      for (int round = 1; round <= rounds; round++) {
        Snapshots.Pending beside = inbox.read(n -> {
          try {
            return snapshots.writeBeside(store, model.state(), n, model.position(), model.eventsApplied(), everyPost);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        model.exclusive(model.posts::packFrozen); // as the server does: the posts it encoded are kept as its records
        Snapshots.Written w = beside.putInPlace();
        System.out.printf("round %d: wrote %,d MB in %.2f s (%.2f s of it while the models stood still)%n", round, w.bytes() >> 20, w.seconds(),
            beside.writeSeconds());
      }
      for (int round = 1; round <= rounds; round++) {
        System.gc();
        long r = System.nanoTime();
        Snapshots.Restored restored = snapshots.restore(store).orElseThrow();
        double seconds = (System.nanoTime() - r) / 1e9;
        ReadModel back = new ReadModel(restored.state(), restored.position());
        System.out.printf("round %d: read back position %,d (%,d posts, notifications for %,d people) in %.2f s%n", round, back.position(),
            back.posts.size(), restored.notifications().recipients(), seconds);
      }
      System.out.printf("RESULT replay=%.2f%n", replay);
      store.close().toCompletionStage().toCompletableFuture().get();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  /** As the server replays: notifications kept too (the stream window is left out: it is not in a snapshot). */
  private static ReadModel replay(Vertx vertx, EventStore store, Config c, Inbox inbox) throws Exception {
    ReadModel model = new ReadModel(c.homeTimelineSize(), c.fanOutLimit(), c.pulse());
    long head = store.headPosition();
    no.deling.stream.WhenEventAppliedPublishToStreams.wire(model, new no.deling.stream.StreamHub(model, 1, 1, head), inbox, head);
    CompletableFuture<Void> done = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      Subscription[] sub = new Subscription[1];
      sub[0] = store.subscribeToAll(0, model::decode, (batch, decoded) -> {
        model.apply(batch, decoded);
        if (model.position() >= head && !done.isDone()) {
          sub[0].cancel();
          done.complete(null);
        }
      });
    });
    done.get();
    return model;
  }
}
