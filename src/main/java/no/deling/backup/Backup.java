package no.deling.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A consistent copy of the embedded log and the key file while a server writes to them. Each
 * file is copied in one read transaction ({@code VACUUM INTO}): in WAL mode that neither waits
 * for the server's writer nor holds it up, and the copy is the file as one commit left it, never
 * a torn mix (as {@code cp} of a live database can be). The log goes first, then the keys: every
 * event is sealed with a key stored before it was written, so each event in the copy of the log
 * finds its key in the copy of the keys, unless an erasure or retention destroyed that key in
 * between, and then that event is meant to be unreadable anyway. The read-model snapshot and the
 * search index are not copied: a server started on the copy builds both from the log.
 */
public final class Backup {
  /** What was copied: the log's events up to its last position, and how many data keys. */
  public record Result(long events, long lastPosition, long logBytes, long keys, long keyBytes, long files, long fileBytes) {}

  private Backup() {}

  /**
   * Copies {@code log} (null when the log is not embedded: KurrentDB has its own backups) and
   * {@code keys} into {@code to}, as {@code events.db} and {@code keys.db}. Each is written under
   * another name first, synced, and only then given its name: a copy cut short is never taken for a
   * whole one. Blocking.
   *
   * @throws IllegalArgumentException when a source is missing or {@code to} holds a backup already
   */
  public static Result run(Path log, Path keys, Path to) throws IOException, SQLException {
    return run(log, null, keys, to);
  }

  /**
   * The same, and uploaded files' (sealed) bytes from {@code files} (null or absent: none) into
   * {@code to/files}, after the log and before the keys: every upload the copied log records was on
   * disk before it was recorded, so it is in the copy; uploads recorded later may be too, unused.
   */
  public static Result run(Path log, Path files, Path keys, Path to) throws IOException, SQLException {
    if (log != null && !Files.isRegularFile(log)) throw new IllegalArgumentException("there is no log at " + log);
    if (!Files.isRegularFile(keys)) throw new IllegalArgumentException("there is no key file at " + keys);
    Files.createDirectories(to);
    Path logCopy = to.resolve("events.db");
    Path keysCopy = to.resolve("keys.db");
    for (Path p : new Path[] {logCopy, keysCopy}) {
      if (Files.exists(p)) throw new IllegalArgumentException(p + " exists already: back up into an empty directory");
    }
    long events = 0;
    long last = 0;
    long logBytes = 0;
    if (log != null) {
      copy(log, logCopy);
      try (Connection c = open(logCopy); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*), COALESCE(MAX(position), 0) FROM events")) {
        r.next();
        events = r.getLong(1);
        last = r.getLong(2);
      }
      logBytes = Files.size(logCopy);
    }
    long[] copied = files == null || !Files.isDirectory(files) ? new long[2] : copyFiles(files, to.resolve("files"));
    copy(keys, keysCopy);
    long count;
    try (Connection c = open(keysCopy); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM data_keys")) {
      r.next();
      count = r.getLong(1);
    }
    syncDirectory(to);
    return new Result(events, last, logBytes, count, Files.size(keysCopy), copied[0], copied[1]);
  }

  /** Each whole stored file (never one being written), synced; how many, and their bytes. A file never changes once stored. */
  private static long[] copyFiles(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    long[] copied = new long[2];
    try (var stored = Files.list(from)) {
      for (Path f : (Iterable<Path>) stored::iterator) {
        String name = f.getFileName().toString();
        if (!name.matches("[0-9]{19}(\\.thumb|\\.small)?")) continue; // ".part-…": not yet stored
        Path target = to.resolve(name);
        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
        copied[0]++;
        copied[1] += Files.size(target);
      }
    }
    syncDirectory(to);
    return copied;
  }

  /** One read transaction's view of {@code from}, into {@code to}, synced. */
  private static void copy(Path from, Path to) throws IOException, SQLException {
    Path partial = to.resolveSibling(to.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    try (Connection c = open(from); Statement s = c.createStatement()) {
      // (not query_only: SQLite counts VACUUM INTO as a write, though it only reads this file)
      s.execute("VACUUM INTO '" + partial.toAbsolutePath().toString().replace("'", "''") + "'");
    }
    try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE)) {
      ch.force(true); // SQLite does not sync what VACUUM INTO writes
    }
    try (Connection c = open(partial); Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
      r.next();
      if (!"ok".equals(r.getString(1))) throw new IOException("the copy of " + from + " does not pass SQLite's integrity check: " + r.getString(1));
    }
    Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Connection open(Path file) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=10000"); // the server's checkpointer may hold the file a moment
    }
    return c;
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException ignored) {
      // not every file system syncs a directory; the files themselves are synced
    }
  }
}
