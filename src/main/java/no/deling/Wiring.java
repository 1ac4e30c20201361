package no.deling;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import no.deling.core.command.CommandExecutor;
import no.deling.core.ids.PostIds;
import no.deling.readmodel.ReadModel;

/**
 * What HTTP handlers share: one instance per server, built in {@link DelingServer} and shared by
 * every HTTP verticle instance (one per event loop).
 *
 * @param inFlight requests with an Idempotency-Key still being written, so concurrent retries on
 *     any event loop share one result
 * @param pushKeys the key pair pushes to devices are signed with; null with push off
 * @param inputs loads what deciders need from other streams (posts, groups); one per server, as it
 *     remembers what it built from them
 * @param previews the link previews every event loop keeps and fetches into, so a page is fetched once per server
 */
public record Wiring(Vertx vertx, Config config, CommandExecutor commands, ReadModel model, no.deling.notifications.Inbox inbox, PostIds ids,
    Clock clock, no.deling.core.idempotency.InFlight inFlight, Limits limits, no.deling.search.SearchService search,
    no.deling.readmodel.snapshot.SnapshotTaker snapshots, no.deling.inputs.DeciderInputs inputs, no.deling.push.WebPushKeys pushKeys,
    no.deling.previews.LinkPreviews.Kept previews) {

  /** Rate limits shared by every event loop: writes per person, dev logins per address. */
  public record Limits(no.deling.core.limits.RateLimiter writes, no.deling.core.limits.RateLimiter logins) {
    static Limits of(Config c) {
      return new Limits(new no.deling.core.limits.RateLimiter(c.writeRate(), c.writeBurst()),
          new no.deling.core.limits.RateLimiter(c.loginRate(), c.loginBurst()));
    }
  }

  public Wiring(Vertx vertx, Config config, CommandExecutor commands, ReadModel model, no.deling.notifications.Inbox inbox, PostIds ids, Clock clock,
      no.deling.search.SearchService search, no.deling.readmodel.snapshot.SnapshotTaker snapshots, no.deling.push.WebPushKeys pushKeys) {
    this(vertx, config, commands, model, inbox, ids, clock, new no.deling.core.idempotency.InFlight(), Limits.of(config), search, snapshots,
        new no.deling.inputs.DeciderInputs(commands), pushKeys, new no.deling.previews.LinkPreviews.Kept());
  }

  /** The same parts with another configuration (an HTTP verticle bound to the port the first one took). */
  public Wiring withConfig(Config other) {
    return new Wiring(vertx, other, commands, model, inbox, ids, clock, inFlight, limits, search, snapshots, inputs, pushKeys, previews);
  }

  /** What routes ask the read side. */
  public no.deling.readmodel.Queries queries() {
    return model.queries();
  }

  /** Passes the ownership of groups whose owners the directory took away (after a directory change, and at start). */
  public no.deling.groups.OwnerSuccession ownerSuccession() {
    return new no.deling.groups.OwnerSuccession(commands, queries().groups(), clock, this::caughtUp);
  }

  /**
   * Read-your-writes: completes once the read model has applied {@code position}. A timeout is not
   * an error (the write is durable); the response just may not show it yet. While applying stands
   * still for a snapshot that takes seconds (a big log's) it completes at once, as after a timeout.
   */
  public Future<Void> caughtUp(long position) {
    return model.awaitPositionUnlessPaused(vertx, position, config.readYourWritesTimeoutMs()).otherwiseEmpty();
  }
}
