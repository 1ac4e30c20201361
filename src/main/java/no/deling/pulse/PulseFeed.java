package no.deling.pulse;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import no.deling.Config;
import no.deling.core.command.CommandExecutor;
import no.deling.core.command.CommandMeta;
import no.deling.readmodel.ReadModel;
import no.deling.stream.StreamHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live {@code pulse} stream for leaders: every {@code DELING_PULSE_LIVE_MS}, while someone
 * watches and the log has moved, the live figures are computed once on a worker (off the event
 * loops and outside the projection thread) and the same message goes to every watcher. The
 * message carries the log position it reflects, which is how its lag is measured.
 *
 * <p>What it shows is what the routes show, at their coarsest: topics, whole hours and days,
 * organisation-wide counts; never a department's figure that changes while one watches.
 */
public final class PulseFeed {
  private static final Logger LOG = LoggerFactory.getLogger(PulseFeed.class);
  private static final AuditDecider AUDIT = new AuditDecider();
  public static final String STREAM = "pulse";
  static final int TRENDS = 10;
  static final int IDEAS = 5;

  private final Vertx vertx;
  private final ReadModel model;
  private final Config config;
  private final CommandExecutor commands;
  private final Set<StreamHub.Sink> watchers = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean computing = new AtomicBoolean();
  private volatile long sentAt = -1;
  private volatile String latest;

  public PulseFeed(Vertx vertx, ReadModel model, Config config, CommandExecutor commands) {
    this.vertx = vertx;
    this.model = model;
    this.config = config;
    this.commands = commands;
    vertx.setPeriodic(config.pulseLiveMs(), t -> tick());
  }

  /** Writes down that {@code by} started watching, as for any pulse query; fails (forbidden) for anyone but a leader. */
  public Future<Void> audit(String by, boolean leader) {
    return commands.execute(PulseEvent.stream(by), AUDIT, new AuditDecider.Record(by, leader, "SUBSCRIBE pulse", java.time.Instant.now()),
        CommandMeta.of(by)).mapEmpty();
  }

  /** An audited leader's socket: it gets the current figures at once, then every change. */
  public void watch(StreamHub.Sink sink) {
    watchers.add(sink);
    String current = latest;
    if (current != null && sentAt == model.position()) sink.offer(current);
    else compute().onSuccess(sink::offer);
  }

  public void unwatch(StreamHub.Sink sink) {
    watchers.remove(sink);
  }

  public int watchers() {
    return watchers.size();
  }

  private void tick() {
    if (watchers.isEmpty() || model.position() == sentAt || !computing.compareAndSet(false, true)) return;
    compute().onComplete(r -> {
      computing.set(false);
      if (r.failed()) {
        LOG.warn("pulse feed failed", r.cause());
        return;
      }
      for (StreamHub.Sink s : watchers) if (!s.offer(r.result())) watchers.remove(s);
    });
  }

  private Future<String> compute() {
    return vertx.executeBlocking(() -> {
      long began = System.nanoTime();
      long now = System.currentTimeMillis();
      int k = config.pulseK();
      // Each part under its own short read lock: one long hold would stall the projection thread,
      // and every request waiting to read its own write with it (measured: a fifth of posts/s at
      // saturation). The parts may see slightly different positions; the message names the first.
      long[] position = {model.position()};
      long hour = Math.floorDiv(now, Activity.HOUR) * Activity.HOUR;
      JsonObject json = new JsonObject().put("type", "pulse").put("stream", STREAM)
          .put("trends", model.read(() -> PulseJson.trends(model, model.trends.at(now, k, TRENDS))))
          .put("hour", model.read(() -> PulseJson.slot(Activity.hours(model.activity, hour, now + 1, k).get(0), false)))
          .put("today", model.read(() -> PulseJson.slot(Activity.days(model.activity, now, now + 1, k).get(0), true)))
          .put("newVoicesThisWeek", model.read(() -> PulseJson.newVoices(NewVoices.of(model.activity, java.util.List.of(), NewVoices.weekStart(now), now, k))))
          .put("questions", model.read(() -> PulseJson.questions(PulseQuestions.of(model, now, 1, k))))
          .put("ideas", model.read(() -> PulseJson.ideas(PulseIdeas.of(model, now, IDEAS, k))));
      String encoded = json.put("position", position[0]).put("at", PulseJson.time(now)).put("k", Suppression.k(k)).encode();
      latest = encoded;
      sentAt = position[0];
      long tookMs = (System.nanoTime() - began) / 1_000_000;
      if (tookMs * 2 > config.pulseLiveMs()) LOG.warn("the live pulse took {} ms to compute, over half its interval (DELING_PULSE_LIVE_MS)", tookMs);
      return encoded;
    }, false);
  }
}
