package no.deling.load.replay;

import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.sqlite.SqliteEventStore;
import no.deling.load.org.Args;
import no.deling.load.org.OrgFiles;

/**
 * Plays a generated stream against a server, or imports one offline.
 *
 * <pre>
 * Replay --commands target/org/commands.jsonl --secret $DELING_JWT_SECRET \
 *        [--target http://127.0.0.1:8080] [--rate 200 | --rate 0 --concurrency 64] \
 *        [--warmup 5] [--duration 30] [--max-commands N] [--sockets 100] \
 *        [--metrics-token T] [--report target/replay-report.html]
 * Replay --import target/org/events.jsonl --data-dir target/imported
 * </pre>
 *
 * Runs are bounded (at most an hour, at most the stream's length) and go to loopback unless
 * {@code --target} names another address.
 */
public final class Replay {
  private Replay() {}

  public static void main(String[] args) throws Exception {
    no.deling.CommonPool.ensureParallelism();
    Args a = new Args(args);
    Vertx vertx = Vertx.vertx();
    try {
      if (a.string("--import", null) != null) {
        List<OrgFiles.EventLine> events = OrgFiles.readEvents(Path.of(a.string("--import", null)));
        EventStore store = SqliteEventStore.open(vertx, Path.of(a.string("--data-dir", "target/imported")))
            .toCompletionStage().toCompletableFuture().get();
        OfflineImport.Imported imported = OfflineImport.append(vertx, store, events);
        System.out.printf("imported %,d events in %.1f s (%,.0f appends/s)%n", imported.events(), imported.seconds(), imported.appendsPerSecond());
        OfflineImport.Rebuild r = OfflineImport.rebuild(vertx, store);
        System.out.printf("rebuild: %,d events in %.2f s = %,.0f events/s (ceiling, read + parse only: %,.0f/s); heap %,.0f MB per 1M events%n",
            r.events(), r.rebuildSeconds(), r.rebuildPerSecond(), r.parsePerSecond(), r.heapMbPerMillion());
        store.close().toCompletionStage().toCompletableFuture().get();
        return;
      }
      String secret = a.string("--secret", System.getenv("DELING_JWT_SECRET"));
      ReplayOptions options = new ReplayOptions(URI.create(a.string("--target", "http://127.0.0.1:8080")), secret,
          a.doubleValue("--rate", 100), a.intValue("--concurrency", 64), Duration.ofSeconds(a.intValue("--warmup", 5)),
          Duration.ofSeconds(a.intValue("--duration", 30)), a.longValue("--max-commands", Long.MAX_VALUE),
          a.intValue("--sockets", 0), Duration.ofSeconds(a.intValue("--drain", 10)), a.string("--metrics-token", null));
      var commands = OrgFiles.readCommands(Path.of(a.string("--commands", "target/org/commands.jsonl")));
      ReplayDriver driver = new ReplayDriver(vertx, options);
      ReplayReport report = driver.run(commands, "Replay of " + a.string("--commands", "target/org/commands.jsonl") + " against " + options.target());
      driver.close();
      System.out.print(report.table());
      Path html = Path.of(a.string("--report", "target/replay-report.html"));
      HtmlReport.write(List.of(report), html);
      System.out.println("report: " + html.toAbsolutePath());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }
}
