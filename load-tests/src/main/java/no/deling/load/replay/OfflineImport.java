package no.deling.load.replay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import no.deling.Config;
import no.deling.core.eventstore.EventData;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.ExpectedRevision;
import no.deling.core.eventstore.LogEvent;
import no.deling.core.eventstore.Subscription;
import no.deling.core.ids.EventIds;
import no.deling.core.json.Json;
import no.deling.load.org.Org;
import no.deling.load.org.OrgFiles;
import no.deling.load.org.OrgGenerator;
import no.deling.load.org.OrgSpec;
import no.deling.readmodel.ReadModel;
import no.deling.stream.StreamHub;
import no.deling.stream.WhenEventAppliedPublishToStreams;

/**
 * The offline path: an event stream appended straight into a store (no HTTP, no deciders), then
 * the projections rebuilt from it and measured against reading the same log and parsing every
 * body with Jackson (the ceiling).
 */
public final class OfflineImport {
  private static final int IN_FLIGHT = 2_000;

  /** @param appendsPerSecond durable appends/s while importing */
  public record Imported(long events, double seconds, double appendsPerSecond) {}

  /**
   * @param parsePerSecond ceiling: the same subscription through the whole log, tokenising every body and nothing else
   * @param rebuildPerSecond projections rebuilt from the log
   * @param heapMbPerMillion heap the read models hold, scaled to 1M events
   * @param coresBusy process CPU time during the rebuild divided by its wall time
   * @param gcMillis collector time during the rebuild
   */
  public record Rebuild(long events, long posts, double parsePerSecond, double rebuildPerSecond, double rebuildSeconds,
      double heapMbPerMillion, double coresBusy, long gcMillis, double projectionCpuMicrosPerEvent,
      double projectionBytesPerEvent) {}

  private OfflineImport() {}

  public static Imported append(Vertx vertx, EventStore store, List<OrgFiles.EventLine> events) throws Exception {
    long started = System.nanoTime();
    List<Future<?>> inFlight = new ArrayList<>(IN_FLIGHT);
    for (OrgFiles.EventLine e : events) {
      EventData data = new EventData(EventIds.next(), e.type(), e.data(), null);
      Promise<Object> p = Promise.promise();
      vertx.runOnContext(v -> store.append(e.stream(), ExpectedRevision.ANY, List.of(data)).map(r -> (Object) r).onComplete(p));
      inFlight.add(p.future());
      if (inFlight.size() >= IN_FLIGHT) {
        Future.all(inFlight).toCompletionStage().toCompletableFuture().get();
        inFlight.clear();
      }
    }
    Future.all(inFlight).toCompletionStage().toCompletableFuture().get();
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Imported(events.size(), seconds, events.size() / seconds);
  }

  /** The log as the server uses it: personal bodies sealed with keys kept in {@code dir}/keys.db (see privacy/sealing). */
  public static EventStore sealed(Vertx vertx, EventStore log, java.nio.file.Path dir) {
    return new no.deling.privacy.sealing.SealedEventStore(vertx, log, no.deling.privacy.sealing.SqliteKeyStore.open(dir.resolve("keys.db")));
  }

  /**
   * Appends the benchmarks' standard organisation — 5,000 people, heavy-tailed follows, enough
   * working days of posts — cut at {@code total} events: ~180k events of profiles and follows come
   * first, then ~125k a day, all before the standard organisation's first day.
   */
  public static Imported importOrganisation(Vertx vertx, EventStore store, int total, long seed) throws Exception {
    // Ending on the standard organisation's first day: ten million events are 91 days of posts, and
    // a log that ran into the future gave every post a server then took an id older than most of its
    // timelines (each inserted mid-list, so a crash restart's tail replayed at 10-14k events/s).
    Org org = OrgGenerator.generate(OrgSpec.standard(seed).withPeople(5_000).withDays(1 + total / 110_000).withPostsPerPersonPerDay(10)
        .endingAt(OrgSpec.standard(seed).start()));
    List<OrgFiles.EventLine> events = OrgFiles.events(org, 1);
    return append(vertx, store, events.size() > total ? events.subList(0, total) : events);
  }

  public static Rebuild rebuild(Vertx vertx, EventStore store) throws Exception {
    return rebuild(vertx, store, false);
  }

  /**
   * @param asServer also render the live-stream resume window, wired exactly as the server wires
   *     it at start-up with default settings (the newest 100,000 events become stream entries)
   */
  public static Rebuild rebuild(Vertx vertx, EventStore store, boolean asServer) throws Exception {

    long heapBefore = usedHeapAfterGc();
    Config defaults = Config.fromEnv(Map.of());
    ReadModel model = new ReadModel(defaults.homeTimelineSize(), defaults.fanOutLimit());
    no.deling.notifications.Inbox inbox = new no.deling.notifications.Inbox();
    if (asServer) {
      long retainFrom = store.positionBeforeNewest(defaults.streamRetention()).toCompletionStage().toCompletableFuture().get();
      WhenEventAppliedPublishToStreams.wire(model,
          new StreamHub(model, defaults.streamRetention(), defaults.streamQueue() * 3 / 4, retainFrom), inbox,
          store.headPosition());
    }
    long head = store.headPosition();
    CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    long cpu1 = processCpuNanos();
    long gc1 = gcMillis();
    long t1 = System.nanoTime();
    // CPU time of the thread that applies (the subscription's), less noisy than the wall clock
    long[] projectionCpu = new long[2];
    long[] projectionAllocated = new long[2];
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    vertx.runOnContext(v -> {
      projectionCpu[0] = threads.getCurrentThreadCpuTime();
      projectionAllocated[0] = threads.getCurrentThreadAllocatedBytes();
      Subscription[] sub = new Subscription[1];
      // as the server subscribes (see ProjectionVerticle): decoded on the store's reader thread
      sub[0] = store.subscribeToAll(0, model::decode, (batch, decoded) -> {
        model.apply(batch, decoded);
        if (model.position() >= head && !caughtUp.isDone()) {
          projectionCpu[1] = threads.getCurrentThreadCpuTime();
          projectionAllocated[1] = threads.getCurrentThreadAllocatedBytes();
          // a live subscription would keep this round's model reachable through every later round
          sub[0].cancel();
          caughtUp.complete(null);
        }
      });
    });
    if (head == 0) caughtUp.complete(null);
    caughtUp.get();
    double seconds = (System.nanoTime() - t1) / 1e9;
    double coresBusy = (processCpuNanos() - cpu1) / 1e9 / seconds;
    long gc = gcMillis() - gc1;
    long heapAfter = usedHeapAfterGc();
    if (Boolean.getBoolean("deling.histogram")) printHistogram(25);
    long events = model.eventsApplied();
    double perMillion = events == 0 ? 0 : (heapAfter - heapBefore) / 1024.0 / 1024.0 * (1_000_000.0 / events);
    // the ceiling after the rebuild: its garbage must not shape the heap the rebuild starts with
    double parseRate = parseCeiling(vertx, store);
    Rebuild r = new Rebuild(events, model.posts.size(), parseRate, events / seconds, seconds, perMillion, coresBusy, gc,
        events == 0 ? 0 : (projectionCpu[1] - projectionCpu[0]) / 1e3 / events,
        events == 0 ? 0 : (projectionAllocated[1] - projectionAllocated[0]) / (double) events);
    if (model.position() < 0) System.out.println(); // keep the model reachable until measured
    inbox.stop(); // its thread would keep this round's notifications reachable through every later round
    return r;
  }

  /**
   * The ceiling for a rebuild: the same subscription from position 0, on the same threads, but the
   * subscriber only tokenises every body (no records, no read model).
   */
  private static double parseCeiling(Vertx vertx, EventStore store) throws Exception {
    long head = store.headPosition();
    long[] parsed = new long[1];
    CompletableFuture<Void> done = new CompletableFuture<>();
    long t0 = System.nanoTime();
    vertx.runOnContext(v -> {
      Subscription[] sub = new Subscription[1];
      sub[0] = store.subscribeToAll(0, batch -> {
        try {
          for (LogEvent e : batch) {
            try (JsonParser p = Json.MAPPER.getFactory().createParser(e.data())) {
              JsonToken t;
              while ((t = p.nextToken()) != null) if (t == JsonToken.VALUE_STRING) p.getTextLength();
            }
            parsed[0]++;
          }
        } catch (java.io.IOException ex) {
          done.completeExceptionally(ex);
        }
        if (batch.get(batch.size() - 1).position() >= head) {
          sub[0].cancel();
          done.complete(null);
        }
      });
    });
    if (head == 0) done.complete(null);
    done.get();
    return parsed[0] / ((System.nanoTime() - t0) / 1e9);
  }

  /** What the read model keeps, class by class (with {@code -Ddeling.histogram=true}). */
  private static void printHistogram(int lines) throws Exception {
    var server = ManagementFactory.getPlatformMBeanServer();
    String histogram = (String) server.invoke(new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
        "gcClassHistogram", new Object[] {null}, new String[] {String[].class.getName()});
    histogram.lines().limit(lines + 3L).forEach(System.out::println);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long gcMillis() {
    long total = 0;
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) total += Math.max(0, gc.getCollectionTime());
    return total;
  }

  static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
