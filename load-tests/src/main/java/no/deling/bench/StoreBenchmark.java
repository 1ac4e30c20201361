package no.deling.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import no.deling.core.events.EventTypes;
import no.deling.core.eventstore.EventData;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.ExpectedRevision;
import no.deling.core.eventstore.kurrentdb.KurrentDbEventStore;
import no.deling.core.eventstore.kurrentdb.KurrentDbStandIn;
import no.deling.core.eventstore.sqlite.SqliteEventStore;
import no.deling.core.ids.PostIds;
import no.deling.load.org.Args;
import no.deling.load.replay.OfflineImport;
import no.deling.posts.PostEvent;

/**
 * Embedded store and projection benchmark. Prints, each next to a ceiling measured in the same run
 * on the same machine:
 *
 * <ul>
 *   <li>durable appends/s with group commit and N concurrent writers (ceiling: raw SQLite batched
 *       inserts with one fsync per 1,000 rows; floor: raw SQLite with one fsync per row);
 *   <li>projection rebuild events/s from a log of M events (ceiling: raw Jackson parsing of the
 *       same event bodies);
 *   <li>heap held by the read models per 1M events.
 * </ul>
 *
 * Run: {@code mvn -q test-compile exec:java -Dexec.args="--writers 64 --seconds 10 --events 1000000"}
 *
 * <p>With {@code --store standin} the same figures are taken through the KurrentDB adapter against
 * the in-process gRPC stand-in (an in-memory log: it measures the adapter and the client, not
 * KurrentDB); with {@code --store kurrentdb --url kurrentdb://host:2113?tls=false} against a real,
 * empty KurrentDB node.
 */
public final class StoreBenchmark {
  static {
    no.deling.CommonPool.ensureParallelism();
  }

  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    int writers = a.intValue("--writers", 64);
    int seconds = a.intValue("--seconds", 10);
    int events = a.intValue("--events", 1_000_000);
    String kind = a.string("--store", "embedded");
    Path dir = Files.createTempDirectory("deling-bench");
    Vertx vertx = Vertx.vertx();
    try {
      if (!kind.equals("embedded")) {
        benchmarkKurrentDb(vertx, kind, a.string("--url", null), writers, seconds, events);
        return;
      }
      System.out.printf("Deling store benchmark — %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
          System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version"));
      double rowAtATime = rawSqlite(dir.resolve("raw1.db"), 1, 3);
      double batched = rawSqlite(dir.resolve("raw2.db"), 1_000, 3);
      double appends = appendThroughput(vertx, dir.resolve("append"), writers, seconds);
      System.out.println();
      System.out.printf("%-58s %12s%n", "measure", "value");
      System.out.printf("%-58s %,12.0f%n", "raw SQLite, 1 row per fsync'd commit (rows/s)", rowAtATime);
      System.out.printf("%-58s %,12.0f%n", "raw SQLite, 1,000 rows per fsync'd commit (rows/s, ceiling)", batched);
      System.out.printf("%-58s %,12.0f  (%.0f%% of ceiling)%n", "Deling durable appends/s, " + writers + " writers, group commit", appends,
          100 * appends / batched);
      Path logDir = dir.resolve("log");
      fillLog(() -> open(SqliteEventStore.open(vertx, logDir)), vertx, events);
      rebuild(open(SqliteEventStore.open(vertx, logDir)), vertx, events);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
      if (a.flag("--keep")) System.out.println("kept " + dir);
      else no.deling.load.suite.TempDirs.delete(dir);
    }
  }

  // ------------------------------------------------------------------ baselines

  /** Rows/s for plain inserts into the same table shape, synchronous=FULL, WAL. */
  private static double rawSqlite(Path file, int rowsPerCommit, int seconds) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("CREATE TABLE events (position INTEGER PRIMARY KEY, stream TEXT NOT NULL, revision INTEGER NOT NULL,"
            + " event_id BLOB NOT NULL UNIQUE, type TEXT NOT NULL, data BLOB NOT NULL, metadata BLOB NOT NULL,"
            + " created INTEGER NOT NULL, UNIQUE (stream, revision))");
      }
      c.setAutoCommit(false);
      byte[] data = sampleBody();
      long rows = 0;
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      long start = System.nanoTime();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO events VALUES (?,?,?,?,?,?,?,?)")) {
        while (System.nanoTime() < end) {
          for (int i = 0; i < rowsPerCommit; i++) {
            rows++;
            ps.setLong(1, rows);
            ps.setString(2, "s-" + rows);
            ps.setLong(3, 0);
            UUID id = no.deling.core.ids.EventIds.next();
            ps.setBytes(4, java.nio.ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array());
            ps.setString(5, "PostPublished.v1");
            ps.setBytes(6, data);
            ps.setBytes(7, "{\"actor\":\"alice\"}".getBytes(StandardCharsets.UTF_8));
            ps.setLong(8, System.currentTimeMillis());
            ps.addBatch();
          }
          ps.executeBatch();
          c.commit();
        }
      }
      return rows / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static byte[] sampleBody() {
    String id = PostIds.format(new PostIds(1).next(System.currentTimeMillis()));
    return EventTypes.encode(new PostEvent.PostPublished(id, "alice", "A typical post about #kotlin with a link https://deling.no/x and @bob",
        null, id, List.of("kotlin"), List.of("bob"), List.of("https://deling.no/x"), Instant.now()));
  }

  // ------------------------------------------------------------------ appends

  /**
   * The same appends and rebuild through the KurrentDB adapter, against the stand-in (a fresh one
   * per phase, so the rebuild replays exactly the synthetic log) or a real, empty node.
   */
  private static void benchmarkKurrentDb(Vertx vertx, String kind, String url, int writers, int seconds, int events) throws Exception {
    boolean standIn = kind.equals("standin");
    if (!standIn && url == null) throw new IllegalArgumentException("--store kurrentdb needs --url kurrentdb://host:2113?tls=false");
    String label = standIn ? "KurrentDB adapter -> in-process gRPC stand-in (in-memory log: measures adapter + client, not KurrentDB)"
        : "KurrentDB adapter -> " + url;
    System.out.printf("Deling store benchmark — %d cores, %s, Java %s%n%s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version"), label);
    if (!no.deling.CommonPool.hasParallelism()) {
      System.out.println("WARNING: the JVM's common pool has one thread (it was sized before this benchmark could, as under exec:java),"
          + " so the client's async stages each start a thread and the figures are far too low; run with"
          + " MAVEN_OPTS=-Djava.util.concurrent.ForkJoinPool.common.parallelism=4");
    }
    java.time.Duration timeout = java.time.Duration.ofSeconds(10);
    try (KurrentDbStandIn appendNode = standIn ? KurrentDbStandIn.start0() : null;
        KurrentDbStandIn logNode = standIn ? KurrentDbStandIn.start0() : null) {
      String appendUrl = standIn ? appendNode.connectionString() : url;
      String logUrl = standIn ? logNode.connectionString() : url;
      double appends = appendThroughput(open(KurrentDbEventStore.open(vertx, appendUrl, timeout, timeout)), vertx, writers, seconds);
      System.out.printf("%-58s %,12.0f%n", "durable appends/s, " + writers + " writers", appends);
      fillLog(() -> open(KurrentDbEventStore.open(vertx, logUrl, timeout, timeout)), vertx, events);
      rebuild(open(KurrentDbEventStore.open(vertx, logUrl, timeout, timeout)), vertx, events);
    }
  }

  private static EventStore open(Future<? extends EventStore> opening) throws Exception {
    return opening.toCompletionStage().toCompletableFuture().get();
  }

  private static double appendThroughput(Vertx vertx, Path dir, int writers, int seconds) throws Exception {
    return appendThroughput(open(SqliteEventStore.open(vertx, dir)), vertx, writers, seconds);
  }

  private static double appendThroughput(EventStore store, Vertx vertx, int writers, int seconds) throws Exception {
    byte[] data = sampleBody();
    AtomicLong acked = new AtomicLong();
    long warmupEnd = System.nanoTime() + 2_000_000_000L;
    long end = warmupEnd + seconds * 1_000_000_000L;
    long[] startCount = new long[1];
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicLong running = new AtomicLong(writers);
    vertx.runOnContext(v -> {
      for (int w = 0; w < writers; w++) {
        String stream = "writer-" + w;
        loop(store, stream, data, acked, end, () -> {
          if (running.decrementAndGet() == 0) done.complete(null);
        });
      }
    });
    while (System.nanoTime() < warmupEnd) Thread.sleep(10);
    startCount[0] = acked.get();
    long measuredStart = System.nanoTime();
    done.get();
    double rate = (acked.get() - startCount[0]) / ((System.nanoTime() - measuredStart) / 1e9);
    store.close().toCompletionStage().toCompletableFuture().get();
    return rate;
  }

  /** One writer: append, wait for the durable ack, append again, until the deadline. */
  private static void loop(EventStore store, String stream, byte[] data, AtomicLong acked, long end, Runnable finished) {
    if (System.nanoTime() >= end) {
      finished.run();
      return;
    }
    store.append(stream, ExpectedRevision.ANY, List.of(new EventData(no.deling.core.ids.EventIds.next(), "PostPublished.v1", data, null)))
        .onComplete(r -> {
          if (r.succeeded()) acked.incrementAndGet();
          loop(store, stream, data, acked, end, finished);
        });
  }

  // ------------------------------------------------------------------ rebuild

  /** A synthetic organisation's log (the load tests' generator): 5,000 people, heavy-tailed follows, a working week of posts. */
  private static void fillLog(java.util.concurrent.Callable<EventStore> opener, Vertx vertx, int total) throws Exception {
    EventStore store = opener.call();
    OfflineImport.Imported imported = OfflineImport.importOrganisation(vertx, store, total, 42);
    System.out.printf("%-58s %,12.0f  (%,d events in %.1f s, 2,000 in flight)%n", "import of a synthetic organisation (appends/s)",
        imported.appendsPerSecond(), imported.events(), imported.seconds());
    store.close().toCompletionStage().toCompletableFuture().get();
  }

  private static void rebuild(EventStore store, Vertx vertx, int total) throws Exception {
    OfflineImport.Rebuild r = OfflineImport.rebuild(vertx, store);
    System.out.printf("  (rebuild of %,d events took %.2f s)%n", r.events(), r.rebuildSeconds());
    System.out.printf("%-58s %,12.0f%n", "same subscription, tokenising bodies only (events/s, ceiling)", r.parsePerSecond());
    System.out.printf("%-58s %,12.0f  (%.0f%% of ceiling; %,d posts)%n", "projection rebuild (events/s)", r.rebuildPerSecond(),
        100 * r.rebuildPerSecond() / r.parsePerSecond(), r.posts());
    System.out.printf("%-58s %,12.0f%n", "read-model heap per 1M events (MB)", r.heapMbPerMillion());
    store.close().toCompletionStage().toCompletableFuture().get();
  }
}
