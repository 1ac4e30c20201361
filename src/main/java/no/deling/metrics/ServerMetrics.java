package no.deling.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import no.deling.core.eventstore.AppendLatency;
import no.deling.core.eventstore.EventStore;
import no.deling.core.http.Problems;
import no.deling.readmodel.ReadModel;
import no.deling.readmodel.snapshot.SnapshotTaker;
import no.deling.stream.StreamHub;

/**
 * Prometheus metrics at {@code GET /metrics} (Micrometer): JVM heap, GC, threads, process CPU,
 * plus the log head, read-model position and lag, and open stream subscriptions. Off unless
 * {@code DELING_METRICS_TOKEN} is set; scrapers then send it as a bearer token (Prometheus'
 * {@code authorization} setting), since every endpoint is authenticated.
 */
public final class ServerMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final byte[] token;
  private final no.deling.email.EmailTraffic emails = new no.deling.email.EmailTraffic();
  private final no.deling.push.PushTraffic pushes = new no.deling.push.PushTraffic();
  private final no.deling.previews.PreviewTraffic previews = new no.deling.previews.PreviewTraffic();

  public no.deling.push.PushTraffic pushes() {
    return pushes;
  }

  /** What every event loop's link previews count. */
  public no.deling.previews.PreviewTraffic previews() {
    return previews;
  }

  /** What the unread-notification mailer counts. */
  public no.deling.email.EmailTraffic emails() {
    return emails;
  }

  public ServerMetrics(String token, EventStore store, ReadModel model, StreamHub hub, SnapshotTaker snapshots,
      no.deling.core.log.UnhandledFailures failures) {
    this.token = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    // jvm_compilation_time_ms_total: a server minutes old under load can still spend a tenth of a
    // core compiling, and its figures then say more about the JIT than about Deling
    new JvmCompilationMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.system.FileDescriptorMetrics().bindTo(registry); // process_files_open_files: leaks show here first
    Gauge.builder("deling.log.head.position", store, EventStore::headPosition).register(registry);
    // bugs, each logged with its stack trace: alert on any increase
    FunctionCounter.builder("deling.unhandled.failures", failures, no.deling.core.log.UnhandledFailures::onEventLoops).tag("where", "event_loop")
        .description("exceptions that reached the top of an event loop's task").register(registry);
    FunctionCounter.builder("deling.unhandled.failures", failures, no.deling.core.log.UnhandledFailures::answered500).tag("where", "http")
        .description("requests answered 500").register(registry);
    FunctionCounter.builder("deling.unhandled.failures", failures, no.deling.core.log.UnhandledFailures::blockedEventLoops).tag("where", "blocked_event_loop")
        .description("times an event loop was held up past Vert.x's limit (blocking work on it)").register(registry);
    Gauge.builder("deling.log.available", store, s -> s.status().available() ? 1 : 0).register(registry);
    no.deling.integrations.HookTraffic hooks = model.queries().integrations().traffic();
    FunctionCounter.builder("deling.hooks.requests", hooks, no.deling.integrations.HookTraffic::acceptedCount).tag("result", "posted")
        .description("hook requests answered 201: posts integrations made (a retried delivery answered again counts again)").register(registry);
    FunctionCounter.builder("deling.hooks.requests", hooks, no.deling.integrations.HookTraffic::unauthorizedCount).tag("result", "unauthorized")
        .description("hook requests refused: unknown or revoked integration, or a wrong secret").register(registry);
    FunctionCounter.builder("deling.hooks.requests", hooks, no.deling.integrations.HookTraffic::limitedCount).tag("result", "rate_limited")
        .description("hook requests past the write limit").register(registry);
    no.deling.files.FileTraffic files = model.queries().files().traffic();
    FunctionCounter.builder("deling.files.uploads", files, no.deling.files.FileTraffic::storedCount).tag("result", "stored")
        .description("files uploaded and stored").register(registry);
    FunctionCounter.builder("deling.files.uploads", files, no.deling.files.FileTraffic::busyCount).tag("result", "busy")
        .description("uploads answered 503: as many being received as the server takes at once").register(registry);
    FunctionCounter.builder("deling.files.uploads", files, no.deling.files.FileTraffic::tooLargeCount).tag("result", "too_large")
        .description("uploads answered 413: over DELING_FILE_MAX_MB").register(registry);
    FunctionCounter.builder("deling.files.uploaded.bytes", files, no.deling.files.FileTraffic::storedBytes)
        .description("bytes of the files stored (before encryption)").register(registry);
    FunctionCounter.builder("deling.emails", emails, no.deling.email.EmailTraffic::sentCount).tag("result", "sent")
        .description("emails about unread notifications the mail server took").register(registry);
    FunctionCounter.builder("deling.emails", emails, no.deling.email.EmailTraffic::failedCount).tag("result", "failed")
        .description("emails the mail server refused or could not be reached for (tried again at the next look)").register(registry);
    FunctionCounter.builder("deling.email.looks", emails, no.deling.email.EmailTraffic::looksCount)
        .description("looks for unread notifications due an email that finished (every DELING_EMAIL_CHECK_SECONDS while the mail server answers)")
        .register(registry);
    FunctionCounter.builder("deling.pushes", pushes, no.deling.push.PushTraffic::sentCount).tag("result", "sent")
        .description("messages to people's devices their push services took").register(registry);
    FunctionCounter.builder("deling.pushes", pushes, no.deling.push.PushTraffic::goneCount).tag("result", "gone")
        .description("messages to devices their push services said are gone (the device was removed)").register(registry);
    FunctionCounter.builder("deling.pushes", pushes, no.deling.push.PushTraffic::retriedCount).tag("result", "retried")
        .description("tries a push service did not take (no answer, 429 or 5xx) and that are made again later").register(registry);
    FunctionCounter.builder("deling.pushes", pushes, no.deling.push.PushTraffic::failedCount).tag("result", "failed")
        .description("messages a push service refused, or did not take after every retry (not sent again)").register(registry);
    FunctionCounter.builder("deling.link.previews", previews, no.deling.previews.PreviewTraffic::shownCount).tag("result", "shown")
        .description("linked pages fetched that gave a preview").register(registry);
    FunctionCounter.builder("deling.link.previews", previews, no.deling.previews.PreviewTraffic::noneCount).tag("result", "none")
        .description("linked pages with nothing to preview: not HTML, no title, an error, no answer in time, no such host").register(registry);
    FunctionCounter.builder("deling.link.previews", previews, no.deling.previews.PreviewTraffic::refusedCount).tag("result", "refused")
        .description("links not fetched: an address inside the network, or a port or scheme not allowed (DELING_LINK_PREVIEW_HOSTS)")
        .register(registry);
    Gauge.builder("deling.readmodel.position", model, ReadModel::position).register(registry);
    Gauge.builder("deling.readmodel.events.applied", model, ReadModel::eventsApplied).register(registry);
    Gauge.builder("deling.readmodel.lag.positions", model, m -> Math.max(0, store.headPosition() - m.position())).register(registry);
    Gauge.builder("deling.stream.subscriptions", hub, StreamHub::subscriptions).register(registry);
    // where a write's wait goes: the mean per stage is rate(seconds) / rate(appends)
    AppendLatency latency = store.appendLatency();
    if (latency != null) {
      FunctionCounter.builder("deling.log.appends", latency, AppendLatency::appends).description("appends answered").register(registry);
      for (AppendLatency.Stage stage : AppendLatency.Stage.values()) {
        FunctionCounter.builder("deling.log.append.seconds", latency, l -> l.seconds(stage)).tag("stage", stage.label())
            .description("seconds appends spent in each stage, summed").register(registry);
      }
    }
    // the embedded log's background checkpoints: if they stop, its WAL grows until every append waits for the writer's own
    no.deling.core.eventstore.LogCheckpoints checkpoints = store.logCheckpoints();
    if (checkpoints != null) {
      FunctionCounter.builder("deling.log.checkpoints", checkpoints, no.deling.core.eventstore.LogCheckpoints::runs)
          .description("background checkpoints of the embedded log (its WAL copied into the database file)").register(registry);
      FunctionCounter.builder("deling.log.checkpoint.failures", checkpoints, no.deling.core.eventstore.LogCheckpoints::failures)
          .description("background checkpoints that failed").register(registry);
      FunctionCounter.builder("deling.log.checkpoint.seconds", checkpoints, no.deling.core.eventstore.LogCheckpoints::seconds)
          .description("seconds spent in background checkpoints, summed").register(registry);
      Gauge.builder("deling.log.wal.pages", checkpoints, no.deling.core.eventstore.LogCheckpoints::walPages)
          .description("pages (4 KiB) in the embedded log's WAL at the last checkpoint").register(registry);
    }
    FunctionCounter.builder("deling.readmodel.read.your.writes.waits", model, ReadModel::readYourWritesWaits)
        .description("writes that waited for the read side before their answer").register(registry);
    FunctionCounter.builder("deling.readmodel.read.your.writes.seconds", model, ReadModel::readYourWritesSeconds)
        .description("seconds those writes waited, summed").register(registry);
    // a snapshot stops the projection while it is written: live entries and read-your-writes wait that long
    FunctionCounter.builder("deling.readmodel.snapshots.written", snapshots, SnapshotTaker::writtenCount)
        .description("read-model snapshots this server wrote").register(registry);
    // the disk is nearly full: an operator's cue before the log's writes fail
    FunctionCounter.builder("deling.readmodel.snapshots.skipped.for.space", snapshots, SnapshotTaker::skippedForSpace)
        .description("periodic snapshots skipped: writing one would have left less than DELING_SNAPSHOT_DISK_RESERVE_MB free").register(registry);
    Gauge.builder("deling.readmodel.snapshot.last.pause.seconds", snapshots, SnapshotTaker::lastPauseSeconds)
        .description("how long the newest snapshot kept the projection from applying events").register(registry);
    Gauge.builder("deling.readmodel.snapshot.position", snapshots, SnapshotTaker::lastWritten)
        .description("the log position of the newest snapshot on disk").register(registry);
    for (String reason : java.util.List.of("consumer_too_slow", "heartbeat_timeout", "message_too_big", "access_revoked", "going_away")) {
      // a slow client's close frame waits behind what it does not read, so only the server can count these
      FunctionCounter.builder("deling.stream.closed", hub, h -> h.closedCount(reason)).tag("reason", reason)
          .description("sockets the server closed, by reason").register(registry);
    }
  }

  /**
   * Requests (WebSocket upgrades included) taken by one HTTP event loop, as
   * {@code deling_http_requests_total{event_loop=…}}: whether the loops share the work, or one of
   * them serves every connection.
   */
  public Counter requestsOn(String eventLoop) {
    return Counter.builder("deling.http.requests").tag("event_loop", eventLoop)
        .description("HTTP requests by the event loop that served them").register(registry);
  }

  public void handle(RoutingContext rc) {
    if (token == null) {
      Problems.send(rc, 404, "not-found", "Not found", "metrics are off; set DELING_METRICS_TOKEN to turn them on", List.of());
      return;
    }
    if (!authorised(rc)) {
      Problems.send(rc, 401, "unauthorized", "Unauthorized", "a valid bearer token is required", List.of());
      return;
    }
    rc.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape());
  }

  /** Whether the request carries the operators' metrics token (false while metrics are off). */
  public boolean authorised(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    return token != null && header != null && MessageDigest.isEqual(token, header.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
