package no.deling.pulse;

import io.vertx.core.Vertx;
import java.util.List;
import no.deling.Config;
import no.deling.core.command.CommandExecutor;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.Recorder;
import no.deling.readmodel.ReadModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes the relationship figures every {@code DELING_PULSE_REFRESH_MS} (daily by default) and
 * records them in the log. After a restart the next refresh comes when the last recorded one is
 * due, not at once, so restarting never adds points to a trend line.
 */
public final class NetworkRefresh {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkRefresh.class);
  /** Who the log names as the actor of a scheduled refresh. */
  public static final String ACTOR = no.deling.core.command.ServerActor.ID;

  /** Recording computed figures: nothing to decide, the stream keeps them in order. */
  private static final Recorder<NetworkSnapshot, PulseEvent> RECORD = s -> List.of(PulseEvent.NetworkFiguresRecorded.of(s));
  private final Vertx vertx;
  private final ReadModel model;
  private final Config config;
  private final CommandExecutor commands;
  /** Set once the server closes: a timer that fires while Vert.x shuts down must start nothing. */
  private volatile boolean stopped;
  private volatile long timer = -1;

  private NetworkRefresh(Vertx vertx, ReadModel model, Config config, CommandExecutor commands) {
    this.vertx = vertx;
    this.model = model;
    this.config = config;
    this.commands = commands;
  }

  /** Starts the schedule; the read model has caught up with the log. {@link #stop} it when the server closes. */
  public static NetworkRefresh start(Vertx vertx, ReadModel model, Config config, CommandExecutor commands) {
    NetworkRefresh r = new NetworkRefresh(vertx, model, config, commands);
    long last = model.pulse.lastRefreshedAt();
    long due = last < 0 ? 0 : last + config.pulseRefreshMs() - System.currentTimeMillis();
    if (due <= 0) r.refresh();
    else r.after(due);
    return r;
  }

  /** No refresh starts from now on (one already computing finishes, as any command in flight). */
  public void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  private void after(long delayMs) {
    if (!stopped) timer = vertx.setTimer(delayMs, t -> refresh());
  }

  /** Until the directory holds k people no figure could be shown: nothing is recorded, and it looks again within a minute. */
  static final long EMPTY_RETRY_MS = 60_000;

  private void refresh() {
    if (stopped) return;
    int k = Suppression.k(config.pulseK());
    if (model.read(() -> model.people.activeCount()) < k) {
      after(Math.min(config.pulseRefreshMs(), EMPTY_RETRY_MS));
      return;
    }
    vertx.executeBlocking(() -> PulseNetwork.compute(model, System.currentTimeMillis(), config.pulseK()), false)
        .compose(s -> commands.execute(PulseEvent.NETWORK_STREAM, RECORD, s, CommandMeta.of(ACTOR)))
        .onFailure(e -> LOG.warn("pulse refresh failed; the next is due in {} ms", config.pulseRefreshMs(), e))
        .onComplete(r -> after(config.pulseRefreshMs()));
  }
}
