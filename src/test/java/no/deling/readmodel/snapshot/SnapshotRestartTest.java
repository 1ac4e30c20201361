package no.deling.readmodel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.deling.support.StreamClient;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server restarted on its data directory starts from the snapshot it wrote at shutdown and
 * serves what it served before: timelines, notifications, search, and live streams resumed from
 * before the snapshot. A snapshot that cannot be used is ignored and the log replayed.
 */
class SnapshotRestartTest {
  @TempDir Path dir;
  private TestServer s;

  @AfterEach
  void stop() {
    if (s != null) s.close();
  }

  private TestServer start(Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(Map.of("DELING_WRITE_RATE", "0"));
    all.putAll(env);
    return TestServer.start(dir, all);
  }

  private String login(String user) {
    return s.post("/api/dev/login", null, new JsonObject().put("user", user).put("name", user + " Person").put("department", "Sales"))
        .json().getString("token");
  }

  private JsonObject readModelHealth() {
    return s.get("/health", null).json().getJsonObject("readModel");
  }

  private StreamClient connect(String token) {
    return StreamClient.connect(s.vertx, s.server.port(), token);
  }

  /** What the people below see, as JSON text. */
  private List<String> views(String alice, String carol) {
    List<String> out = new ArrayList<>();
    out.add(s.get("/api/timelines/home", carol).body().toString());
    out.add(s.get("/api/users/bob/posts", carol).body().toString());
    out.add(s.get("/api/notifications", alice).body().toString());
    out.add(s.get("/api/people?q=bo", carol).body().toString());
    s.awaitSearch();
    out.add(ids(s.get("/api/search?q=Quokka", carol).json().getJsonArray("items")));
    return out;
  }

  private static String ids(JsonArray items) {
    List<String> ids = new ArrayList<>();
    for (Object o : items) ids.add(((JsonObject) o).getJsonObject("post", (JsonObject) o).getString("id"));
    java.util.Collections.sort(ids);
    return ids.toString();
  }

  @Test
  void aRestart_startsFromTheShutdownSnapshot_andServesWhatItServedBefore_includingStreamsResumedFromBeforeIt() {
    s = start(Map.of());
    String alice = login("alice");
    String bob = login("bob");
    String carol = login("carol");
    assertThat(s.put("/api/me/following/users/bob", carol, null).status()).isEqualTo(200);
    long before = s.head();
    List<String> posted = new ArrayList<>();
    for (int i = 0; i < 12; i++) posted.add(s.publish(bob, "Quokka sighting " + i + " for @alice #wildlife"));
    assertThat(s.put("/api/posts/" + posted.get(3), bob, new JsonObject().put("text", "Quokka sighting, corrected #wildlife")).status())
        .isEqualTo(200);
    assertThat(s.delete("/api/posts/" + posted.get(5), bob).status()).isEqualTo(204);
    assertThat(readModelHealth().getLong("startedFrom")).as("a first start replays the (empty) log").isZero();
    List<String> served = views(alice, carol);
    long head = s.head();

    s.close();
    assertThat(dir.resolve("readmodel.snapshot")).exists();
    s = start(Map.of());
    // the stream's resume window reaches back before the snapshot: carol resumes from before the posts,
    // at once (her socket waits while the window gets its entries from before the snapshot)
    try (StreamClient c = connect(carol)) {
      c.subscribe(new JsonObject().put("stream", "home").put("since", before));
      List<String> replayed = new ArrayList<>();
      for (int i = 0; i < 11; i++) replayed.add(c.next("update").getJsonObject("post").getString("id"));
      List<String> expected = new ArrayList<>(posted);
      expected.remove(5);
      assertThat(replayed).as("every post since, but the deleted one").isEqualTo(expected);
      assertThat(s.get("/health", null).json().getJsonObject("stream").getBoolean("filling")).isFalse();
      assertThat(readModelHealth().getLong("startedFrom")).as("started from the snapshot written at shutdown").isEqualTo(head);
      assertThat(views(alice, carol)).isEqualTo(served);
      String live = s.publish(bob, "Quokka live after the restart");
      assertThat(c.next("update").getJsonObject("post").getString("id")).isEqualTo(live);
    }
  }

  /**
   * After a restart the posts are records, and a reply or an edit takes its post out of them (and
   * wipes its record). A resume then replays entries made from the log before the restart: each
   * must show the post as it is, never the wiped bytes of the record it was read from.
   */
  @Test
  void afterARestart_postsRepliedToOrEditedSince_areReplayedWithTheirWords() {
    s = start(Map.of());
    login("alice");
    String bob = login("bob");
    String carol = login("carol");
    assertThat(s.put("/api/me/following/users/bob", carol, null).status()).isEqualTo(200);
    long before = s.head();
    List<String> posted = new ArrayList<>();
    for (int i = 0; i < 4; i++) posted.add(s.publish(bob, "Wombat burrow number " + i + " #wildlife"));
    s.close();
    s = start(Map.of());
    // the window's entries were made at the start, from the posts as records; two of those records are taken out now
    s.reply(carol, posted.get(0), "Nice burrow");
    assertThat(s.put("/api/posts/" + posted.get(1), bob, new JsonObject().put("text", "Wombat burrow, measured #wildlife")).status())
        .isEqualTo(200);
    try (StreamClient c = connect(carol)) {
      c.subscribe(new JsonObject().put("stream", "home").put("since", before));
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < 4; i++) texts.add(c.next("update").getJsonObject("post").getString("text"));
      assertThat(texts).containsExactly("Wombat burrow number 0 #wildlife", "Wombat burrow, measured #wildlife",
          "Wombat burrow number 2 #wildlife", "Wombat burrow number 3 #wildlife");
    }
  }

  /**
   * While running, each snapshot keeps the posts it encoded as its records; posts edited, deleted
   * or replied to after that are taken out of them again, and the next snapshot writes them as they
   * are then. What the server shows before a restart, it shows after it.
   */
  @Test
  void postsPackedByRunningSnapshots_changeAsAnyPost_andComeBackAsTheyWere() throws Exception {
    s = start(Map.of("DELING_SNAPSHOT_EVERY", "10", "DELING_SNAPSHOT_SPACING", "0"));
    String bob = login("bob");
    String carol = login("carol");
    assertThat(s.put("/api/me/following/users/bob", carol, null).status()).isEqualTo(200);
    List<String> posted = new ArrayList<>();
    for (int i = 0; i < 25; i++) posted.add(s.publish(bob, "Echidna note " + i + " #monotremes"));
    long deadline = System.currentTimeMillis() + 10_000;
    while (readModelHealth().getLong("snapshot") < 20 && System.currentTimeMillis() < deadline) Thread.sleep(20);
    assertThat(readModelHealth().getLong("snapshot")).as("snapshots while running").isGreaterThanOrEqualTo(20);

    assertThat(s.put("/api/posts/" + posted.get(3), bob, new JsonObject().put("text", "Echidna note, corrected #monotremes")).status())
        .isEqualTo(200);
    assertThat(s.delete("/api/posts/" + posted.get(4), bob).status()).isEqualTo(204);
    s.reply(carol, posted.get(5), "Spiky");
    for (int i = 25; i < 40; i++) posted.add(s.publish(bob, "Echidna note " + i + " #monotremes")); // more snapshots after the changes
    assertThat(s.get("/api/posts/" + posted.get(3), carol).json().getString("text")).isEqualTo("Echidna note, corrected #monotremes");
    assertThat(s.get("/api/posts/" + posted.get(4), carol).status()).isEqualTo(404);
    assertThat(s.get("/api/posts/" + posted.get(5), carol).json().getInteger("replies")).isEqualTo(1);
    assertThat(s.get("/api/posts/" + posted.get(6), carol).json().getString("text")).isEqualTo("Echidna note 6 #monotremes");
    String home = s.get("/api/timelines/home?limit=50", carol).body().toString();
    String bobs = s.get("/api/users/bob/posts?limit=50", carol).body().toString();

    s.close();
    s = start(Map.of("DELING_SNAPSHOT_EVERY", "10", "DELING_SNAPSHOT_SPACING", "0"));
    assertThat(readModelHealth().getLong("startedFrom")).as("started from the shutdown snapshot").isPositive();
    assertThat(s.get("/api/timelines/home?limit=50", carol).body().toString()).isEqualTo(home);
    assertThat(s.get("/api/users/bob/posts?limit=50", carol).body().toString()).isEqualTo(bobs);

    // the snapshots after a restart add runs to the ones it read back: change posts from those, and from the runs since
    long restoredAt = readModelHealth().getLong("startedFrom");
    assertThat(s.put("/api/posts/" + posted.get(7), bob, new JsonObject().put("text", "Echidna note, read back and corrected")).status())
        .isEqualTo(200);
    for (int i = 40; i < 55; i++) posted.add(s.publish(bob, "Echidna note " + i + " #monotremes"));
    deadline = System.currentTimeMillis() + 10_000;
    while (readModelHealth().getLong("snapshot") < restoredAt + 10 && System.currentTimeMillis() < deadline) Thread.sleep(20);
    assertThat(s.delete("/api/posts/" + posted.get(45), bob).status()).isEqualTo(204);
    s.reply(carol, posted.get(8), "Still spiky");
    for (int i = 55; i < 70; i++) posted.add(s.publish(bob, "Echidna note " + i + " #monotremes"));
    // now and then a snapshot writes every post into one run (Snapshots.wholeDue), and when depends on how the snapshots fell;
    // the one after it adds a run of what changed again
    for (int i = 70; settledRuns() < 2 && i < 90; i++) posted.add(s.publish(bob, "Echidna note " + i + " #monotremes"));
    assertThat(runsOnDisk().size()).as("runs of what changed, beside the one of every post").isGreaterThan(1);
    home = s.get("/api/timelines/home?limit=100", carol).body().toString();
    bobs = s.get("/api/users/bob/posts?limit=100", carol).body().toString();
    assertThat(home).contains("Echidna note, read back and corrected").doesNotContain("Echidna note 45 ");
    s.close();
    s = start(Map.of("DELING_SNAPSHOT_EVERY", "10", "DELING_SNAPSHOT_SPACING", "0"));
    assertThat(readModelHealth().getLong("startedFrom")).as("started from the second shutdown snapshot").isGreaterThan(restoredAt);
    assertThat(s.get("/api/timelines/home?limit=100", carol).body().toString()).isEqualTo(home);
    assertThat(s.get("/api/users/bob/posts?limit=100", carol).body().toString()).isEqualTo(bobs);
    assertThat(s.get("/api/posts/" + posted.get(8), carol).json().getInteger("replies")).isEqualTo(1);
  }

  /** How many run files are beside the snapshot once no snapshot has been written for a while (none is half done). */
  private int settledRuns() throws Exception {
    long last = readModelHealth().getLong("snapshot");
    for (int quiet = 0; quiet < 2; ) {
      Thread.sleep(150);
      long now = readModelHealth().getLong("snapshot");
      quiet = now == last ? quiet + 1 : 0;
      last = now;
    }
    return runsOnDisk().size();
  }

  /** The run files beside the snapshot, by name. */
  private List<String> runsOnDisk() throws java.io.IOException {
    java.nio.file.Path runs = dir.resolve("readmodel.snapshot.runs");
    if (!java.nio.file.Files.isDirectory(runs)) return List.of();
    try (var files = java.nio.file.Files.list(runs)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  void whileRunning_aSnapshotIsWrittenEveryFewEvents_andAnErasureReplacesIt() throws Exception {
    s = start(Map.of("DELING_SNAPSHOT_EVERY", "10", "DELING_SNAPSHOT_SPACING", "0"));
    String bob = login("bob");
    String admin = s.post("/api/dev/login", null, new JsonObject().put("user", "root").put("roles", new JsonArray().add("admin")))
        .json().getString("token");
    for (int i = 0; i < 25; i++) s.publish(bob, "Numbat note " + i);
    long deadline = System.currentTimeMillis() + 10_000;
    while (readModelHealth().getLong("snapshot") < 20 && System.currentTimeMillis() < deadline) Thread.sleep(20);
    assertThat(readModelHealth().getLong("snapshot")).as("a snapshot every 10 events").isGreaterThanOrEqualTo(20);

    String key;
    try (SnapshotFile.Opened o = SnapshotFile.open(dir.resolve("readmodel.snapshot"))) {
      key = o.header().keyId();
    }
    List<String> runsBefore = runsOnDisk();
    assertThat(runsBefore).as("the posts' records, in runs beside the snapshot").isNotEmpty();
    Response erased = s.delete("/api/users/bob", admin);
    assertThat(erased.status()).isEqualTo(200);
    long at = erased.json().getLong("position");
    // answered only once the snapshot holding bob's words is replaced and its key destroyed
    try (SnapshotFile.Opened o = SnapshotFile.open(dir.resolve("readmodel.snapshot"))) {
      assertThat(o.header().position()).isGreaterThanOrEqualTo(at);
      assertThat(o.header().keyId()).isNotEqualTo(key);
    }
    try (var keys = no.deling.privacy.sealing.SqliteKeyStore.open(dir.resolve("keys.db"))) {
      assertThat(keys.key(key, Snapshots.KEY_PERIOD)).as("the old snapshot's key").isNull();
      // every post was written again, into one new run: the runs that held bob's words are gone with their keys
      for (String run : runsBefore) {
        assertThat(keys.key("$snapshot/" + run, Snapshots.KEY_PERIOD)).as("the key of run %s from before the erasure", run).isNull();
      }
      assertThat(runsOnDisk()).doesNotContainAnyElementsOf(runsBefore);
    }
  }

  @Test
  void aPeriodicSnapshot_waitsAfterTheLastOne_spacingTimesAsLongAsItTook() throws Exception {
    // a spacing no test outlives: after the first periodic snapshot, no other until shutdown
    Map<String, String> spaced = Map.of("DELING_SNAPSHOT_EVERY", "10", "DELING_SNAPSHOT_SPACING", "1000000");
    long first = firstPeriodicSnapshot(spaced);
    Thread.sleep(500);
    assertThat(readModelHealth().getLong("snapshot")).as("40 events later, still spaced out").isEqualTo(first);
    s.close();
    s = start(spaced);
    assertThat(readModelHealth().getLong("startedFrom")).as("shutdown's snapshot is not spaced out").isGreaterThan(first + 40);
  }

  @Test
  void aFloodThatOutlastsTheSpacing_stillGetsASnapshotEveryMaxTailEvents() throws Exception {
    long first = firstPeriodicSnapshot(
        Map.of("DELING_SNAPSHOT_EVERY", "10", "DELING_SNAPSHOT_SPACING", "1000000", "DELING_SNAPSHOT_MAX_TAIL", "30"));
    long deadline = System.currentTimeMillis() + 10_000;
    while (readModelHealth().getLong("snapshot") == first && System.currentTimeMillis() < deadline) Thread.sleep(20);
    assertThat(readModelHealth().getLong("snapshot")).as("30 events on, the spacing no longer holds it back")
        .isGreaterThanOrEqualTo(first + 30);
  }

  /** Starts a server with {@code env}, posts 12 times, waits for the first periodic snapshot, then posts 40 more; returns its position. */
  private long firstPeriodicSnapshot(Map<String, String> env) throws Exception {
    s = start(env);
    String bob = login("bob");
    for (int i = 0; i < 12; i++) s.publish(bob, "Wombat note " + i);
    long deadline = System.currentTimeMillis() + 10_000;
    while (readModelHealth().getLong("snapshot") == 0 && System.currentTimeMillis() < deadline) Thread.sleep(20);
    long first = readModelHealth().getLong("snapshot");
    assertThat(first).as("the first periodic snapshot").isGreaterThanOrEqualTo(10);
    for (int i = 0; i < 40; i++) s.publish(bob, "Wombat later " + i);
    return first;
  }

  @Test
  void aDamagedSnapshot_isIgnored_andTheWholeLogIsReplayed() throws Exception {
    s = start(Map.of());
    String bob = login("bob");
    String carol = login("carol");
    s.put("/api/me/following/users/bob", carol, null);
    for (int i = 0; i < 5; i++) s.publish(bob, "Quokka " + i);
    String home = s.get("/api/timelines/home", carol).body().toString();
    s.close();
    Path file = dir.resolve("readmodel.snapshot");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 1);
    }
    s = start(Map.of());
    assertThat(readModelHealth().getLong("startedFrom")).isZero();
    assertThat(s.get("/api/timelines/home", carol).body().toString()).isEqualTo(home);
  }

  @Test
  void withSnapshotsOff_oneLeftFromBefore_isRemovedAndItsKeyDestroyed() throws Exception {
    s = start(Map.of());
    s.publish(login("bob"), "Quokka");
    s.close();
    Path file = dir.resolve("readmodel.snapshot");
    String key;
    try (SnapshotFile.Opened o = SnapshotFile.open(file)) {
      key = o.header().keyId();
    }
    s = start(Map.of("DELING_SNAPSHOTS", "false"));
    assertThat(file).doesNotExist();
    assertThat(readModelHealth().getLong("startedFrom")).isZero();
    s.close();
    s = null;
    assertThat(file).as("none written at shutdown either").doesNotExist();
    try (var keys = no.deling.privacy.sealing.SqliteKeyStore.open(dir.resolve("keys.db"))) {
      assertThat(keys.key(key, Snapshots.KEY_PERIOD)).isNull();
    }
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("readmodel.snapshot"));
  }
}
