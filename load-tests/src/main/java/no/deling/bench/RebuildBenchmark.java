package no.deling.bench;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventTypes;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.RecordedEvent;
import no.deling.core.eventstore.sqlite.SqliteEventStore;
import no.deling.load.org.Args;
import no.deling.load.replay.OfflineImport;
import no.deling.readmodel.ReadModel;

/**
 * Projection rebuild throughput, on one log kept on disk between runs (so a tuning loop does not
 * pay for the import each time). Each round builds a fresh read model from position 0, exactly as
 * start-up does, next to the ceiling measured in the same round (read the whole log and tokenise
 * every body, nothing else). The first round runs in a cold JVM — the JIT still compiling — so it
 * is reported apart from the median of the rest.
 *
 * <p>The log is sealed as a server writes it (personal bodies encrypted, keys in the log's
 * directory), so every round opens them as a server's rebuild does; {@code --plain} imports and
 * rebuilds a log without sealing, for comparison. {@code --as-server} also renders the live-stream resume window as the server does at start-up;
 * {@code --stages} adds a breakdown per round (read the log, decode, apply) from pages held in
 * memory. Each round also prints the projection thread's CPU time and allocation per event, which
 * vary far less than the wall clock on a shared machine; {@code -Ddeling.histogram=true} prints
 * the read model's heap, class by class. The last line, {@code RESULT …}, is for the benchmark suite.
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.mainClass=no.deling.bench.RebuildBenchmark
 * -Dexec.args="--rounds 6 --as-server"} (JVM options, such as another collector, through {@code MAVEN_OPTS}).
 */
public final class RebuildBenchmark {
  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int total = args.intValue("--events", 1_000_000);
    int rounds = Math.max(2, args.intValue("--rounds", 6));
    boolean asServer = args.flag("--as-server");
    // --plain: a log without sealed bodies (as before sealing), to see what opening them costs
    boolean plain = args.flag("--plain");
    Path dir = Path.of(args.string("--log", System.getProperty("java.io.tmpdir") + "/deling-rebuild-" + (plain ? "plain-" : "sealed-") + total));
    Vertx vertx = Vertx.vertx();
    try {
      if (!Files.exists(dir.resolve("events.db"))) importOrganisation(vertx, dir, total, plain);
      EventStore log = SqliteEventStore.open(vertx, dir).toCompletionStage().toCompletableFuture().get();
      EventStore store = plain ? log : OfflineImport.sealed(vertx, log, dir);
      List<OfflineImport.Rebuild> results = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        if (args.flag("--stages")) stages(store);
        OfflineImport.Rebuild r = OfflineImport.rebuild(vertx, store, asServer);
        results.add(r);
        System.out.printf("round %d: %,9.0f events/s  (ceiling %,9.0f/s)  %.2f cores busy, projection thread %.2f µs CPU and %,.0f B allocated per event, GC %,d ms of %.2f s, heap %,.0f MB per 1M%n", round,
            r.rebuildPerSecond(), r.parsePerSecond(), r.coresBusy(), r.projectionCpuMicrosPerEvent(), r.projectionBytesPerEvent(), r.gcMillis(), r.rebuildSeconds(), r.heapMbPerMillion());
      }
      store.close().toCompletionStage().toCompletableFuture().get();
      double cold = results.get(0).rebuildPerSecond();
      double[] warm = results.subList(1, rounds).stream().mapToDouble(OfflineImport.Rebuild::rebuildPerSecond).sorted().toArray();
      double ceiling = median(results.stream().mapToDouble(OfflineImport.Rebuild::parsePerSecond).toArray());
      double heap = median(results.stream().mapToDouble(OfflineImport.Rebuild::heapMbPerMillion).toArray());
      System.out.printf("rebuild of %,d events%s, %s: cold JVM %,.0f events/s; warm median %,.0f events/s (%,.0f–%,.0f over %d rounds); "
              + "ceiling median %,.0f/s; heap %,.0f MB per 1M events%n",
          results.get(0).events(), asServer ? " with the stream window" : "", collectorNames(), cold, median(warm), warm[0],
          warm[warm.length - 1], warm.length, ceiling, heap);
      System.out.printf("RESULT cold=%.0f warm=%.0f warmMin=%.0f warmMax=%.0f ceiling=%.0f heapMb=%.0f rounds=%d events=%d%n", cold, median(warm),
          warm[0], warm[warm.length - 1], ceiling, heap, warm.length, results.get(0).events());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  /** The same organisation the benchmark suite rebuilds. */
  private static void importOrganisation(Vertx vertx, Path dir, int total, boolean plain) throws Exception {
    EventStore log = SqliteEventStore.open(vertx, dir).toCompletionStage().toCompletableFuture().get();
    EventStore store = plain ? log : OfflineImport.sealed(vertx, log, dir);
    var imported = OfflineImport.importOrganisation(vertx, store, total, 44);
    System.out.printf("imported %,d events into %s (%,.0f/s)%n", imported.events(), dir, imported.appendsPerSecond());
    store.close().toCompletionStage().toCompletableFuture().get();
  }

  /** Each stage alone, from pages held in memory: read the log, decode into records, apply to a fresh model. */
  private static void stages(EventStore store) throws Exception {
    long t = System.nanoTime();
    List<List<RecordedEvent>> pages = readAll(store);
    long n = pages.stream().mapToLong(List::size).sum();
    report("read the log (full records)", n, t);

    t = System.nanoTime();
    List<DomainEvent> decoded = new ArrayList<>((int) n);
    for (List<RecordedEvent> page : pages) for (RecordedEvent r : page) decoded.add(EventTypes.decode(r.type(), r.data()));
    report("decode, one parser per event", n, t);

    ReadModel applied = new ReadModel(800, 2_000);
    t = System.nanoTime();
    long position = 0;
    for (DomainEvent e : decoded) applied.applyDecoded(e, ++position, null);
    report("apply decoded events", n, t);
    if (applied.position() < 0) System.out.println(); // keeps the model reachable until timed
  }

  private static List<List<RecordedEvent>> readAll(EventStore store) throws Exception {
    List<List<RecordedEvent>> pages = new ArrayList<>();
    long after = 0;
    while (true) {
      List<RecordedEvent> page = store.readAll(after, 4_096).toCompletionStage().toCompletableFuture().get();
      if (page.isEmpty()) return pages;
      pages.add(page);
      after = page.get(page.size() - 1).position();
    }
  }

  private static void report(String stage, long events, long startedNanos) {
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    System.out.printf("  %-34s %,10.0f events/s  (%.2f s)%n", stage, events / seconds, seconds);
  }

  /** The median of {@code values} (the mean of the middle two when there are evenly many). */
  public static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  static String collectorNames() {
    return String.join(" + ", java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
  }
}
