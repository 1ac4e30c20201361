package no.deling.polls;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import no.deling.core.command.CommandExecutor;
import no.deling.core.command.CommandMeta;
import no.deling.core.ids.PostIds;
import no.deling.inputs.DeciderInputs;
import no.deling.readmodel.ReadModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a poll's closing time comes, records it closed ({@code PollClosed} by {@link
 * PollCloseDecider#SERVER}, at that time), so that its author and voters are told and a rebuild
 * knows it ended. Every {@code DELING_POLL_SWEEP_MS}, and once at start for polls whose time came
 * while the server was down. Instances sharing a log may sweep the same poll: the decider closes
 * it once.
 */
public final class PollClosing {
  private static final Logger LOG = LoggerFactory.getLogger(PollClosing.class);
  private static final PollCloseDecider CLOSE = new PollCloseDecider();
  private final ReadModel model;
  private final CommandExecutor commands;
  private final DeciderInputs inputs;
  private final no.deling.core.schedule.SerialSweep<Long> sweep;
  /** Due polls the decider found nothing to close in (ended elsewhere, or a post that no longer opens): not asked again. */
  private final java.util.Set<Long> nothingToClose = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private PollClosing(Vertx vertx, ReadModel model, CommandExecutor commands, DeciderInputs inputs, long everyMs) {
    this.model = model;
    this.commands = commands;
    this.inputs = inputs;
    this.sweep = no.deling.core.schedule.SerialSweep.every(vertx, 0, everyMs, this::due, id -> close(PostIds.format(id)), swept -> {});
  }

  public static PollClosing start(Vertx vertx, ReadModel model, CommandExecutor commands, DeciderInputs inputs, long everyMs) {
    return new PollClosing(vertx, model, commands, inputs, everyMs);
  }

  /** No sweep starts from now on (one under way finishes, as any command in flight). */
  public void stop() {
    sweep.stop();
  }

  private List<Long> due() {
    List<Long> due = model.read(() -> model.polls.due(System.currentTimeMillis()));
    due.removeIf(nothingToClose::contains);
    return due;
  }

  private Future<Void> close(String postId) {
    return inputs.post(postId)
        .compose(post -> commands.execute(PollEvent.closingStream(postId), CLOSE,
            new PollCloseDecider.CloseAtItsTime(postId, post, java.time.Instant.now()), CommandMeta.of(PollCloseDecider.SERVER)))
        .<Void>map(r -> {
          if (r.events().isEmpty()) nothingToClose.add(PostIds.parse(postId));
          return null;
        })
        .recover(e -> {
          LOG.warn("could not close poll {} at its time; the next sweep tries again", postId, e);
          return Future.succeededFuture();
        });
  }
}
