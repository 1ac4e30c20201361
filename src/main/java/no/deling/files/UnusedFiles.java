package no.deling.files;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import no.deling.core.command.CommandExecutor;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.ServerActor;
import no.deling.readmodel.ReadModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes uploads that were never put to use: shown in no post and nobody's photo for {@code
 * DELING_UNUSED_FILE_HOURS} after they were uploaded (a file attached and then taken off the
 * composer, a tab closed before posting). Without this the file store grows with bytes nobody can
 * ever see but their uploader. Once an hour, and at start; instances sharing a log may both try:
 * the decider deletes a file once, and not one put to use meanwhile.
 */
public final class UnusedFiles {
  private static final Logger LOG = LoggerFactory.getLogger(UnusedFiles.class);
  private static final FileDecider DECIDER = new FileDecider();
  private static final long EVERY_MS = Duration.ofHours(1).toMillis();
  private final Vertx vertx;
  private final ReadModel model;
  private final CommandExecutor commands;
  private final Duration unusedFor;
  private final long timer;
  private volatile boolean stopped;
  private boolean sweeping;

  private UnusedFiles(Vertx vertx, ReadModel model, CommandExecutor commands, Duration unusedFor) {
    this.vertx = vertx;
    this.model = model;
    this.commands = commands;
    this.unusedFor = unusedFor;
    this.timer = vertx.setPeriodic(0, EVERY_MS, t -> sweep());
  }

  /** Null when {@code hours} is 0: uploads are kept for good. */
  public static UnusedFiles start(Vertx vertx, ReadModel model, CommandExecutor commands, int hours) {
    return hours == 0 ? null : new UnusedFiles(vertx, model, commands, Duration.ofHours(hours));
  }

  public void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  private void sweep() {
    if (stopped || sweeping) return;
    long cutoff = System.currentTimeMillis() - unusedFor.toMillis();
    List<String> unused = model.read(() -> model.files.shownNowhereSince(cutoff).stream().filter(this::nobodysPhoto).map(Files.FileInfo::id).toList());
    if (unused.isEmpty()) return;
    sweeping = true;
    Future<Void> all = Future.succeededFuture();
    for (String id : unused) all = all.compose(v -> delete(id));
    all.onComplete(r -> {
      sweeping = false;
      LOG.info("deleted {} uploads shown nowhere for {} hours", unused.size(), unusedFor.toHours());
    });
  }

  private boolean nobodysPhoto(Files.FileInfo f) {
    var uploader = model.people.get(f.by());
    return uploader == null || !f.id().equals(uploader.photo());
  }

  private Future<Void> delete(String id) {
    if (stopped) return Future.succeededFuture();
    // asked again on the log's side: shown meanwhile (read now, under the lock) means kept
    boolean unused = model.read(() -> model.files.postsAttaching(no.deling.core.ids.PostIds.parse(id)).length == 0
        && model.files.get(no.deling.core.ids.PostIds.parse(id)) != null && nobodysPhoto(model.files.get(no.deling.core.ids.PostIds.parse(id))));
    return commands.execute(FileEvent.stream(id), DECIDER, new FileDecider.DeleteUnused(id, unused, java.time.Instant.now()), CommandMeta.of(ServerActor.ID))
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("could not delete unused upload {}; the next sweep tries again", id, e);
          return Future.succeededFuture();
        });
  }
}
