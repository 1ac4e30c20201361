package no.deling.core.eventstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.deling.Main;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded log's data directory: one process at a time, and one clear line when it cannot be used. */
class DataDirTest {
  @TempDir Path dir;

  /** Runs the real server in its own JVM on {@code dataDir}; returns its exit code and output (it must exit by itself). */
  private static String[] runServer(Path dataDir) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx128m", "-cp", System.getProperty("java.class.path"), Main.class.getName());
    Map<String, String> env = pb.environment();
    env.put("DELING_HTTP_PORT", "0");
    env.put("DELING_HTTP_HOST", "127.0.0.1");
    env.put("DELING_DATA_DIR", dataDir.toString());
    env.put("DELING_JWT_SECRET", TestServer.SECRET);
    Process p = pb.redirectErrorStream(true).start();
    boolean exited = p.waitFor(60, TimeUnit.SECONDS);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!exited) {
      p.destroyForcibly();
      throw new AssertionError("the server did not refuse to start: " + out);
    }
    return new String[] {Integer.toString(p.exitValue()), out};
  }

  @Test
  void aSecondProcess_onTheSameLog_refusesToStart_withOneClearLine() throws Exception {
    Path data = dir.resolve("data");
    try (TestServer first = TestServer.start(data)) {
      first.publish(first.token("alice"), "the first server owns this log");
      String[] second = runServer(data);
      assertThat(second[0]).isEqualTo("1");
      assertThat(second[1]).contains("another Deling process is using the embedded log").doesNotContain("\tat ");
      assertThat(first.publish(first.token("alice"), "and keeps writing")).isNotNull();
    }
    // once the first has stopped, the lock is free again
    try (TestServer again = TestServer.start(data)) {
      assertThat(again.get("/api/users/alice/posts", again.token("bob")).json().getJsonArray("items")).hasSize(2);
    }
  }

  @Test
  void aDataPathThatIsAFile_getsOneClearLine() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    String[] result = runServer(file);
    assertThat(result[0]).isEqualTo("1");
    assertThat(result[1]).contains("is a file, not a directory").doesNotContain("\tat ");
  }
}
