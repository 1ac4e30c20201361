package no.deling;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.LogPages;
import no.deling.core.projection.ProjectionEngine;
import no.deling.notifications.Inbox;
import no.deling.privacy.sealing.SealedEventStore;
import no.deling.readmodel.ReadModel;
import no.deling.readmodel.TailPrefetch;
import no.deling.readmodel.snapshot.Snapshots;
import no.deling.search.SearchIndexer;
import no.deling.stream.StreamEntry;
import no.deling.stream.StreamHub;
import no.deling.stream.WhenEventAppliedPublishToStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the read side starts, and what a start from a snapshot owes the listeners: the snapshot on
 * disk when it can be trusted (or nothing, and the whole log is replayed); then, while serving, the
 * stream's resume window, given its entries from before the snapshot, and the search index, given
 * what it had not indexed. {@link DelingServer} wires the rest.
 */
final class ReadSideStart {
  private static final Logger LOG = LoggerFactory.getLogger(ReadSideStart.class);

  private ReadSideStart() {}

  /**
   * The read models and notifications to start from, the snapshot they came from (null: none) and
   * the log after it, read meanwhile (null: none).
   */
  record ReadSide(ReadModel model, Inbox inbox, Snapshots snapshots, Snapshots.Restored restored, TailPrefetch tail) {
    static ReadSide empty(Config config, Snapshots snapshots) {
      return new ReadSide(new ReadModel(config.homeTimelineSize(), config.fanOutLimit(), config.pulse()), new Inbox(), snapshots, null, null);
    }
  }

  private static java.nio.file.Path snapshotFile(Config config) {
    return config.dataDir().resolve("readmodel.snapshot");
  }

  /** Before the log is open: what reading a snapshot will need is got ready on a thread of its own. */
  static void prepare(Config config) {
    if (config.snapshots()) Snapshots.prepare(snapshotFile(config));
  }

  /** The read side from the snapshot on disk, read on a worker, or an empty one. */
  static Future<ReadSide> open(Vertx vertx, Config config, EventStore store) {
    if (!(store instanceof SealedEventStore sealed)) return Future.succeededFuture(ReadSide.empty(config, null));
    return vertx.executeBlocking(() -> {
      // on a worker: making it reads the jar for the build's fingerprint (see Snapshots.prepare)
      Snapshots snapshots = new Snapshots(snapshotFile(config), sealed.keys(), config.homeTimelineSize(),
          config.fanOutLimit(), config.pulse());
      if (!config.snapshots()) {
        // off: a snapshot left from before may hold words erased since, and is never read again
        snapshots.discard();
        return ReadSide.empty(config, null);
      }
      // once the snapshot is known to be good, the log after it is read beside it
      TailPrefetch[] tail = new TailPrefetch[1];
      Snapshots.Restored r = snapshots.restore(store, position -> tail[0] = TailPrefetch.start(store, position)).orElse(null);
      if (r == null) {
        if (tail[0] != null) tail[0].stop();
        return ReadSide.empty(config, snapshots);
      }
      return new ReadSide(new ReadModel(r.state(), r.position()), new Inbox(r.notifications(), r.position()), snapshots, r, tail[0]);
    }, false);
  }

  /**
   * After a snapshot was read back, while serving: the live stream's resume window gets its
   * entries from before the snapshot (after {@code hub.retainedAfter()} up to {@code upTo}), read
   * from the log and made from the read side as it is now, on a thread of their own. Sockets are
   * accepted once they are in (see {@link StreamHub#filled}); on two cores, making them before
   * listening cost a start on ten million events about 2 s (decoding 100,000 events and compiling
   * what decodes them). Call {@link StreamHub#awaitEarlier} before anything is published.
   */
  static void fillStreamWindow(EventStore store, ReadModel model, StreamHub hub, long upTo) {
    if (hub.filled().isComplete()) return; // the window starts after the snapshot: nothing to wait for
    long after = hub.retainedAfter();
    onThreadOfItsOwn("deling-stream-window", () -> {
      try {
        long started = System.nanoTime();
        ProjectionEngine.Decoder decoder = ReadModel.separateDecoder(); // the read model's own belongs to the projection thread
        long read = LogPages.read(store, after, upTo, hub::closing, page -> {
          List<StreamEntry> entries = new ArrayList<>();
          model.tellAgain(page, decoder.decode(page), after, upTo,
              (event, position) -> entries.addAll(WhenEventAppliedPublishToStreams.earlier(event, position, model)));
          hub.addEarlier(entries);
        });
        if (hub.closing()) return;
        hub.earlierDone(null);
        LOG.info("stream resume window: {} events from before the snapshot read again in {} s", read,
            String.format("%.2f", (System.nanoTime() - started) / 1e9));
      } catch (Throwable e) { // whatever it is, sockets must not wait for ever
        if (hub.closing()) return;
        LOG.warn("stream resume window: could not read the events from before the snapshot ({}); resumes from before it refetch", e.toString());
        hub.earlierDone(e);
      }
    });
  }

  /**
   * After a snapshot was read back, while serving: what the search index had not indexed before
   * the snapshot's position (up to {@code upTo}) is read from the log and indexed from the read
   * side as it is now.
   */
  static void backfillSearch(EventStore store, ReadModel model, SearchIndexer indexer, long upTo) {
    long from = indexer.position();
    if (from >= upTo) return;
    // a thread of its own: a long backlog would hold a worker past Vert.x's blocked-thread limit
    onThreadOfItsOwn("deling-search-backfill", () -> {
      try {
        long started = System.nanoTime();
        ProjectionEngine.Decoder decoder = ReadModel.separateDecoder(); // not the projection's, which decodes live batches meanwhile
        long read = LogPages.read(store, from, upTo, indexer::stopped, page -> indexer.backfill(model.withImplied(decoder.decode(page).events())));
        if (indexer.stopped()) return; // shutting down: the index keeps its checkpoint, and the next start reads on
        indexer.backlogDone(upTo);
        LOG.info("search index: {} events from before the snapshot read again in {} s", read,
            String.format("%.2f", (System.nanoTime() - started) / 1e9));
      } catch (Exception e) {
        if (indexer.stopped()) LOG.info("search index: shut down while reading the log it missed; the next start reads it again");
        else LOG.error("search index: could not read the log it missed; a restart tries again", e);
      }
    });
  }

  /** Work after a start that may outlive the JVM's wish to exit (a daemon). */
  private static void onThreadOfItsOwn(String name, Runnable work) {
    Thread t = new Thread(work, name);
    t.setDaemon(true);
    t.start();
  }
}
