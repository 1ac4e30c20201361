package no.deling.core.eventstore.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import no.deling.core.eventstore.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes committed groups durable, then acknowledges them, in commit order, on its own thread.
 *
 * <p>Why: with {@code synchronous=FULL} SQLite fsyncs the WAL inside every commit, so the single
 * writer thread spent ~60% of each group inside the commit, mostly in fsync, and could not prepare the next
 * one. Now the writer commits with {@code synchronous=NORMAL} (the WAL is written but not synced)
 * and hands the group here; one fsync of the WAL file then covers every group committed before it
 * started, while the writer already inserts the next group.
 *
 * <p>Why this is still "acknowledged means on disk": a group is acknowledged only after an fsync
 * of the WAL that began after the group's commit had written its frames. SQLite's recovery replays
 * a WAL only up to the last intact commit frame (frames carry cumulative checksums), so a later
 * group can never survive a crash without an earlier one. Once an fsync fails, the page cache can
 * no longer be trusted: every group not yet acknowledged fails, and so does every later append.
 */
final class WalFlusher {
  private static final Logger LOG = LoggerFactory.getLogger(WalFlusher.class);

  /** Forces the log's new frames to disk. */
  interface Flush {
    void force() throws IOException;
  }

  private record Group(Runnable durable, Consumer<RuntimeException> lost) {}

  private static final Group STOP = new Group(() -> {}, e -> {});

  private final BlockingQueue<Group> queue = new LinkedBlockingQueue<>();
  private final Flush flush;
  private final Thread thread;
  private volatile IOException failure;
  private final Object room = new Object();
  private int unsynced; // guarded by room

  WalFlusher(Flush flush) {
    this.flush = flush;
    this.thread = new Thread(this::loop, "deling-store-flusher");
    thread.setDaemon(true);
    thread.start();
  }

  /** The flush of SQLite's WAL next to {@code database}; the directory is synced once, when the WAL first exists. */
  static Flush ofWal(Path database) {
    Path wal = database.resolveSibling(database.getFileName() + "-wal");
    FileChannel[] channel = new FileChannel[1]; // flusher thread only
    return () -> {
      if (channel[0] == null) {
        if (!Files.exists(wal)) return; // nothing has been committed, so nothing needs syncing
        channel[0] = FileChannel.open(wal, StandardOpenOption.WRITE);
        // the WAL's directory entry must survive a crash as well; some platforms cannot sync a
        // directory this way, and there only the file itself is synced
        try (FileChannel dir = FileChannel.open(database.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
          dir.force(true);
        } catch (IOException | UnsupportedOperationException unsupported) {
          LOG.warn("could not sync the directory of {}: {}", wal, unsupported.toString());
        }
      }
      channel[0].force(false);
    };
  }

  /**
   * A group was committed (its frames are written, perhaps not yet synced). {@code durable} runs
   * once they are on disk; {@code lost} if they may not be. Both run on the flusher thread.
   */
  void committed(Runnable durable, Consumer<RuntimeException> lost) {
    synchronized (room) {
      unsynced++;
    }
    queue.add(new Group(durable, lost));
  }

  /**
   * Blocks while {@code max} committed groups are waiting for their sync. The writer calls this
   * before it gathers a group: every commit rewrites the pages it touched, so committing many small
   * groups that the same sync would cover anyway only writes more; waiting lets them pile up into
   * one. Measured with 64 writers: allowing one group to wait behind the sync in progress gave
   * 56,000–69,000 appends/s; allowing none, 40,000–45,000.
   */
  void awaitRoom(int max) throws InterruptedException {
    synchronized (room) {
      while (unsynced >= max) room.wait();
    }
  }

  /**
   * Blocks while a committed group waits for its sync, unless (or until) {@code enough} says the
   * group being gathered is large enough to commit behind it. Every commit costs CPU and rewrites
   * the pages it touched, so on a server short of CPU a few appends committed behind a sync cost
   * more than they gain: under wrk on 2 cores (posts arrive about ten per sync), waiting for the
   * sync gave 1-6% more posts/s with 5-8% less CPU per post. With many appends waiting (64 writers on
   * the store alone), committing behind the sync keeps the disk busy, as {@link #awaitRoom} says:
   * 46,000 appends/s with the threshold at 16, 48,000 without it, 37,000 at 32.
   */
  void awaitSyncedUnless(BooleanSupplier enough) throws InterruptedException {
    synchronized (room) {
      while (unsynced > 0 && !enough.getAsBoolean()) room.wait(1); // appends arriving do not notify: look again each ms
    }
  }

  /** Non-null once an fsync failed: the store must take no more appends. */
  IOException failure() {
    return failure;
  }

  /** Acknowledges what was committed before this call, then stops. */
  void stop() throws InterruptedException {
    queue.add(STOP);
    thread.join(10_000);
  }

  private void loop() {
    List<Group> groups = new ArrayList<>();
    while (true) {
      groups.clear();
      try {
        groups.add(queue.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      queue.drainTo(groups);
      boolean stop = groups.remove(STOP);
      if (!groups.isEmpty()) flushAndAcknowledge(groups);
      if (stop) return;
    }
  }

  private void flushAndAcknowledge(List<Group> groups) {
    if (failure == null) {
      try {
        flush.force();
      } catch (IOException | RuntimeException e) {
        failure = e instanceof IOException io ? io : new IOException(e);
        LOG.error("could not sync the event log to disk; no further appends are taken", e);
      }
    }
    for (Group g : groups) {
      try {
        if (failure == null) g.durable().run();
        else g.lost().accept(new StoreUnavailableException("the event log could not be synced to disk", failure));
      } catch (RuntimeException e) {
        LOG.error("acknowledging a durable group failed", e);
      }
    }
    synchronized (room) {
      unsynced -= groups.size();
      room.notifyAll();
    }
  }
}
