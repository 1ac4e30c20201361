package no.deling.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

/**
 * A model-based test's three looks at one log: while the server that wrote it runs, after a
 * restart from its snapshot, and after a replay of the whole log (the snapshot deleted). The log
 * lives in a temporary directory removed afterwards.
 */
public final class ModelRuns {
  private ModelRuns() {}

  /** Plays the steps against the first server. */
  public interface Play {
    void run(TestServer s) throws Exception;
  }

  /** Checks what a server shows against the model; {@code when} names the look, for messages. */
  public interface Check {
    void check(TestServer s, String when) throws Exception;
  }

  public static void playThenCheckThrice(String prefix, Map<String, String> env, Play play, Check check) throws Exception {
    Path dir = Files.createTempDirectory(prefix);
    try {
      try (TestServer s = TestServer.start(dir, env)) {
        play.run(s);
        check.check(s, "while running");
      }
      try (TestServer s = TestServer.start(dir, env)) {
        check.check(s, "after a restart from the snapshot");
      }
      Files.deleteIfExists(dir.resolve("readmodel.snapshot"));
      try (TestServer s = TestServer.start(dir, env)) {
        check.check(s, "after a replay of the whole log");
      }
    } finally {
      try (var all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
