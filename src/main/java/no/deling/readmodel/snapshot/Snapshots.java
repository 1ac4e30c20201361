package no.deling.readmodel.snapshot;

import io.vertx.core.json.JsonObject;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.crypto.SecretKey;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.RecordedEvent;
import no.deling.notifications.Notifications;
import no.deling.posts.PostView;
import no.deling.privacy.sealing.KeyStore;
import no.deling.readmodel.ModelState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side's snapshot: every read model and the notifications, as they stood after one
 * position of the log, in one file next to the log. A restart reads it back and replays only the
 * events after that position. Any doubt (another build, other settings, another log, a damaged
 * file, a destroyed key) and the snapshot is ignored with one log line: the log is the truth and
 * the server rebuilds from it.
 *
 * <p>Blocking IO throughout: call it on a worker or the projection thread.
 */
public final class Snapshots {
  private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);
  private static final int FORMAT = 7;
  /** The key store period of a snapshot's key (never a month, so retention leaves it alone). */
  static final String KEY_PERIOD = "snapshot";
  private static final long STORE_TIMEOUT_S = 60;
  private static final Executor OUTSIDE_VERTX = task -> {
    Thread t = new Thread(task, "deling-snapshot-check");
    t.setDaemon(true);
    t.start();
  };

  /** What a restart starts from. */
  public record Restored(ModelState state, Notifications notifications, long position, long events) {}

  /** What a snapshot write did. */
  public record Written(long position, long bytes, double seconds) {}

  private final Path file;
  private final Path pending;
  /** The snapshot written beside the one in place and not yet put in place or abandoned, or null. */
  private Pending outstanding;
  private final KeyStore keys;
  private final String settings;
  private final String build;
  /** The key of the snapshot on disk (destroyed once a newer one is written), or null. */
  private String currentKey;

  public Snapshots(Path file, KeyStore keys, int homeBound, int fanOutLimit, boolean pulse) {
    this(file, keys, homeBound, fanOutLimit, pulse, BuildFingerprint.current());
  }

  Snapshots(Path file, KeyStore keys, int homeBound, int fanOutLimit, boolean pulse, String build) {
    this.file = file;
    this.pending = file.resolveSibling(file.getFileName() + ".pending-key");
    this.keys = keys;
    this.settings = "homeTimelineSize=" + homeBound + ",fanOutLimit=" + fanOutLimit + ",pulse=" + pulse;
    this.build = build;
  }

  /**
   * While the server opens its log, on threads of their own: the build's fingerprint is computed
   * (a digest of every class in the jar, 0.17 s that a start spent before reading the snapshot),
   * and, when a snapshot is there to be read, the cipher's code compiled (see {@link #restore},
   * which waits for it).
   */
  public static void prepare(Path file) {
    Thread fingerprint = new Thread(BuildFingerprint::current, "deling-snapshot-fingerprint");
    fingerprint.setDaemon(true);
    fingerprint.start();
    if (Files.exists(file)) SnapshotFile.warmUpInBackground();
  }

  public Path file() {
    return file;
  }

  /**
   * The snapshot to start from, or empty (with a line saying why) when there is none or it cannot
   * be trusted. Also finishes what a crash during a write left: its key is destroyed.
   */
  public Optional<Restored> restore(EventStore store) {
    return restore(store, position -> {});
  }

  /**
   * As {@link #restore(EventStore)}; {@code trusted} hears the snapshot's position as soon as its
   * header is found good and its key is there, before its body is read (which may still fail).
   */
  public synchronized Optional<Restored> restore(EventStore store, java.util.function.LongConsumer trusted) {
    clearInterruptedWrite();
    if (!Files.exists(file)) {
      LOG.info("no read-model snapshot at {}: replaying the whole log", file);
      return Optional.empty();
    }
    long started = System.nanoTime();
    try (SnapshotFile.Opened opened = SnapshotFile.open(file)) {
      JsonObject h = opened.header().json();
      currentKey = h.getString("key");
      String why = untrusted(h, store);
      if (why != null) return ignored(why);
      SecretKey key = keys.key(currentKey, KEY_PERIOD);
      if (key == null) return ignored("its key is gone (destroyed after an erasure, or the key file is not the one it was written with)");
      trusted.accept(h.getLong("position"));
      SnapshotFile.warmUp();
      // beside the models (through Kryo, on this thread), on threads of their own: the posts (most of it), and the
      // link library, endorsements and notifications
      ReadAside<no.deling.posts.PackedPosts> posts = readOnThreadOfItsOwn("posts", opened.section(key, 1), PostsSection::read);
      ReadAside<RecordsSection.Contents> records = readOnThreadOfItsOwn("records", opened.section(key, 2), RecordsSection::read);
      ModelState state;
      Notifications notifications;
      long modelsDoneAt;
      try {
        state = (ModelState) SnapshotCodec.read(opened.section(key, 0));
        ModelsSection.read(state, opened.section(key, 3));
        modelsDoneAt = System.nanoTime();
        RecordsSection.Contents other = records.get();
        state.restoredRecords(posts.get(), other.endorsements(), other.links());
        notifications = other.notifications();
      } finally {
        posts.cancel();
        records.cancel();
      }
      state.restored();
      long position = h.getLong("position");
      LOG.info("read-model snapshot read: position {}, {} MB in {} s (posts {} s, records {} s, models {} s)", position,
          Files.size(file) >> 20, seconds(started, System.nanoTime()), seconds(started, posts.doneAt),
          seconds(started, records.doneAt), seconds(started, modelsDoneAt));
      return Optional.of(new Restored(state, notifications, position, h.getLong("events", 0L)));
    } catch (IOException | RuntimeException | ExecutionException e) {
      return ignored("it cannot be read (" + rootMessage(e) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ignored("interrupted while reading it");
    }
  }

  /** A section being read on a thread of its own, and when it was done (for the log line). */
  private static final class ReadAside<T> {
    final CompletableFuture<T> read = new CompletableFuture<>();
    volatile long doneAt;

    /** Blocks: called only by {@link #restore}, which runs on a worker (see {@code ReadSideStart.open}). */
    T get() throws InterruptedException, ExecutionException {
      return read.get();
    }

    void cancel() {
      read.cancel(true);
    }
  }

  private static String seconds(long from, long to) {
    return String.format("%.2f", (to - from) / 1e9);
  }

  /** Reads a section on a thread of its own; the thread stops when it is cancelled (its stream then fails). */
  private static <T> ReadAside<T> readOnThreadOfItsOwn(String name, InputStream section, Function<InputStream, T> reader) {
    ReadAside<T> aside = new ReadAside<>();
    CompletableFuture<T> read = aside.read;
    Thread thread = new Thread(() -> {
      try {
        T result = reader.apply(section);
        aside.doneAt = System.nanoTime();
        read.complete(result);
      } catch (Throwable e) {
        read.completeExceptionally(e);
      }
    }, "deling-snapshot-" + name);
    thread.setDaemon(true);
    thread.start();
    read.whenComplete((r, e) -> {
      if (read.isCancelled()) thread.interrupt();
    });
    return aside;
  }

  private String untrusted(JsonObject h, EventStore store) throws IOException {
    if (h.getInteger("format", 0) != FORMAT) return "it is in format " + h.getValue("format") + ", this build reads " + FORMAT;
    if (!build.equals(h.getString("build"))) return "another build of Deling wrote it";
    if (!settings.equals(h.getString("settings"))) return "it was written with other settings (" + h.getString("settings") + ")";
    long position = h.getLong("position", -1L);
    if (position <= 0) return "it names no position";
    long head = store.headPosition();
    if (position > head) return "it is ahead of the log (position " + position + ", log head " + head + "): not this log, or the log went back";
    UUID at = eventIdAt(store, position);
    if (at == null || !at.toString().equals(h.getString("check"))) return "the log's event at position " + position + " is not the one it was written after";
    return null;
  }

  /**
   * A snapshot that is not used is never used later either: its key is destroyed and the file
   * removed at once, so words erased since it was written do not wait for the next snapshot to go.
   */
  private Optional<Restored> ignored(String why) {
    LOG.warn("read-model snapshot {} ignored: {}; replaying the whole log", file, why);
    try {
      shred();
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not remove the ignored read-model snapshot {}: {}", file, e.toString());
    }
    return Optional.empty();
  }

  /**
   * Writes a snapshot of {@code state} and {@code notifications} at {@code position} beside the one
   * in place, under a key of its own. The caller guarantees nothing changes them meanwhile, and only
   * for that: once this returns they may change again while {@link Pending#putInPlace} finishes
   * writing the posts (frozen as they were: see {@code PostIndex#freeze}; the caller then calls
   * {@code PostIndex#packFrozen}), syncs it and puts it in place of the old one. One at a time: the next waits until this one is in place or
   * abandoned.
   */
  public synchronized Pending writeBeside(EventStore store, ModelState state, Notifications notifications, long position, long events)
      throws IOException {
    if (outstanding != null) throw new IllegalStateException("the snapshot at position " + outstanding.position + " is not in place yet");
    long started = System.nanoTime();
    UUID check = eventIdAt(store, position);
    if (check == null) throw new IOException("the log has no event at position " + position);
    String keyId = "$snapshot/" + UUID.randomUUID();
    // named before it exists: a crash before it is in place leaves a key that is then destroyed at start-up
    Files.writeString(pending, keyId, StandardCharsets.UTF_8);
    SecretKey key = keys.create(keyId, KEY_PERIOD);
    JsonObject header = new JsonObject().put("format", FORMAT).put("build", build).put("settings", settings).put("position", position)
        .put("check", check.toString()).put("events", events).put("key", keyId).put("written", Instant.now().toString());
    SnapshotFile.Beside beside;
    try {
      beside = SnapshotFile.writeBeside(file, new SnapshotFile.Header(header), key, List.<SnapshotFile.Body>of(out -> SnapshotCodec.write(state, out),
          PostsSection.late(state.posts()), out -> RecordsSection.write(state.links(), state.endorsements(), notifications, out),
          out -> ModelsSection.write(state, out)));
    } catch (IOException | RuntimeException e) {
      keys.destroy(keyId);
      Files.deleteIfExists(pending);
      throw e;
    }
    outstanding = new Pending(beside, keyId, position, started, (System.nanoTime() - started) / 1e9);
    return outstanding;
  }

  /** A snapshot written beside the one in place, not yet synced nor in its place. */
  public final class Pending {
    private final SnapshotFile.Beside beside;
    private final String keyId;
    private final long position;
    private final long started;
    private final double writeSeconds;

    private Pending(SnapshotFile.Beside beside, String keyId, long position, long started, double writeSeconds) {
      this.beside = beside;
      this.keyId = keyId;
      this.position = position;
      this.started = started;
      this.writeSeconds = writeSeconds;
    }

    public long position() {
      return position;
    }

    /** How long writing it took: what the models had to stand still for. */
    public double writeSeconds() {
      return writeSeconds;
    }

    /**
     * Syncs it, renames it over the snapshot in place, and then destroys the old one's key, so what
     * that held (perhaps words erased since) can no longer be read from any copy of it. If it cannot
     * be put in place, it is abandoned and the old one stays.
     */
    public Written putInPlace() throws IOException {
      synchronized (Snapshots.this) {
        if (outstanding != this) throw new IllegalStateException("this snapshot was put in place or abandoned already");
        long bytes;
        try {
          bytes = beside.putInPlace();
        } catch (IOException | RuntimeException e) {
          abandon();
          throw e;
        }
        outstanding = null;
        String previous = currentKey;
        currentKey = keyId;
        Files.deleteIfExists(pending);
        if (previous != null && !previous.equals(keyId)) keys.destroy(previous);
        return new Written(position, bytes, (System.nanoTime() - started) / 1e9);
      }
    }

    /** Removes it and destroys its key: the snapshot in place stays. */
    public void abandon() throws IOException {
      synchronized (Snapshots.this) {
        if (outstanding != this) return;
        outstanding = null;
        keys.destroy(keyId);
        beside.abandon();
        Files.deleteIfExists(pending);
      }
    }
  }

  /**
   * Makes the snapshot on disk unreadable for good (its key destroyed) and removes it: when a new
   * one could not be written after an erasure, the next start replays the whole log instead.
   */
  public synchronized void shred() throws IOException {
    if (currentKey != null && currentKey.startsWith("$snapshot/")) keys.destroy(currentKey);
    currentKey = null;
    Files.deleteIfExists(file);
  }

  /** Snapshots are off: one left from before is made unreadable (its key destroyed) and removed. */
  public synchronized void discard() throws IOException {
    clearInterruptedWrite();
    if (!Files.exists(file)) return;
    try (SnapshotFile.Opened opened = SnapshotFile.open(file)) {
      String key = opened.header().json().getString("key");
      if (key != null && key.startsWith("$snapshot/")) keys.destroy(key);
    } catch (IOException | RuntimeException e) {
      LOG.warn("read-model snapshot {} could not be read before removing it: {}", file, e.toString());
    }
    Files.deleteIfExists(file);
    LOG.info("snapshots are off: read-model snapshot {} removed", file);
  }

  private void clearInterruptedWrite() {
    try {
      if (Files.exists(pending)) {
        String keyId = Files.readString(pending, StandardCharsets.UTF_8).trim();
        if (!keyId.isEmpty()) keys.destroy(keyId);
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".tmp"));
        // format 6 wrote its sections beside it first: what a crash during such a write left
        for (int section = 2; section <= 4; section++) Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".tmp" + section));
        Files.delete(pending);
        LOG.warn("a read-model snapshot was being written when the server stopped; its key is destroyed");
      }
    } catch (IOException e) {
      LOG.warn("could not clear an interrupted snapshot write at {}: {}", pending, e.toString());
    }
  }

  private static UUID eventIdAt(EventStore store, long position) throws IOException {
    try {
      // asked from a thread outside Vert.x: the answer is handed to the asking context, and the
      // projection thread that writes a snapshot is that context, busy waiting for it
      List<RecordedEvent> page = CompletableFuture
          .supplyAsync(() -> store.readAll(position - 1, 1).toCompletionStage().toCompletableFuture(), OUTSIDE_VERTX)
          .thenCompose(f -> f).get(STORE_TIMEOUT_S, TimeUnit.SECONDS);
      return page.isEmpty() || page.get(0).position() != position ? null : page.get(0).eventId();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the log");
    } catch (Exception e) {
      throw new IOException("could not read the log at position " + position + ": " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
