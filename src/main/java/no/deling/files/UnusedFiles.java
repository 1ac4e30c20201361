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
  private final no.deling.core.schedule.SerialSweep<String> sweep;

  private final FileStore store;

  private UnusedFiles(Vertx vertx, ReadModel model, CommandExecutor commands, Duration unusedFor, FileStore store) {
    this.vertx = vertx;
    this.model = model;
    this.commands = commands;
    this.unusedFor = unusedFor;
    this.store = store;
    this.sweep = no.deling.core.schedule.SerialSweep.every(vertx, 0, EVERY_MS, this::unused, this::delete,
        deleted -> LOG.info("deleted {} uploads shown nowhere for {} hours", deleted.size(), unusedFor.toHours()));
  }

  /** @param hours 0: uploads are kept for good (bytes nothing in the log claims are still cleared away) */
  public static UnusedFiles start(Vertx vertx, ReadModel model, CommandExecutor commands, int hours, FileStore store) {
    return new UnusedFiles(vertx, model, commands, hours == 0 ? null : Duration.ofHours(hours), store);
  }

  public void stop() {
    sweep.stop();
  }

  /** Each tick: stray bytes cleared away, and the uploads shown nowhere for long enough. */
  private List<String> unused() {
    strays();
    if (unusedFor == null) return List.of();
    long cutoff = System.currentTimeMillis() - unusedFor.toMillis();
    return model.read(() -> model.files.shownNowhereSince(cutoff).stream().filter(this::nobodysPhoto).map(Files.FileInfo::id).toList());
  }

  /** Bytes on disk that no file the log knows claims, written over an hour ago: cleared away on a worker. */
  private void strays() {
    long before = System.currentTimeMillis() - STRAY_AFTER_MS;
    vertx.executeBlocking(() -> store.deleteStrays(id -> model.read(() -> model.files.get(no.deling.core.ids.PostIds.parse(id)) != null), before), false)
        .onSuccess(n -> {
          if (n > 0) LOG.info("deleted {} files' bytes that nothing in the log claims", n);
        })
        .onFailure(e -> LOG.warn("could not clear away stray files' bytes", e));
  }

  /** How long bytes may lie unclaimed: an upload is recorded in the log within moments of being stored. */
  static final long STRAY_AFTER_MS = Duration.ofHours(1).toMillis();

  private boolean nobodysPhoto(Files.FileInfo f) {
    var uploader = model.people.get(f.by());
    return uploader == null || !f.id().equals(uploader.photo());
  }

  private Future<Void> delete(String id) {
    // asked again just before: shown meanwhile, or chosen as a photo, means kept
    long fileId = no.deling.core.ids.PostIds.parse(id);
    boolean unused = model.read(() -> {
      Files.FileInfo f = model.files.get(fileId);
      return f != null && model.files.postsAttaching(fileId).length == 0 && nobodysPhoto(f);
    });
    return commands.execute(FileEvent.stream(id), DECIDER, new FileDecider.DeleteUnused(id, unused, java.time.Instant.now()), CommandMeta.of(ServerActor.ID))
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("could not delete unused upload {}; the next sweep tries again", id, e);
          return Future.succeededFuture();
        });
  }
}
