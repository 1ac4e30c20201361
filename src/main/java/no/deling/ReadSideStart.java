package no.deling;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.LogEvent;
import no.deling.core.eventstore.LogPages;
import no.deling.core.projection.ProjectionEngine;
import no.deling.notifications.Inbox;
import no.deling.privacy.sealing.SealedEventStore;
import no.deling.readmodel.ReadModel;
import no.deling.readmodel.snapshot.Snapshots;
import no.deling.search.SearchIndexer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the read side starts, and what a start from a snapshot owes the listeners: the snapshot on
 * disk when it can be trusted (or nothing, and the whole log is replayed); the stream's resume
 * window, told again the events from before the snapshot; the search index, given what it had not
 * indexed. {@link DelingServer} wires the rest.
 */
final class ReadSideStart {
  private static final Logger LOG = LoggerFactory.getLogger(ReadSideStart.class);

  private ReadSideStart() {}

  /** The read models and notifications to start from, and the snapshot they came from (null: none). */
  record ReadSide(ReadModel model, Inbox inbox, Snapshots snapshots, Snapshots.Restored restored, WindowRead window) {
    static ReadSide empty(Config config, Snapshots snapshots) {
      return new ReadSide(new ReadModel(config.homeTimelineSize(), config.fanOutLimit(), config.pulse()), new Inbox(), snapshots, null, null);
    }
  }

  /**
   * The live stream's resume window, read from the log and decoded while a snapshot is read back
   * (the events after {@code after}), so that the window is rebuilt without reading the log after
   * the snapshot, and without decoding on the start's critical path.
   */
  static final class WindowRead {
    /** One page of the log and its events decoded. */
    record Page(List<LogEvent> events, ProjectionEngine.Decoded decoded) {}

    final long after;
    final CompletableFuture<List<Page>> pages = new CompletableFuture<>();
    volatile boolean cancelled;

    private WindowRead(long after) {
      this.after = after;
    }

    static WindowRead start(EventStore store, int retention) throws Exception {
      long after = store.positionBeforeNewest(retention).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      long head = store.headPosition();
      WindowRead w = new WindowRead(after);
      Thread t = new Thread(() -> {
        try {
          // a decoder of its own: the read model's belongs to the projection thread
          ProjectionEngine.Decoder decoder = ReadModel.separateDecoder();
          List<Page> out = new ArrayList<>();
          LogPages.read(store, after, head, () -> w.cancelled, page -> out.add(new Page(page, decoder.decode(page))));
          w.pages.complete(out);
        } catch (Throwable e) {
          w.pages.completeExceptionally(e);
        }
      }, "deling-stream-window");
      t.setDaemon(true);
      t.start();
      return w;
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
    Snapshots snapshots = new Snapshots(snapshotFile(config), sealed.keys(), config.homeTimelineSize(),
        config.fanOutLimit(), config.pulse());
    return vertx.executeBlocking(() -> {
      if (!config.snapshots()) {
        // off: a snapshot left from before may hold words erased since, and is never read again
        snapshots.discard();
        return ReadSide.empty(config, null);
      }
      // beside the snapshot, on threads of their own: the log's newest events, for the stream's resume window
      WindowRead window = Files.exists(snapshots.file()) ? WindowRead.start(store, config.streamRetention()) : null;
      Snapshots.Restored r = snapshots.restore(store).orElse(null);
      if (r == null) {
        if (window != null) window.cancelled = true;
        return ReadSide.empty(config, snapshots);
      }
      return new ReadSide(new ReadModel(r.state(), r.position()), new Inbox(r.notifications(), r.position()), snapshots, r, window);
    }, false);
  }

  /**
   * After a snapshot was read back, the listeners hear again the events from {@code after} up to
   * the snapshot's position (the live stream's resume window, what the search index had not yet
   * indexed), read from the log on a worker. The read models are not touched.
   */
  static Future<Void> replayToListeners(Vertx vertx, EventStore store, ReadModel model, long after, WindowRead window) {
    long upTo = model.position();
    if (after >= upTo) return Future.succeededFuture();
    // the index marks what it has not indexed yet; the rest of its backlog is read while serving
    return vertx.executeBlocking(() -> {
      long started = System.nanoTime();
      List<WindowRead.Page> pages = null;
      try {
        if (window != null && window.after <= after) pages = window.pages.get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("the stream window's events could not be read beside the snapshot ({}); reading them again", e.toString());
      }
      long told = 0;
      if (pages == null) {
        told = LogPages.read(store, after, upTo, () -> false, model::replayToListeners);
      } else {
        for (WindowRead.Page page : pages) told += model.replayToListeners(page.events(), page.decoded(), after);
      }
      LOG.info("events before the snapshot told again to the stream's resume window: {} in {} s", told,
          String.format("%.2f", (System.nanoTime() - started) / 1e9));
      return null;
    }, false);
  }

  /**
   * After a snapshot was read back, while serving: what the search index had not indexed before
   * the snapshot's position (up to {@code upTo}; the stream window's replay marked the rest) is read
   * from the log and indexed from the read side as it is now.
   */
  static void backfillSearch(EventStore store, ReadModel model, SearchIndexer indexer, long upTo) {
    long from = indexer.position();
    if (from >= upTo) return;
    // a thread of its own: a long backlog would hold a worker past Vert.x's blocked-thread limit
    Thread backfill = new Thread(() -> {
      try {
        long started = System.nanoTime();
        long read = LogPages.read(store, from, upTo, indexer::stopped, page -> indexer.backfill(model.withImplied(model.decode(page).events())));
        if (indexer.stopped()) return; // shutting down: the index keeps its checkpoint, and the next start reads on
        indexer.backlogDone();
        LOG.info("search index: {} events from before the snapshot read again in {} s", read,
            String.format("%.2f", (System.nanoTime() - started) / 1e9));
      } catch (Exception e) {
        if (indexer.stopped()) LOG.info("search index: shut down while reading the log it missed; the next start reads it again");
        else LOG.error("search index: could not read the log it missed; a restart tries again", e);
      }
    }, "deling-search-backfill");
    backfill.setDaemon(true);
    backfill.start();
  }
}
