package no.deling.core.eventstore.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import no.deling.core.eventstore.LogCheckpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the WAL's pages into the database file (SQLite's checkpoint) on a thread and connection of
 * its own, so that the writer does not.
 *
 * <p>Why: with SQLite's automatic checkpoint every 10,000 pages, the writer ran each checkpoint
 * inside a commit, every few seconds under wrk: 165-185 ms copying pages and 23-32 ms syncing the
 * database file, while every append behind it waited. A passive checkpoint runs beside the writer
 * (WAL lets a checkpoint copy committed frames while new ones are appended) and never waits for
 * it or for readers. Posts/s stayed the same (the copying is the same work, on another thread);
 * what goes is the writer's stall.
 *
 * <p>A passive checkpoint cannot let the WAL start over while the writer keeps appending: that
 * needs every frame copied at the moment the writer begins a transaction. So the writer keeps
 * SQLite's automatic checkpoint, at {@link #WRITER_BACKSTOP_PAGES}: when it comes, the pages
 * before it were copied already, it copies only the few since and the WAL starts over, which
 * bounds the file. Checkpoints are SQLite's own protocol: a crash in the middle of one is
 * recovered from the WAL, as before.
 */
final class WalCheckpointer {
  private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
  /** The writer's own automatic checkpoint, in pages (4 KiB each): a bound on the WAL, seldom reached first. */
  static final int WRITER_BACKSTOP_PAGES = 50_000;
  /** At most this long between checkpoints while anything was committed. */
  private static final long IDLE_CHECKPOINT_MS = 2_000;

  private final Connection connection;
  private final int everyEvents;
  private final Thread thread;
  private final Object signal = new Object();
  private int uncopied; // events committed since the last checkpoint began; guarded by signal
  private boolean stopping; // guarded by signal
  private final LogCheckpoints stats = new LogCheckpoints();

  /** Checkpoints through {@code connection} (its own, owned from now on) once {@code everyEvents} were committed. */
  WalCheckpointer(Connection connection, int everyEvents) {
    this.connection = connection;
    this.everyEvents = everyEvents;
    this.thread = new Thread(this::loop, "deling-store-checkpointer");
    thread.setDaemon(true);
    thread.start();
  }

  /** The writer committed {@code events}; cheap, never blocks on a checkpoint. */
  void committed(int events) {
    synchronized (signal) {
      uncopied += events;
      if (uncopied >= everyEvents) signal.notify();
    }
  }

  /** What the checkpoints did so far (for /metrics and tests). */
  LogCheckpoints stats() {
    return stats;
  }

  /** Stops after the checkpoint in progress, if any, and closes the connection. */
  void stop() throws InterruptedException {
    synchronized (signal) {
      stopping = true;
      signal.notify();
    }
    thread.join(30_000);
  }

  private void loop() {
    try {
      while (awaitWork()) checkpoint();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.warn("closing the checkpoint connection failed: {}", e.toString());
      }
    }
  }

  /** Waits until enough was committed, or some was and {@link #IDLE_CHECKPOINT_MS} passed; false once stopping. */
  private boolean awaitWork() throws InterruptedException {
    synchronized (signal) {
      while (!stopping && uncopied < everyEvents) {
        signal.wait(IDLE_CHECKPOINT_MS); // notified only at the threshold: otherwise a quiet while passed
        if (uncopied > 0) break;
      }
      if (stopping) return false;
      uncopied = 0;
      return true;
    }
  }

  private void checkpoint() {
    long started = System.nanoTime();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      // one row: busy, pages in the WAL, pages copied so far (-1 and -1 when the file is not in WAL mode)
      boolean row = rs.next();
      long walPages = row ? Math.max(0, rs.getInt(2)) : 0;
      long copied = row ? Math.max(0, rs.getInt(3)) : 0;
      long took = System.nanoTime() - started;
      stats.ran(took, walPages);
      LOG.debug("checkpoint: {} of {} WAL pages copied in {} ms", copied, walPages, took / 1_000_000);
    } catch (SQLException e) {
      // the writer's own checkpoint still bounds the WAL; a failing disk shows in the flusher first
      stats.failed();
      LOG.warn("a background checkpoint failed: {}", e.toString());
    }
  }
}
