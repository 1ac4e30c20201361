package no.deling.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import no.deling.core.eventstore.RecordedEvent;
import no.deling.support.EventSchemas;
import no.deling.support.ServerProcess;
import no.deling.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is ever lost: a real server process takes concurrent posts, is killed with
 * SIGKILL mid-load, and is restarted on the same data directory.
 */
class CrashRecoveryTest {
  @TempDir Path dir;
  private Process process;
  // HTTP/1.1: Java 17's client fails every open HTTP/2 stream on a GOAWAY, even those the server
  // still answers (it processes streams up to the GOAWAY's last stream id), which a shutdown test would misread
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  @AfterEach
  void cleanup() throws IOException {
    if (process != null) process.destroyForcibly();
    ServerProcess.assertNoUnhandledFailures(dir.resolve("server.log"));
  }

  private static int freePort() throws IOException {
    return ServerProcess.freePort();
  }

  private Process startServer(int port) throws Exception {
    return startServer(port, Map.of());
  }

  private Process startServer(int port, Map<String, String> extra) throws Exception {
    return ServerProcess.start(dir.resolve("data"), port, extra, dir.resolve("server.log"), 0);
  }

  private static String token(String user, String... roles) {
    Vertx v = Vertx.vertx();
    try {
      JWTAuth jwt = JWTAuth.create(v, new JWTAuthOptions().addPubSecKey(
          new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(TestServer.SECRET))));
      JsonObject claims = new JsonObject().put("sub", user).put("name", user);
      if (roles.length > 0) claims.put("roles", new io.vertx.core.json.JsonArray(List.of(roles)));
      return jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(60));
    } finally {
      v.close();
    }
  }

  @Test
  void everyAcknowledgedPost_survivesSigkill_andNothingHalfWrittenIsVisible() throws Exception {
    int port = freePort();
    process = startServer(port);
    String base = "http://127.0.0.1:" + port;
    int writers = 16;
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < writers; i++) tokens.add(token("writer" + i));

    Map<String, String> acknowledged = new ConcurrentHashMap<>(); // id -> text
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger attempted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    for (int w = 0; w < writers; w++) {
      int writer = w;
      pool.submit(() -> {
        for (int n = 0; !stop.get(); n++) {
          String text = "writer " + writer + " post " + n + " #crash";
          attempted.incrementAndGet();
          try {
            var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/posts"))
                .header("Authorization", "Bearer " + tokens.get(writer)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("text", text).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) acknowledged.put(new JsonObject(r.body()).getString("id"), text);
          } catch (IOException | InterruptedException killedMidRequest) {
            return null;
          }
        }
        return null;
      });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (acknowledged.size() < 300 && System.nanoTime() < deadline) Thread.sleep(10);
    process.destroyForcibly(); // SIGKILL, mid-load
    process.waitFor();
    stop.set(true);
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);

    // SQLite recovers its WAL on open; check the file is consistent before the server touches it
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/events.db"));
        ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("ok");
    }

    process = startServer(port);
    String reader = token("reader");
    for (var e : acknowledged.entrySet()) {
      var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/posts/" + e.getKey())).header("Authorization", "Bearer " + reader).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("acknowledged post %s is lost", e.getKey()).isEqualTo(200);
      assertThat(new JsonObject(r.body()).getString("text")).isEqualTo(e.getValue());
    }
    // Everything visible is whole: each stored event parses and validates, and at most the
    // in-flight, unacknowledged posts exist beyond the acknowledged ones.
    List<RecordedEvent> events = readLog();
    assertThat(EventSchemas.problems(events)).isEmpty();
    long posts = events.stream().filter(e -> e.type().equals("PostPublished.v1")).count();
    assertThat(posts).isBetween((long) acknowledged.size(), (long) attempted.get());

    // the search index resumes from its last commit and catches up: every post once, none lost
    long deadlineForSearch = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonObject health;
    do {
      Thread.sleep(50);
      health = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body());
    } while (health.getJsonObject("search").getLong("lag") > 0 && System.nanoTime() < deadlineForSearch);
    assertThat(health.getJsonObject("search").getLong("lag")).isZero();
    var found = http.send(HttpRequest.newBuilder(URI.create(base + "/api/search?tag=crash&limit=1")).header("Authorization", "Bearer " + reader).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(new JsonObject(found.body()).getLong("total")).as("posts in the index after the crash").isEqualTo(posts);
  }

  /**
   * Snapshots every few events while writers post, SIGKILL at random moments (before, during or
   * after a snapshot write), three times over: each restart starts from the newest whole snapshot
   * (a half-written one is never seen) and replays the log after it; nothing acknowledged is lost,
   * and the search index catches up on what it had not indexed.
   */
  @Test
  void snapshots_killedAtRandomMoments_loseNothingAcknowledged_andRestartsReplayOnlyTheTail() throws Exception {
    long seed = System.nanoTime();
    java.util.Random random = new java.util.Random(seed);
    int port = freePort();
    String base = "http://127.0.0.1:" + port;
    Map<String, String> env = Map.of("DELING_SNAPSHOT_EVERY", "25", "DELING_SNAPSHOT_SPACING", "0");
    int writers = 8;
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < writers; i++) tokens.add(token("snapper" + i));
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    for (int round = 0; round < 3; round++) {
      process = startServer(port, env);
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      int r = round;
      for (int w = 0; w < writers; w++) {
        int writer = w;
        pool.submit(() -> {
          for (int n = 0; !stop.get(); n++) {
            String text = "round " + r + " writer " + writer + " post " + n + " #snapcrash";
            try {
              var response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/posts"))
                  .header("Authorization", "Bearer " + tokens.get(writer)).header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("text", text).encode())).build(),
                  HttpResponse.BodyHandlers.ofString());
              if (response.statusCode() == 201) acknowledged.put(new JsonObject(response.body()).getString("id"), text);
            } catch (IOException | InterruptedException killed) {
              return null;
            }
          }
          return null;
        });
      }
      // killed at a random moment once the round has written enough to take snapshots (a time alone wrote
      // nothing on two cores busy with other tests)
      int before = acknowledged.size();
      for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); acknowledged.size() < before + 40 && System.nanoTime() < until; ) Thread.sleep(20);
      Thread.sleep(random.nextInt(1500));
      process.destroyForcibly(); // SIGKILL, perhaps mid-snapshot
      process.waitFor();
      stop.set(true);
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    assertThat(acknowledged).as("seed %d", seed).hasSizeGreaterThan(100);

    process = startServer(port, env);
    String server = Files.readString(dir.resolve("server.log"));
    assertThat(server).as("restarts start from a snapshot").contains("read-model snapshot read");
    String reader = token("reader");
    for (var e : acknowledged.entrySet()) {
      var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/posts/" + e.getKey())).header("Authorization", "Bearer " + reader).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("seed %d: acknowledged post %s is lost", seed, e.getKey()).isEqualTo(200);
      assertThat(new JsonObject(r.body()).getString("text")).isEqualTo(e.getValue());
    }
    List<RecordedEvent> events = readLog();
    long posts = events.stream().filter(e -> e.type().equals("PostPublished.v1")).count();
    var timeline = http.send(HttpRequest.newBuilder(URI.create(base + "/api/users/snapper0/posts?limit=100")).header("Authorization", "Bearer " + reader)
        .build(), HttpResponse.BodyHandlers.ofString());
    long snapper0 = events.stream().filter(e -> e.type().equals("PostPublished.v1")
        && new String(e.data(), java.nio.charset.StandardCharsets.UTF_8).contains("\"author\":\"snapper0\"")).count();
    assertThat(new JsonObject(timeline.body()).getJsonArray("items").size()).as("seed %d: a profile timeline", seed).isEqualTo((int) Math.min(100, snapper0));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonObject health;
    do {
      Thread.sleep(50);
      health = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body());
    } while (health.getJsonObject("search").getLong("lag") > 0 && System.nanoTime() < deadline);
    var found = http.send(HttpRequest.newBuilder(URI.create(base + "/api/search?tag=snapcrash&limit=1")).header("Authorization", "Bearer " + reader)
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(new JsonObject(found.body()).getLong("total")).as("seed %d: posts in the index", seed).isEqualTo(posts);
    System.out.println("snapshot crash: seed " + seed + ", " + acknowledged.size() + " acknowledged, started from " + health.getJsonObject("readModel"));
  }

  @Test
  void sigterm_underLoad_answersEveryPostItWrote_closesSocketsWith1001_andExits() throws Exception {
    int port = freePort();
    process = startServer(port);
    String base = "http://127.0.0.1:" + port;
    java.util.concurrent.CompletableFuture<Integer> socketClosed = new java.util.concurrent.CompletableFuture<>();
    http.newWebSocketBuilder().header("Authorization", "Bearer " + token("watcher"))
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/stream"), new java.net.http.WebSocket.Listener() {
          @Override
          public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket ws, int statusCode, String reason) {
            socketClosed.complete(statusCode);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    int writers = 16;
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    java.util.Queue<String> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    for (int w = 0; w < writers; w++) {
      String writerToken = token("writer" + w);
      pool.submit(() -> {
        for (int n = 0; !stop.get(); n++) {
          String text = "post " + n + " before the shutdown";
          try {
            var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/posts"))
                .header("Authorization", "Bearer " + writerToken).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("text", text).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) acknowledged.put(new JsonObject(r.body()).getString("id"), text);
            else failures.add(r.statusCode() + " " + r.body());
          } catch (IOException | InterruptedException refusedAfterShutdown) {
            failures.add(refusedAfterShutdown.toString());
            Thread.sleep(5);
          }
        }
        return null;
      });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (acknowledged.size() < 200 && System.nanoTime() < deadline) Thread.sleep(10);
    long signalled = System.nanoTime();
    process.destroy(); // SIGTERM, mid-load
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits within the grace period").isTrue();
    double seconds = (System.nanoTime() - signalled) / 1e9;
    stop.set(true);
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(socketClosed.get(5, TimeUnit.SECONDS)).as("sockets are told the server is going away").isEqualTo(1001);
    assertThat(seconds).isLessThan(20);
    assertThat(Files.readString(dir.resolve("server.log"))).contains("shut down cleanly");

    // every post in the log was answered with 201: nothing was written behind a client's back
    java.util.Set<String> written = new java.util.HashSet<>();
    for (RecordedEvent e : readLog()) {
      if (e.type().equals("PostPublished.v1")) written.add(new JsonObject(new String(e.data(), java.nio.charset.StandardCharsets.UTF_8)).getString("postId"));
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(200);
    java.util.Set<String> unanswered = new java.util.HashSet<>(written);
    unanswered.removeAll(acknowledged.keySet());
    assertThat(unanswered).as("written without an answer; clients saw %s; server log:%n%s", new java.util.HashSet<>(failures),
        Files.readString(dir.resolve("server.log"))).isEmpty();
    assertThat(written).containsAll(acknowledged.keySet());
  }

  private List<RecordedEvent> readLog() throws Exception {
    List<RecordedEvent> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/events.db"));
        ResultSet rs = c.createStatement().executeQuery("SELECT stream, revision, position, type, data FROM events ORDER BY position")) {
      while (rs.next()) {
        out.add(new RecordedEvent(rs.getString(1), rs.getLong(2), rs.getLong(3), null, rs.getString(4), rs.getBytes(5), new byte[0], 0));
      }
    }
    // posts and profiles are sealed: every one must open with a key the crash did not lose
    return no.deling.support.Unsealed.open(out, dir.resolve("data/keys.db"));
  }

  private int status(String method, String url, String token, String body) {
    try {
      var b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5));
      b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
          : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (IOException | InterruptedException killed) {
      return -1;
    }
  }

  /**
   * An admin erases a person while others post, and the server is killed at a random moment around
   * it. After the restart nothing acknowledged is lost, and nothing erased comes back: once any of
   * her keys is gone (erasure destroys them first), none of her posts shows; an acknowledged
   * erasure shows nothing of her at all; retrying the erasure finishes it, for good.
   */
  @Test
  void erasure_killedAtARandomMoment_losesNothingAcknowledged_andWhatWasErasedNeverComesBack() throws Exception {
    long seed = System.nanoTime();
    java.util.Random random = new java.util.Random(seed);
    int port = freePort();
    process = startServer(port);
    String base = "http://127.0.0.1:" + port;
    String alice = token("alice");
    String bob = token("bob");
    String admin = token("root", "admin");
    List<String> hers = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/posts")).header("Authorization", "Bearer " + alice)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("text", "Erasable " + i).encode()))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(201);
      hers.add(new JsonObject(r.body()).getString("id"));
    }
    Map<String, String> bobs = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    for (int w = 0; w < 2; w++) {
      pool.submit(() -> {
        for (int n = 0; !stop.get(); n++) {
          String text = "bob keeps writing " + n + " " + Thread.currentThread().getId();
          try {
            var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/posts")).header("Authorization", "Bearer " + bob)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("text", text).encode())).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) bobs.put(new JsonObject(r.body()).getString("id"), text);
          } catch (IOException | InterruptedException killed) {
            return null;
          }
        }
        return null;
      });
    }
    Thread.sleep(100 + random.nextInt(200));
    // SIGKILL somewhere before, during or after the erasure
    int delay = random.nextInt(80) - 20;
    if (delay < 0) {
      process.destroyForcibly();
      process.waitFor();
    }
    var erased = pool.submit(() -> status("DELETE", base + "/api/users/alice", admin, null));
    Thread.sleep(Math.max(0, delay));
    process.destroyForcibly();
    process.waitFor();
    stop.set(true);
    boolean acknowledged = erased.get() == 200;
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);

    process = startServer(port);
    String reader = token("reader");
    for (var e : bobs.entrySet()) assertThat(status("GET", base + "/api/posts/" + e.getKey(), reader, null)).as("seed %d: bob's %s", seed, e.getKey()).isEqualTo(200);
    boolean keysGone;
    try (var keys = no.deling.privacy.sealing.SqliteKeyStore.open(dir.resolve("data/keys.db"))) {
      keysGone = keys.key("alice", no.deling.privacy.sealing.KeyStore.PROFILE) == null;
    }
    boolean recorded = readLog().stream().anyMatch(e -> e.type().equals("PersonErased.v1"));
    int visible = 0;
    for (String id : hers) if (status("GET", base + "/api/posts/" + id, reader, null) == 200) visible++;
    String state = String.format("seed %d: erasure acknowledged %s, recorded %s, keys gone %s", seed, acknowledged, recorded, keysGone);
    if (acknowledged) assertThat(recorded).as(state).isTrue();
    assertThat(keysGone).as("%s: a recorded erasure is finished at start-up", state).isEqualTo(recorded);
    if (recorded) assertThat(visible).as(state).isZero();
    else assertThat(visible).as("%s: not erased, so all of hers are there", state).isEqualTo(hers.size());
    System.out.println("erasure crash: " + state);

    // the admin retries (or repeats) the erasure: it finishes, and stays finished through another crash
    assertThat(status("DELETE", base + "/api/users/alice", admin, null)).isEqualTo(200);
    process.destroyForcibly();
    process.waitFor();
    process = startServer(port);
    for (String id : hers) assertThat(status("GET", base + "/api/posts/" + id, reader, null)).as("seed %d", seed).isEqualTo(404);
    assertThat(status("GET", base + "/api/users/alice", reader, null)).isEqualTo(200); // her id, as a former colleague
    for (var e : bobs.entrySet()) assertThat(status("GET", base + "/api/posts/" + e.getKey(), reader, null)).isEqualTo(200);
    List<RecordedEvent> log = readLog();
    assertThat(log.stream().filter(e -> e.type().equals("PersonErased.v1")).count()).isEqualTo(1);
    for (RecordedEvent e : log) {
      if (e.type().equals(no.deling.privacy.sealing.Sealer.ERASED_TYPE)) continue;
      assertThat(new String(e.data(), java.nio.charset.StandardCharsets.UTF_8)).as("seed %d", seed).doesNotContain("Erasable");
    }
  }
}
