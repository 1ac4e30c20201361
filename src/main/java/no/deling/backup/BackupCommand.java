package no.deling.backup;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import no.deling.Config;

/**
 * {@code java -jar target/deling.jar backup <directory>}: copies the log and the keys of the
 * server configured by the same environment as the server's ({@code DELING_DATA_DIR}, {@code
 * DELING_KEYS_PATH}, {@code DELING_STORE}) into an empty directory, while the server runs.
 */
public final class BackupCommand {
  private BackupCommand() {}

  /** @return the process's exit code: 0 done, 1 failed, 2 used wrongly */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length != 2) {
      err.println("usage: java -jar deling.jar backup <empty directory>   (the same DELING_* environment as the server's)");
      return 2;
    }
    Config config;
    try {
      config = Config.fromEnv(env);
    } catch (IllegalArgumentException e) {
      err.println("configuration error: " + e.getMessage());
      return 2;
    }
    boolean embedded = "embedded".equals(config.store());
    Path log = embedded ? config.dataDir().resolve("events.db") : null;
    Path to = Path.of(args[1]);
    long started = System.nanoTime();
    try {
      Backup.Result r = Backup.run(log, config.filesPath(), config.keysPath(), to);
      double seconds = (System.nanoTime() - started) / 1e9;
      if (embedded) {
        out.printf("events.db: %,d events, up to position %,d (%,d bytes)%n", r.events(), r.lastPosition(), r.logBytes());
      } else {
        out.println("events.db: not copied, the log is KurrentDB's (back it up with KurrentDB's own tools, before the keys)");
      }
      out.printf("files: %,d uploaded files and thumbnails (%,d bytes)%n", r.files(), r.fileBytes());
      out.printf("keys.db: %,d data keys (%,d bytes)%n", r.keys(), r.keyBytes());
      out.printf("backed up into %s in %.1f s; to restore, stop the server and put these files in an empty data directory%n", to, seconds);
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("backup refused: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("backup failed: " + e);
      return 1;
    }
  }
}
