package no.deling.bench;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventTypes;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.RecordedEvent;
import no.deling.core.eventstore.sqlite.SqliteEventStore;
import no.deling.load.org.Args;
import no.deling.load.org.OrgFiles;
import no.deling.load.org.OrgGenerator;
import no.deling.load.org.OrgSpec;
import no.deling.load.replay.OfflineImport;
import no.deling.readmodel.ReadModel;

/**
 * Where a projection rebuild spends its time, stage by stage, on one log kept on disk between
 * runs (so a tuning loop does not pay for the import each time):
 *
 * <ol>
 *   <li>read the whole log through the store, nothing else;
 *   <li>decode every event into its record (from pages held in memory);
 *   <li>apply already decoded events to a fresh read model;
 *   <li>the real thing: a fresh read model subscribed from position 0, as at start-up.
 * </ol>
 *
 * Run: {@code mvn -q test-compile exec:java -Dexec.mainClass=no.deling.bench.RebuildBenchmark
 * -Dexec.args="--log /tmp/deling-rebuild --events 1000000 --rounds 3"}
 */
public final class RebuildBenchmark {
  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int total = args.intValue("--events", 1_000_000);
    int rounds = args.intValue("--rounds", 3);
    Path dir = Path.of(args.string("--log", System.getProperty("java.io.tmpdir") + "/deling-rebuild-" + total));
    Vertx vertx = Vertx.vertx();
    try {
      if (!Files.exists(dir.resolve("events.db"))) {
        var org = OrgGenerator.generate(OrgSpec.standard(44).withPeople(5_000).withDays(1 + total / 110_000).withPostsPerPersonPerDay(10));
        var events = OrgFiles.events(org, 1);
        if (events.size() > total) events = events.subList(0, total);
        EventStore store = SqliteEventStore.open(vertx, dir).toCompletionStage().toCompletableFuture().get();
        var imported = OfflineImport.append(vertx, store, events);
        System.out.printf("imported %,d events into %s (%,.0f/s)%n", imported.events(), dir, imported.appendsPerSecond());
        store.close().toCompletionStage().toCompletableFuture().get();
      }
      EventStore store = SqliteEventStore.open(vertx, dir).toCompletionStage().toCompletableFuture().get();
      for (int round = 1; round <= rounds; round++) {
        System.out.printf("round %d%n", round);
        if (!args.flag("--rebuild-only")) stages(store);
        var rebuild = OfflineImport.rebuild(vertx, store);
        System.out.printf("  %-34s %,10.0f events/s  (ceiling read + raw parse %,.0f/s; heap %,.0f MB per 1M)%n", "rebuild (subscribe from 0)",
            rebuild.rebuildPerSecond(), rebuild.parsePerSecond(), rebuild.heapMbPerMillion());
        System.out.printf("  %-34s %.2f of %d cores busy, GC %,d ms in %.1f s %n", "", rebuild.coresBusy(),
            Runtime.getRuntime().availableProcessors(), rebuild.gcMillis(), rebuild.rebuildSeconds());
      }
      store.close().toCompletionStage().toCompletableFuture().get();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  private static void stages(EventStore store) throws Exception {
    long t = System.nanoTime();
    List<List<RecordedEvent>> pages = readAll(store);
    long n = pages.stream().mapToLong(List::size).sum();
    report("read the log", n, t);

    t = System.nanoTime();
    List<DomainEvent> decoded = new ArrayList<>((int) n);
    for (List<RecordedEvent> page : pages) for (RecordedEvent r : page) decoded.add(EventTypes.decode(r.type(), r.data()));
    report("decode into records", n, t);

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
}
