package no.deling.core.eventstore.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import no.deling.core.eventstore.StartupException;

/**
 * One process per embedded log. A second server on the same data directory used to start, fail
 * its first write, answer 503 to every write forever, never see the first one's writes, and still
 * report UP. An OS file lock on {@code deling.lock} (released by the OS when the process dies,
 * kill -9 included) refuses it at start-up with one clear line instead.
 */
final class DataDirLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Checks the directory and takes its lock, or throws a {@link StartupException} that says what to fix. */
  static DataDirLock take(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new StartupException("DELING_DATA_DIR=" + dir + " is a file, not a directory; point it at a directory for the embedded log");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StartupException("DELING_DATA_DIR=" + dir + " cannot be created (" + e.getMessage() + "); the embedded log needs a writable directory");
    }
    Path file = dir.resolve("deling.lock");
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StartupException("DELING_DATA_DIR=" + dir + " is not writable (" + e.getMessage() + "); the embedded log needs to write there");
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException | IOException e) {
      lock = null;
    }
    if (lock == null) {
      close(channel);
      throw new StartupException("another Deling process is using the embedded log in DELING_DATA_DIR=" + dir
          + "; run one server per data directory (several servers share a log through KurrentDB)");
    }
    try {
      channel.truncate(0);
      channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
    } catch (IOException e) {
      // the pid is only a hint for operators; the lock is what counts
    }
    return new DataDirLock(channel, lock);
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // the channel's close releases it too
    }
    close(channel);
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
