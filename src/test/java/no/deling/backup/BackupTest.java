package no.deling.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup taken while people post is a log and keys a server starts from: every post
 * acknowledged before the backup began is there, readable (its key came along), and the restored
 * server takes new posts.
 */
class BackupTest {
  private static final Map<String, String> ENV = Map.of("DELING_WRITE_RATE", "0");
  @TempDir Path dir;

  @Test
  void aBackupTakenWhilePeoplePost_restoresEveryPostAcknowledgedBeforeIt_readable() throws Exception {
    Path data = dir.resolve("data");
    Path backup = dir.resolve("backup");
    Map<String, String> acknowledgedBefore = new ConcurrentHashMap<>();
    TestServer s = TestServer.start(data, ENV);
    ExecutorService writers = Executors.newFixedThreadPool(4);
    AtomicBoolean backingUp = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger duringOrAfter = new AtomicInteger();
    try {
      String[] tokens = {s.token("ada"), s.token("bo"), s.token("cy"), s.token("di")};
      List<Future<?>> running = new java.util.ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String token = tokens[w];
        int writer = w;
        running.add(writers.submit(() -> {
          for (int i = 0; !stop.get(); i++) {
            String text = "Backup note " + writer + "-" + i + " #archive";
            String id = s.publish(token, text);
            if (!backingUp.get()) acknowledgedBefore.put(id, text); // its answer came before the backup began
            else duringOrAfter.incrementAndGet();
          }
          return null;
        }));
      }
      while (acknowledgedBefore.size() < 200) Thread.sleep(10);
      backingUp.set(true);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = BackupCommand.run(new String[] {"backup", backup.toString()}, Map.of("DELING_DATA_DIR", data.toString()), new PrintStream(out, true,
          StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(code).as("%s", err).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("events.db: ").contains("keys.db: ").contains("backed up into " + backup);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (duringOrAfter.get() < 50 && System.nanoTime() < deadline) Thread.sleep(10); // writes went on meanwhile
      stop.set(true);
      for (Future<?> f : running) f.get(30, TimeUnit.SECONDS);
    } finally {
      stop.set(true);
      writers.shutdownNow();
      s.close();
    }
    assertThat(duringOrAfter.get()).as("posts written while and after the backup was taken").isPositive();

    try (var files = Files.list(backup)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("events.db", "keys.db");
    }
    TestServer restored = TestServer.start(backup, ENV); // the backup directory as a data directory
    try {
      String reader = restored.token("reader");
      for (Map.Entry<String, String> e : acknowledgedBefore.entrySet()) {
        TestServer.Response r = restored.get("/api/posts/" + e.getKey(), reader);
        assertThat(r.status()).as("post %s", e.getKey()).isEqualTo(200);
        assertThat(r.json().getString("text")).isEqualTo(e.getValue());
      }
      TestServer.Response fresh = restored.post("/api/posts", restored.token("ada"), new JsonObject().put("text", "After the restore"));
      assertThat(fresh.status()).isEqualTo(201);
    } finally {
      restored.close(); // every event of the restored log validates against its schema
    }
  }

  @Test
  void intoADirectoryHoldingABackupAlready_orWithoutADirectory_itRefuses(@TempDir Path other) throws Exception {
    Path data = dir.resolve("data");
    TestServer s = TestServer.start(data, ENV);
    try {
      s.publish(s.token("ada"), "One post");
    } finally {
      s.close();
    }
    Map<String, String> env = Map.of("DELING_DATA_DIR", data.toString());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThat(BackupCommand.run(new String[] {"backup"}, env, out, errors)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar deling.jar backup <empty directory>");
    assertThat(BackupCommand.run(new String[] {"backup", other.toString()}, env, out, errors)).isZero();
    assertThat(BackupCommand.run(new String[] {"backup", other.toString()}, env, out, errors)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("exists already: back up into an empty directory");
    assertThat(BackupCommand.run(new String[] {"backup", dir.resolve("x").toString()}, Map.of("DELING_DATA_DIR", dir.resolve("none").toString()), out,
        errors)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("there is no log at");
  }
}
