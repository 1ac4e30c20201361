package no.deling.privacy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import no.deling.core.command.CommandExecutor;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.Decider;
import no.deling.privacy.RetentionEvent.RetentionApplied;
import no.deling.privacy.sealing.KeyStore;
import no.deling.privacy.sealing.Sealer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optional retention ({@code DELING_RETENTION_DAYS}): at start-up and every few hours, the keys of
 * every month that ended more than that many days ago are destroyed, then {@code
 * RetentionApplied} is recorded so the running read side forgets what a rebuild will not see. Keys
 * go first, as for an erasure: if recording fails, nothing of those months opens again anyway, and
 * the next run records it.
 */
public final class Retention {
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
  static final Duration EVERY = Duration.ofHours(6);
  static final RetentionDecider DECIDER = new RetentionDecider();

  /** State: the newest month boundary recorded; a boundary that does not move on records nothing. */
  static final class RetentionDecider implements Decider<RetentionApplied, String, RetentionEvent> {
    @Override
    public String initialState() {
      return "";
    }

    @Override
    public String evolve(String state, RetentionEvent event) {
      String before = ((RetentionApplied) event).before();
      return before.compareTo(state) > 0 ? before : state;
    }

    @Override
    public List<RetentionEvent> decide(RetentionApplied command, String state) {
      return command.before().compareTo(state) > 0 ? List.of(command) : List.of();
    }
  }

  private Retention() {}

  /** The first month kept when posts may be {@code days} old at {@code now}: every month before it ended longer ago than that. */
  static String keptFrom(Instant now, int days) {
    return Sealer.month(now.minus(Duration.ofDays(days)));
  }

  /** Runs now and every {@link #EVERY}; nothing when {@code days} is 0. */
  public static void start(Vertx vertx, int days, KeyStore keys, CommandExecutor commands, Clock clock,
      java.util.function.LongFunction<Future<Void>> afterDestroying) {
    if (days <= 0) return;
    apply(vertx, days, keys, commands, clock, afterDestroying);
    vertx.setPeriodic(EVERY.toMillis(), t -> apply(vertx, days, keys, commands, clock, afterDestroying));
  }

  /**
   * One run: destroys the keys of expired months, then records the boundary; when keys went, then
   * {@code afterDestroying} (the read-model snapshot, which holds those words, is replaced).
   */
  public static Future<Long> apply(Vertx vertx, int days, KeyStore keys, CommandExecutor commands, Clock clock,
      java.util.function.LongFunction<Future<Void>> afterDestroying) {
    Instant now = clock.instant();
    String before = keptFrom(now, days);
    return vertx.executeBlocking(() -> keys.destroyMonthsBefore(before), false)
        .compose(destroyed -> commands.execute(RetentionEvent.STREAM, DECIDER, new RetentionApplied(before, now), CommandMeta.of(no.deling.core.command.ServerActor.ID))
            .map(r -> {
              if (destroyed > 0 || !r.events().isEmpty()) LOG.info("retention: {} keys of months before {} destroyed", destroyed, before);
              return r.position();
            })
            .compose(position -> destroyed > 0 ? afterDestroying.apply(position).map(position) : Future.succeededFuture(position)))
        .onFailure(e -> LOG.warn("retention did not run: {}", e.toString()));
  }
}
