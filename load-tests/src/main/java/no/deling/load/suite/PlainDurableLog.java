package no.deling.load.suite;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongConsumer;

/**
 * The plainest durable append, as a ceiling for Deling's posts: each body a row in SQLite (WAL),
 * one writer thread committing whatever has queued as one transaction, and a second thread syncing
 * the WAL while the writer commits the next, answering a group only once a sync that began after
 * its commit has returned (Deling's own write path does the same). No decision, no projection, no
 * search, no sealing: what a durable write costs on this machine before anything Deling does.
 */
final class PlainDurableLog {
  private record Pending(byte[] body, Context context, LongConsumer answer) {}

  private record Committed(List<Pending> group, long first) {}

  private static final int MAX_GROUP = 512;

  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<Committed> committed = new LinkedBlockingQueue<>();
  private final Connection connection;
  private final Path wal;
  private long position;

  PlainDurableLog(Path file) throws SQLException {
    connection = DriverManager.getConnection("jdbc:sqlite:" + file);
    wal = Path.of(file + "-wal");
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=NORMAL"); // commits write the WAL; the syncing thread syncs it
      s.execute("CREATE TABLE IF NOT EXISTS log (position INTEGER PRIMARY KEY, body BLOB NOT NULL)");
    }
    start(this::writeLoop, "plain-durable-writer");
    start(this::syncLoop, "plain-durable-sync");
  }

  private static void start(Runnable loop, String name) {
    Thread t = new Thread(loop, name);
    t.setDaemon(true);
    t.start();
  }

  /** Appends {@code body}; {@code answer} gets its position on {@code context} once it is synced. */
  void append(Buffer body, Context context, LongConsumer answer) {
    queue.add(new Pending(body.getBytes(), context, answer));
  }

  private void writeLoop() {
    List<Pending> group = new ArrayList<>();
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO log(position, body) VALUES (?, ?)")) {
      while (true) {
        group.clear();
        group.add(queue.take());
        queue.drainTo(group, MAX_GROUP - 1);
        long first = position + 1;
        connection.setAutoCommit(false);
        for (Pending p : group) {
          insert.setLong(1, ++position);
          insert.setBytes(2, p.body());
          insert.executeUpdate();
        }
        connection.commit();
        connection.setAutoCommit(true);
        committed.add(new Committed(List.copyOf(group), first));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  private void syncLoop() {
    List<Committed> groups = new ArrayList<>();
    try (FileChannel channel = FileChannel.open(wal, StandardOpenOption.WRITE)) {
      while (true) {
        groups.clear();
        groups.add(committed.take());
        committed.drainTo(groups);
        channel.force(false); // began after every group taken had committed
        for (Committed c : groups) answer(c.group(), c.first());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  /** One hand-off per event loop per group, as Deling's writer answers. */
  private static void answer(List<Pending> group, long first) {
    Map<Context, List<Runnable>> byContext = new IdentityHashMap<>();
    long at = first;
    for (Pending p : group) {
      long position = at++;
      byContext.computeIfAbsent(p.context(), c -> new ArrayList<>()).add(() -> p.answer().accept(position));
    }
    byContext.forEach((context, answers) -> context.runOnContext(v -> answers.forEach(Runnable::run)));
  }
}
