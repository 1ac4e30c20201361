package no.deling.readmodel.snapshot;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import no.deling.core.eventstore.EventStore;
import no.deling.notifications.Inbox;
import no.deling.readmodel.ReadModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the read side's snapshots on the projection thread, between batches, so the models and
 * the notifications stand still at one position while they are written: every {@code every}
 * events applied, when asked (after an erasure or retention, at shutdown), and once after a
 * start-up that had to replay much of the log. Reads go on meanwhile (the write holds the read
 * lock); applying new events waits. Read-your-writes waits for a snapshot as for any batch when
 * the last one took less than {@link #LONG_PAUSE_NANOS}; on a log whose snapshots take longer, a
 * write is answered at once instead, as when its wait times out (see {@link ReadModel#pausedFor}).
 *
 * <p>A periodic snapshot also waits until {@code spacing} times as long as the last one took (to
 * its file being in place) has passed since it ended, so snapshots take at most about 1/(1 +
 * spacing) of the time (a twenty-first by default), whatever the rate of events: a crash then replays at most
 * {@code every} events after a snapshot at ordinary rates, and more only under a sustained flood, up
 * to {@code maxTail}: with that many applied since the last one, the next is taken without waiting
 * (on 12-15 million events a snapshot paused applying 3-5 s under a flood, and twenty times that
 * let a 90-second flood leave 840,000-937,000 events for a crash to replay: 13.4-14.4 s to ready).
 *
 * <p>Only writing a snapshot beside the old one makes applying wait, and not all of that: the posts,
 * most of a snapshot, are frozen as records ({@code PostIndex#freeze}: only those kept as objects,
 * the ones published or changed since the last snapshot, are encoded then, and are kept as those
 * records from then on) and written out after applying resumed (on 1.5 million posts under wrk,
 * applying had waited 0.4 s of a 0.6 s snapshot). Finishing the posts, syncing the file and putting
 * it in place of the old one happen on threads of their own ({@code deling-snapshot-sync}) while
 * applying goes on: the next snapshot, or the one at shutdown, first waits for that.
 */
public final class SnapshotTaker {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotTaker.class);
  /**
   * A snapshot that took this long or more makes the next one a pause that read-your-writes does
   * not wait for: seconds on ten million events, against milliseconds on a small log, where
   * waiting keeps a write's answer and the reads after it consistent.
   */
  static final long LONG_PAUSE_NANOS = 1_000_000_000L;
  private final io.vertx.core.Vertx vertx;
  /** null: snapshots are off */
  private final Snapshots snapshots;
  private final EventStore store;
  private final ReadModel model;
  private final Inbox inbox;
  private final long every;
  /** A periodic snapshot waits this many times the last one's duration after it. */
  private final int spacing;
  /** ... unless this many events were applied since the last one (0: no bound). */
  private final long maxTail;
  /** What a periodic snapshot must leave free on its disk for the log (see {@link Snapshots#roomForAnother}). */
  private final long diskReserve;
  /** Periodic snapshots skipped for want of disk space, and whether the last was (to log once when it starts and ends). */
  private final java.util.concurrent.atomic.AtomicLong skippedForSpace = new java.util.concurrent.atomic.AtomicLong();
  private boolean skipping;
  /** Events the read side held before this process applied any (from the snapshot it started from). */
  private final long restoredEvents;
  private Executor projectionThread;
  private final long startedFrom;
  private volatile long lastWritten;
  /** {@link ReadModel#eventsApplied()} when the snapshot on disk was taken; projection thread only. */
  private long appliedAtLast;
  /**
   * {@link System#nanoTime} before which no periodic snapshot is taken: set on the projection thread
   * when applying resumes, and moved on by the placing thread once the file is whole (the posts are
   * written after applying resumed, and their CPU is spaced out too).
   */
  private volatile long notBefore;
  /** How long the last snapshot took (0: none yet); projection thread only. */
  private long lastNanos;
  private volatile boolean onDisk;
  private volatile boolean periodic;
  /** For /metrics: snapshots this server wrote, and how long the newest paused applying (seconds). */
  private volatile long writtenCount;
  private volatile double lastPauseSeconds;
  /**
   * An erasure or retention was applied since the snapshot on disk was taken (by this server or
   * another on the same log): that snapshot still holds the words, so a new one replaces it at
   * the next batch (at start-up: before serving). Projection thread.
   */
  private volatile boolean shredDue;
  /** Syncs written snapshots and puts them in place, one at a time, in order. */
  private final ExecutorService placing = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
    Thread t = new Thread(task, "deling-snapshot-sync"); // gone when idle: a test JVM starts hundreds of servers
    t.setDaemon(true);
    return t;
  });
  /** The newest snapshot's sync and putting in place (done when none is under way); set on the projection thread. */
  private volatile CompletableFuture<Snapshots.Written> inPlace = CompletableFuture.completedFuture(null);

  /**
   * @param every events applied between snapshots (0: only when asked)
   * @param maxTail events applied since the last snapshot beyond which the next one does not wait for {@code spacing} (0: no bound)
   */
  public SnapshotTaker(io.vertx.core.Vertx vertx, Snapshots snapshots, EventStore store, ReadModel model, Inbox inbox, long every,
      int spacing, long maxTail, long diskReserve, Snapshots.Restored restored) {
    this.diskReserve = diskReserve;
    this.vertx = vertx;
    this.startedFrom = restored == null ? 0 : restored.position();
    this.lastWritten = startedFrom;
    this.snapshots = snapshots;
    this.store = store;
    this.model = model;
    this.inbox = inbox;
    this.every = every;
    this.spacing = spacing;
    this.maxTail = maxTail;
    this.restoredEvents = restored == null ? 0 : restored.events();
    this.onDisk = restored != null;
    this.notBefore = System.nanoTime();
  }

  /** The position of the snapshot this server started from (0: it replayed the whole log). */
  public long startedFrom() {
    return startedFrom;
  }

  /** The position of the newest snapshot on disk that this server read or wrote (0: none). */
  public long lastWritten() {
    return lastWritten;
  }

  /** Snapshots this server has written since it started. */
  public long writtenCount() {
    return writtenCount;
  }

  /** How long the newest snapshot this server wrote kept the projection from applying events (0: none yet). */
  public double lastPauseSeconds() {
    return lastPauseSeconds;
  }

  /** After the listeners that hand work over after each batch (the notifications'): a snapshot waits for them. */
  public void wire(Executor projectionThread) {
    this.projectionThread = projectionThread;
    model.onApplied((event, position) -> {
      if (event instanceof no.deling.users.UserEvent.PersonErased || event instanceof no.deling.privacy.RetentionEvent.RetentionApplied) {
        shredDue = true;
      }
    });
    model.afterEachBatch(this::afterBatch);
  }

  /**
   * Start-up, after replaying the log: if what was replayed erased anyone, the snapshot it started
   * from is replaced before anyone is served; else, if much was replayed, one is written meanwhile.
   */
  public Future<Void> afterStartup(long replayedEnough) {
    if (snapshots == null) return Future.succeededFuture();
    if (shredDue) return shredOld(model.position());
    if (model.eventsApplied() >= replayedEnough) {
      takeNow().onFailure(e -> LOG.error("could not write a read-model snapshot after start-up", e));
    }
    return Future.succeededFuture();
  }

  /** Start-up is over: from now on snapshots are taken every {@code every} events. */
  public void serving() {
    periodic = true;
  }

  private void afterBatch() {
    if (snapshots == null) return;
    if (!periodic) {
      packDuringReplay();
      return;
    }
    if (!shredDue && !due(model.eventsApplied() - appliedAtLast, System.nanoTime() - notBefore >= 0, every, maxTail)) return;
    if (!shredDue && !roomForAnother()) return; // an erasure's snapshot is written regardless: else the old one's key goes
    try {
      take(); // a failure to put it in place is logged (and handled) where it happens
    } catch (IOException | RuntimeException e) {
      // the log is the truth: without a new snapshot a restart replays more of it, nothing else
      appliedAtLast = model.eventsApplied();
      if (shredDue) {
        try {
          destroyOnDisk();
        } catch (IOException shredFailed) {
          LOG.error("could not destroy the old read-model snapshot's key either", shredFailed);
        }
      }
      LOG.error("could not write a read-model snapshot at position {}; the next is due in {} events", model.position(), every, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Whether the disk has room for a periodic snapshot and the log after it. The snapshot is only a
   * shortcut for restarts; on a nearly full disk, writing it beside the one in place could take the
   * last space the log needs for writes people are waiting on. Skipped, it is tried again after
   * another {@code every} events. Projection thread.
   */
  private boolean roomForAnother() {
    boolean room;
    try {
      room = snapshots.roomForAnother(diskReserve);
    } catch (IOException e) {
      room = true; // the file system would not say: write it, as before
    }
    if (room) {
      if (skipping) LOG.info("read-model snapshots are written again: the disk has room");
      skipping = false;
      return true;
    }
    appliedAtLast = model.eventsApplied();
    skippedForSpace.incrementAndGet();
    if (!skipping) {
      LOG.warn("read-model snapshot skipped at position {}: writing it would leave less than {} MB free for the log "
          + "(DELING_SNAPSHOT_DISK_RESERVE_MB); tried again every {} events, and a restart replays more of the log meanwhile",
          model.position(), diskReserve >> 20, every);
    }
    skipping = true;
    return false;
  }

  /** Periodic snapshots skipped because the disk had too little room (see {@link #roomForAnother}). */
  public long skippedForSpace() {
    return skippedForSpace.get();
  }

  /**
   * Whether a periodic snapshot is due, {@code since} events after the last one, {@code spaced} once
   * the wait after it is over: every {@code every} events, after the wait, and regardless of the
   * wait once {@code maxTail} (above 0) are waiting.
   */
  static boolean due(long since, boolean spaced, long every, long maxTail) {
    if (since < every) return false;
    return spaced || (maxTail > 0 && since >= maxTail);
  }

  /** A snapshot now, on the projection thread; completes with null when the one on disk is current. */
  public Future<Snapshots.Written> takeNow() {
    if (snapshots == null) return Future.succeededFuture();
    Promise<Snapshots.Written> done = Promise.promise();
    projectionThread.execute(() -> {
      try {
        // answered on the projection thread, as a snapshot taken whole there would be
        take().whenComplete((written, failure) -> projectionThread.execute(() -> {
          if (failure == null) done.complete(written);
          else done.fail(failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure);
        }));
      } catch (IOException | RuntimeException e) {
        done.fail(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        done.fail(e);
      }
    });
    return done.future();
  }

  /**
   * A replay keeps the posts it applies as objects until a snapshot packs them; on a long one (from
   * the start, after an upgrade) the snapshot after it encoded millions with applying stopped. So
   * every {@link #PACK_DURING_REPLAY} posts, the replay packs them itself (see {@code PostIndex#packObjects}).
   */
  private void packDuringReplay() {
    if (model.posts.objectCount() < PACK_DURING_REPLAY) return;
    model.exclusive(model.posts::packObjects);
  }

  /** Posts kept as objects during a replay before they are packed into records. */
  static final int PACK_DURING_REPLAY = 1_000_000;

  /**
   * After an erasure or retention destroyed keys and was recorded at {@code position}: what the
   * snapshot on disk holds of those words goes too, by writing a new one (its key replaces the old one's) or, failing that, by
   * destroying the old one's key. Completes when one of the two is done.
   */
  public Future<Void> shredOld(long position) {
    if (snapshots == null) return Future.succeededFuture();
    // the snapshot must be of a read side that has applied the erasure (or retention) at position
    return model.awaitPosition(vertx, position, 60_000).compose(v -> takeNow()).<Void>mapEmpty().recover(failure -> {
      LOG.error("could not write a read-model snapshot after destroying keys; destroying the old one's key instead", failure);
      try {
        destroyOnDisk();
        return Future.succeededFuture();
      } catch (IOException e) {
        return Future.failedFuture(e);
      }
    });
  }

  /** A new snapshot could not replace the one on disk after words were erased: that one's key goes instead. */
  private void destroyOnDisk() throws IOException {
    snapshots.shred();
    shredDue = false;
    onDisk = false;
    lastWritten = 0;
  }

  /**
   * Writes a snapshot while the models stand still, and hands it to {@link #placing} to be synced
   * and put in place; the future completes when it is (with null when the one on disk is current).
   * Projection thread.
   */
  private CompletableFuture<Snapshots.Written> take() throws IOException, InterruptedException {
    awaitInPlace();
    long applied = model.eventsApplied();
    if (onDisk && applied == appliedAtLast && !shredDue) return CompletableFuture.completedFuture(null);
    boolean shredding = shredDue;
    if (model.position() == 0) return CompletableFuture.completedFuture(null); // an empty log: nothing to keep
    inbox.drain();
    model.exclusive(model.posts::settle); // what the last snapshot's posts section kept from being taken out
    Snapshots.Pending pending;
    long started = System.nanoTime();
    try {
      java.util.function.Supplier<Snapshots.Pending> write = () -> model.read(() -> inbox.read(notifications -> {
        try {
          return snapshots.writeBeside(store, model.state(), notifications, model.position(), restoredEvents + applied, shredding);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }));
      // read-your-writes does not wait for a pause of seconds: a write is answered (durable) as when its wait times out
      pending = lastNanos >= LONG_PAUSE_NANOS ? model.pausedFor("a snapshot is being written", write) : write.get();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    long ended = System.nanoTime();
    // the posts the snapshot encoded are kept as its records from now on: the next one encodes only what changes
    model.exclusive(model.posts::packFrozen);
    lastNanos = ended - started;
    notBefore = ended + spacing * lastNanos;
    appliedAtLast = applied;
    // the snapshot being put in place holds every erasure applied so far; if it cannot be, the old one is destroyed below
    if (shredding) shredDue = false;
    double paused = lastNanos / 1e9;
    CompletableFuture<Snapshots.Written> placed = CompletableFuture.supplyAsync(() -> {
      try {
        return pending.putInPlace();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, placing);
    inPlace = placed.whenComplete((written, failure) -> {
      long now = System.nanoTime();
      notBefore = now + spacing * (now - started);
      if (failure == null) {
        lastPauseSeconds = paused;
        onDisk = true;
        lastWritten = written.position();
        writtenCount++; // the placing thread only; last, so whoever sees the count sees the rest
        LOG.info("read-model snapshot written: position {}, {} MB in {} s (applying waited {} s of it)", written.position(),
            written.bytes() >> 20, String.format("%.2f", written.seconds()), String.format("%.2f", paused));
        return;
      }
      LOG.error("could not put the read-model snapshot at position {} in place; the next is due in {} events", pending.position(), every,
          failure);
      if (shredding) {
        try {
          destroyOnDisk();
        } catch (IOException shredFailed) {
          LOG.error("could not destroy the old read-model snapshot's key either", shredFailed);
        }
      }
    });
    return inPlace;
  }

  /**
   * Waits until the snapshot before is in place (or could not be): the next is written beside the
   * same name. Blocks the projection thread (a worker, never an event loop), for at most the sync of
   * one file, and only when snapshots follow each other that closely (at shutdown, after an erasure).
   */
  private void awaitInPlace() throws InterruptedException {
    try {
      inPlace.get();
    } catch (ExecutionException failedAndLogged) {
      // the old snapshot stayed (or was destroyed, after an erasure); a new one may be written
    }
  }
}
