package no.deling.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * The disk under the data directory fills up, then has room again: writes are refused with 503
 * and change nothing meanwhile, health says so, and once there is room the same server writes,
 * searches and restarts as before, holding exactly the posts it acknowledged. A real full disk: a
 * small tmpfs mounted for the test (where the machine lets the test mount one, as CI's root does;
 * skipped elsewhere), filled to its last byte by a ballast file.
 */
class DiskFullTest {
  private Path mount;
  private boolean sudo;
  private TestServer s;

  @BeforeEach
  void mountSmallDisk() throws Exception {
    mount = Files.createTempDirectory("deling-full-disk");
    String[] tmpfs = {"mount", "-t", "tmpfs", "-o", "size=48m,mode=1777", "tmpfs", mount.toString()};
    boolean mounted = run(tmpfs);
    if (!mounted) mounted = sudo = run(withSudo(tmpfs));
    if (!mounted) {
      Files.deleteIfExists(mount);
      throw new TestAbortedException("cannot mount a small tmpfs here (needs root): the full disk is not tried");
    }
  }

  @AfterEach
  void unmount() throws Exception {
    if (s != null) s.close();
    String[] umount = {"umount", mount.toString()};
    if (!run(sudo ? withSudo(umount) : umount)) run(sudo ? withSudo("umount", "-l", mount.toString()) : new String[] {"umount", "-l", mount.toString()});
    Files.deleteIfExists(mount);
  }

  @Test
  void aFullDisk_refusesWrites_changingNothing_andOnceThereIsRoom_theServerWritesSearchesAndRestartsAsBefore() throws Exception {
    Path data = Files.createDirectories(mount.resolve("data"));
    Map<String, String> env = Map.of("DELING_WRITE_RATE", "0");
    s = TestServer.start(data, env);
    String alice = s.token("alice");
    Set<String> acknowledged = new HashSet<>();
    for (int i = 0; i < 20; i++) acknowledged.add(s.publish(alice, "Platypus field notes before the disk filled " + i + " #fieldwork"));

    Path ballast = mount.resolve("ballast");
    fillLeaving(ballast, 0);
    // writes that still fit in pages the log already has may succeed; then the disk refuses them
    int refused = 0;
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 3_000 && refused < 50; i++) {
      Response r = s.post("/api/posts", alice, new JsonObject().put("text", "Wombat " + i + " " + "y".repeat(1_500)));
      statuses.add(r.status());
      if (r.status() == 201) {
        acknowledged.add(r.json().getString("id"));
      } else {
        assertThat(r.status()).as("%s", r.body()).isEqualTo(503);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        refused++;
      }
    }
    assertThat(refused).as("refused while the disk is full, of %s", statuses.size()).isEqualTo(50);
    // someone who never posted needs a key for their words first: refused the same way, not a 500
    Response newcomer = s.post("/api/posts", s.token("newcomer"), new JsonObject().put("text", "My first post"));
    if (newcomer.status() != 201) assertThat(newcomer.status()).as("%s", newcomer.body()).isEqualTo(503); // alice's posts are counted below
    // a search makes the index write what it holds, onto the full disk: searches are still answered
    for (int i = 0; i < 2; i++) {
      Response searched = s.get("/api/search?q=platypus", s.token("reader"));
      assertThat(searched.status()).as("%s", searched.body()).isEqualTo(200);
      Thread.sleep(500);
    }
    Response down = s.get("/health/ready", null);
    assertThat(down.status()).isEqualTo(503);
    assertThat(down.json().getJsonObject("log").getBoolean("available")).isFalse();

    Files.delete(ballast);
    String after = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (after == null && System.nanoTime() < deadline) {
      Response r = s.post("/api/posts", alice, new JsonObject().put("text", "Echidna notes once there was room again #fieldwork"));
      if (r.status() == 201) after = r.json().getString("id");
      else Thread.sleep(100);
    }
    assertThat(after).as("a write succeeds once the disk has room again").isNotNull();
    acknowledged.add(after);
    assertThat(s.get("/health/ready", null).status()).isEqualTo(200);

    // search follows again, with what it had lost when the disk filled under it
    s.awaitSearch();
    assertThat(searchIds("echidna")).containsExactly(after);
    assertThat(searchIds("platypus")).hasSize(20);

    s.close();
    s = TestServer.start(data, env);
    assertThat(postsOf("alice")).as("exactly what was acknowledged: nothing refused came back").isEqualTo(acknowledged);
    Response write = s.post("/api/posts", alice, new JsonObject().put("text", "Numbat notes after the restart"));
    assertThat(write.status()).isEqualTo(201);
  }

  /**
   * Nearly full: a periodic read-model snapshot, written beside the one in place, would take space
   * the log needs, so it is skipped (counted in the metrics) while posts go on; with room again,
   * snapshots follow again.
   */
  @Test
  void onANearlyFullDisk_snapshotsAreSkipped_leavingTheSpaceToTheLog_andWrittenAgainOnceThereIsRoom() throws Exception {
    Path data = Files.createDirectories(mount.resolve("data"));
    s = TestServer.start(data, Map.of("DELING_WRITE_RATE", "0", "DELING_SNAPSHOT_EVERY", "10", "DELING_SNAPSHOT_SPACING", "0",
        "DELING_SNAPSHOT_DISK_RESERVE_MB", "16", "DELING_METRICS_TOKEN", "scrape"));
    String alice = s.token("alice");
    for (int i = 0; i < 30; i++) s.publish(alice, "Quoll note " + i);
    awaitSnapshotAt(s.head() - 10);

    Path ballast = mount.resolve("ballast");
    long leave = 12L << 20; // under the reserve
    fillLeaving(ballast, leave);
    long before = snapshotPosition();
    for (int i = 30; i < 60; i++) s.publish(alice, "Quoll note " + i); // every one acknowledged: the log has its space
    Thread.sleep(300);
    assertThat(snapshotPosition()).as("no snapshot while the disk is nearly full").isEqualTo(before);
    assertThat(s.get("/metrics", "scrape").body().toString()).containsPattern("deling_readmodel_snapshots_skipped_for_space_total [1-9]");

    Files.delete(ballast);
    for (int i = 60; i < 80; i++) s.publish(alice, "Quoll note " + i);
    awaitSnapshotAt(s.head() - 10);
  }

  private long snapshotPosition() {
    return s.get("/health", null).json().getJsonObject("readModel").getLong("snapshot");
  }

  private void awaitSnapshotAt(long position) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (snapshotPosition() < position && System.nanoTime() < deadline) Thread.sleep(20);
    assertThat(snapshotPosition()).as("a snapshot at %s or later", position).isGreaterThanOrEqualTo(position);
  }

  private List<String> searchIds(String words) {
    List<String> ids = new ArrayList<>();
    JsonObject page = s.get("/api/search?q=" + words + "&limit=20", s.token("reader")).json();
    for (Object o : page.getJsonArray("items")) ids.add(((JsonObject) o).getJsonObject("post").getString("id"));
    return ids;
  }

  private Set<String> postsOf(String user) {
    Set<String> ids = new HashSet<>();
    String token = s.token("reader");
    String next = null;
    do {
      JsonObject page = s.get("/api/users/" + user + "/posts?limit=100" + (next == null ? "" : "&before=" + next), token).json();
      for (Object o : page.getJsonArray("items")) ids.add(((JsonObject) o).getString("id"));
      next = page.getString("next");
    } while (next != null);
    return ids;
  }

  /**
   * Writes zeros to {@code file} (written, not sparse: a hole takes no space) until about {@code
   * leave} bytes are left on the disk, or, with 0, until it has no room left at all.
   */
  private void fillLeaving(Path file, long leave) throws IOException {
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int size = 256 * 1024; size >= 4096; size /= 4) { // large chunks, then smaller ones for what is left
        ByteBuffer chunk = ByteBuffer.allocate(size);
        try {
          while (leave == 0 || Files.getFileStore(mount).getUsableSpace() >= leave + size) {
            chunk.clear();
            while (chunk.hasRemaining()) out.write(chunk);
          }
        } catch (IOException full) {
          // no room for a chunk this size: smaller ones take what is left
        }
      }
    }
  }

  /** The same command through sudo, which must not ask for a password (CI without root). */
  private static String[] withSudo(String... command) {
    String[] out = new String[command.length + 2];
    out[0] = "sudo";
    out[1] = "-n";
    System.arraycopy(command, 0, out, 2, command.length);
    return out;
  }

  private static boolean run(String... command) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
