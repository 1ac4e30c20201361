package no.deling;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import no.deling.core.command.CommandExecutor;
import no.deling.core.ids.PostIds;
import no.deling.readmodel.ReadModel;

/** What HTTP handlers share: one instance per server, built in {@link Main}. */
public record Wiring(Vertx vertx, Config config, CommandExecutor commands, ReadModel model, PostIds ids, Clock clock) {

  /**
   * Read-your-writes: completes once the read model has applied {@code position}. A timeout is not
   * an error (the write is durable); the response just may not show it yet.
   */
  public Future<Void> caughtUp(long position) {
    return model.awaitPosition(vertx, position, config.readYourWritesTimeoutMs()).otherwiseEmpty();
  }
}
