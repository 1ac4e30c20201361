package no.deling.load.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Removes a benchmark's data directory once it is done with it: each run of the suite wrote 1-1.5 GB
 * of logs and indexes under the system's temporary directory and left them there, and a dozen runs
 * filled this machine's disk.
 */
public final class TempDirs {
  private TempDirs() {}

  /** Deletes {@code dir} and everything under it; what cannot be deleted is left, with a line saying so. */
  public static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) return;
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        if (!p.toFile().delete()) System.out.println("could not delete " + p);
      });
    } catch (IOException e) {
      System.out.println("could not delete " + dir + ": " + e);
    }
  }
}
