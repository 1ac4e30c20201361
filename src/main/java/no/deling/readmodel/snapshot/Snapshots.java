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
  private static final int FORMAT = 8;
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

  /**
   * A snapshot lists at most this many runs of posts: the next writes every post into one. It also
   * does once the runs after the first hold as many bytes as the first, so each post is written
   * about twice over its life however many snapshots follow (see {@link PostsSection}).
   */
  static final int MAX_RUNS = 24;
  private static final java.util.regex.Pattern RUN_NAME = java.util.regex.Pattern.compile("run-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final Path file;
  /** Where the runs of posts' records are kept, each in a file named as its key is. */
  private final Path runsDir;
  private final Path pending;
  /** The runs the snapshot in place lists, oldest first. */
  private List<PostsSection.Run> runs = List.of();
  /**
   * The records those runs hold were the posts index's (see {@code PostIndex#recordsLineage}):
   * a snapshot of that index may add a run of what changed since. Null: the next writes all.
   */
  private Object runsOf;
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
    this.runsDir = file.resolveSibling(file.getFileName() + ".runs");
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

  /** Whether {@code name} can be a run's (a reader is not led out of the runs' directory by a damaged section). */
  static boolean isRunName(String name) {
    return RUN_NAME.matcher(name).matches();
  }

  private static String runKey(String name) {
    return "$snapshot/" + name;
  }

  /** The runs the snapshot in place lists, oldest first. */
  synchronized List<PostsSection.Run> runs() {
    return runs;
  }

  /** The names of the run files the snapshot in place lists, oldest first. */
  public synchronized List<String> runNames() {
    return runs.stream().map(PostsSection.Run::name).toList();
  }

  /** The directory the runs are kept in. */
  Path runsDirectory() {
    return runsDir;
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
      removeRuns(name -> true); // runs without the snapshot that listed them are of no use
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
      ReadAside<no.deling.posts.PackedPosts> posts = readOnThreadOfItsOwn("posts", opened.section(key, 1), this::readPosts);
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
      runsOf = state.posts().recordsLineage();
      removeRunsNotListed();
      long position = h.getLong("position");
      LOG.info("read-model snapshot read: position {}, {} MB in {} s (posts {} s, records {} s, models {} s)", position,
          (Files.size(file) + runs.stream().mapToLong(PostsSection.Run::bytes).sum()) >> 20, seconds(started, System.nanoTime()), seconds(started, posts.doneAt),
          seconds(started, records.doneAt), seconds(started, modelsDoneAt));
      return Optional.of(new Restored(state, notifications, position, h.getLong("events", 0L)));
    } catch (IOException | RuntimeException | ExecutionException e) {
      return ignored("it cannot be read (" + rootMessage(e) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ignored("interrupted while reading it");
    }
  }

  /** The posts: the section's table and list of runs, then every run's records, oldest first; a later record of a post replaces an earlier. */
  private no.deling.posts.PackedPosts readPosts(InputStream section) {
    PostsSection.Contents contents = PostsSection.readContents(section);
    // known at once: should a run not open, shredding the snapshot destroys the keys of all it lists
    // (seen by the restoring thread once this read is over, which it waits for)
    runs = contents.runs();
    no.deling.posts.PackedPosts.Builder records = new no.deling.posts.PackedPosts.Builder((int) Math.min(contents.size(), 1 << 28));
    for (PostsSection.Run run : contents.runs()) {
      try (SnapshotFile.Opened opened = SnapshotFile.open(runsDir.resolve(run.name()))) {
        JsonObject h = opened.header().json();
        if (!"posts-run".equals(h.getString("kind")) || !runKey(run.name()).equals(h.getString("key"))) {
          throw new IOException("run " + run.name() + " is not the one listed");
        }
        SecretKey key = keys.key(runKey(run.name()), KEY_PERIOD);
        if (key == null) throw new IOException("the key of run " + run.name() + " is gone");
        long read = PostsSection.readRecords(opened.section(key, 0), records);
        if (read != run.records()) throw new IOException("run " + run.name() + " holds " + read + " records, listed with " + run.records());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    no.deling.posts.PackedPosts posts = records.buildLatest(contents.table());
    if (posts.size() != contents.size()) throw new IllegalStateException("the runs hold " + posts.size() + " posts, the snapshot " + contents.size());
    return posts;
  }

  /** Run files the snapshot in place does not list (left by a write cut short, or replaced): removed, their keys destroyed. */
  private void removeRunsNotListed() {
    java.util.Set<String> keep = new java.util.HashSet<>();
    for (PostsSection.Run r : runs) keep.add(r.name());
    removeRuns(name -> !keep.contains(name));
  }

  private void removeRuns(java.util.function.Predicate<String> which) {
    if (!Files.isDirectory(runsDir)) return;
    try (var files = Files.list(runsDir)) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        String run = name.endsWith(".tmp") ? name.substring(0, name.length() - 4) : name;
        if (!which.test(run)) continue;
        if (isRunName(run)) keys.destroy(runKey(run));
        Files.deleteIfExists(p);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not remove old runs of posts in {}: {}", runsDir, e.toString());
      return;
    }
    try (var left = Files.list(runsDir)) {
      if (left.findAny().isEmpty()) Files.deleteIfExists(runsDir);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not remove old runs of posts in {}: {}", runsDir, e.toString());
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
    return writeBeside(store, state, notifications, position, events, false);
  }

  /**
   * As {@link #writeBeside(EventStore, ModelState, Notifications, long, long)}; with {@code
   * everyPost} (after an erasure or retention) it writes every post into one new run, so that no
   * run written before, which may hold words now gone, is needed any longer: their keys are
   * destroyed once it is in place. Otherwise it writes only the posts changed since the snapshot
   * in place, when that was written from the same index, and everything now and then (see {@link #MAX_RUNS}).
   */
  public synchronized Pending writeBeside(EventStore store, ModelState state, Notifications notifications, long position, long events,
      boolean everyPost) throws IOException {
    if (outstanding != null) throw new IllegalStateException("the snapshot at position " + outstanding.position + " is not in place yet");
    long started = System.nanoTime();
    UUID check = eventIdAt(store, position);
    if (check == null) throw new IOException("the log has no event at position " + position);
    String keyId = "$snapshot/" + UUID.randomUUID();
    String runName = "run-" + UUID.randomUUID();
    Object lineage = state.posts().recordsLineage();
    boolean all = everyPost || runsOf != lineage || wholeDue(runs);
    List<PostsSection.Run> before = all ? List.of() : runs;
    // named before they exist (the run's only if one is written): a crash before it is in place leaves keys that are then destroyed at
    // start-up; a crash after it was renamed into place, the key of the one it replaced (see clearInterruptedWrite)
    Files.writeString(pending, keyId + "\n" + runKey(runName) + (currentKey == null ? "" : "\n" + REPLACES + currentKey), StandardCharsets.UTF_8);
    SecretKey key = keys.create(keyId, KEY_PERIOD);
    java.util.concurrent.atomic.AtomicReference<List<PostsSection.Run>> listed = new java.util.concurrent.atomic.AtomicReference<>();
    PostsSection.RunWriter runWriter = frozen -> {
      if (!all && frozen.runCount() == 0) {
        listed.set(before); // nothing changed since: the runs in place hold every post
        return before;
      }
      Files.createDirectories(runsDir);
      SecretKey runKey = keys.create(runKey(runName), KEY_PERIOD); // only when a run is written
      JsonObject runHeader = new JsonObject().put("format", FORMAT).put("kind", "posts-run").put("key", runKey(runName)).put("position", position)
          .put("written", Instant.now().toString());
      long[] records = {0};
      long bytes = SnapshotFile.writeBeside(runsDir.resolve(runName), new SnapshotFile.Header(runHeader), runKey,
          List.<SnapshotFile.Body>of(out -> records[0] = PostsSection.writeRecords(frozen, all, out))).putInPlace();
      List<PostsSection.Run> now = new java.util.ArrayList<>(before);
      now.add(new PostsSection.Run(runName, records[0], bytes));
      listed.set(List.copyOf(now));
      return listed.get();
    };
    JsonObject header = new JsonObject().put("format", FORMAT).put("build", build).put("settings", settings).put("position", position)
        .put("check", check.toString()).put("events", events).put("key", keyId).put("written", Instant.now().toString());
    SnapshotFile.Beside beside;
    try {
      beside = SnapshotFile.writeBeside(file, new SnapshotFile.Header(header), key, List.<SnapshotFile.Body>of(out -> SnapshotCodec.write(state, out),
          PostsSection.late(state.posts(), runWriter), out -> RecordsSection.write(state.links(), state.endorsements(), notifications, out),
          out -> ModelsSection.write(state, out)));
    } catch (IOException | RuntimeException e) {
      keys.destroy(keyId);
      removeRun(runName);
      Files.deleteIfExists(pending);
      throw e;
    }
    outstanding = new Pending(beside, keyId, runName, lineage, listed, position, started, (System.nanoTime() - started) / 1e9);
    return outstanding;
  }

  /**
   * Whether the disk under the snapshot has room for another about as large as the one in place
   * (its file and runs: the new one is written beside it) with {@code reserve} bytes to spare.
   * Blocking IO.
   */
  public synchronized boolean roomForAnother(long reserve) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    long inPlace = Files.exists(file) ? Files.size(file) : 0;
    for (PostsSection.Run r : runs) inPlace += r.bytes();
    return leavesRoom(Files.getFileStore(dir).getUsableSpace(), inPlace, reserve);
  }

  /** Whether writing {@code expected} bytes where {@code usable} are free leaves at least {@code reserve}. */
  static boolean leavesRoom(long usable, long expected, long reserve) {
    return usable - expected >= reserve;
  }

  /** Whether the next snapshot should write every post: too many runs, or the later ones as large as the first. */
  static boolean wholeDue(List<PostsSection.Run> runs) {
    if (runs.isEmpty() || runs.size() >= MAX_RUNS) return true;
    long later = 0;
    for (int i = 1; i < runs.size(); i++) later += runs.get(i).bytes();
    return later >= runs.get(0).bytes();
  }

  /** A run written for a snapshot that is not put in place: its key destroyed, its file removed. */
  private void removeRun(String name) {
    keys.destroy(runKey(name));
    try {
      Files.deleteIfExists(runsDir.resolve(name));
      Files.deleteIfExists(runsDir.resolve(name + ".tmp"));
    } catch (IOException e) {
      LOG.warn("could not remove the run {} of a snapshot not put in place: {}", name, e.toString());
    }
  }

  /** A snapshot written beside the one in place, not yet synced nor in its place. */
  public final class Pending {
    private final SnapshotFile.Beside beside;
    private final String keyId;
    private final String runName;
    private final Object lineage;
    /** The runs its posts section lists, once written. */
    private final java.util.concurrent.atomic.AtomicReference<List<PostsSection.Run>> listed;
    private final long position;
    private final long started;
    private final double writeSeconds;

    private Pending(SnapshotFile.Beside beside, String keyId, String runName, Object lineage,
        java.util.concurrent.atomic.AtomicReference<List<PostsSection.Run>> listed, long position, long started, double writeSeconds) {
      this.beside = beside;
      this.keyId = keyId;
      this.runName = runName;
      this.lineage = lineage;
      this.listed = listed;
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
        runs = listed.get();
        runsOf = lineage;
        long runBytes = 0;
        for (PostsSection.Run r : runs) if (r.name().equals(runName)) runBytes = r.bytes();
        Files.deleteIfExists(pending);
        if (previous != null && !previous.equals(keyId)) keys.destroy(previous);
        removeRunsNotListed(); // a snapshot of every post replaces every run before it
        return new Written(position, bytes + runBytes, (System.nanoTime() - started) / 1e9);
      }
    }

    /** Removes it and destroys its key: the snapshot in place stays. */
    public void abandon() throws IOException {
      synchronized (Snapshots.this) {
        if (outstanding != this) return;
        outstanding = null;
        keys.destroy(keyId);
        beside.abandon();
        removeRun(runName);
        // the index kept the posts this one wrote as records, which no run in place holds: the next writes every post
        runsOf = null;
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
    for (PostsSection.Run r : runs) keys.destroy(runKey(r.name())); // those listed whose files are gone, too
    runs = List.of();
    runsOf = null;
    removeRuns(name -> true);
  }

  /** Snapshots are off: one left from before is made unreadable (its key destroyed) and removed. */
  public synchronized void discard() throws IOException {
    clearInterruptedWrite();
    removeRuns(name -> true);
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

  /** In the pending-key file: the key of the snapshot in place when the write began. */
  private static final String REPLACES = "replaces ";

  /**
   * Finishes what a crash during a write left. Before the new snapshot was renamed into place, its
   * keys (and its run) are destroyed; after it (the rename and the pending file's removal are two
   * steps), it is the snapshot in place and keeps them, and the key of the one it replaced goes.
   */
  private void clearInterruptedWrite() {
    try {
      if (!Files.exists(pending)) return;
      String[] lines = Files.readString(pending, StandardCharsets.UTF_8).split("\n");
      String written = lines[0].trim();
      if (!written.isEmpty() && written.equals(keyInPlace())) {
        for (String line : lines) if (line.startsWith(REPLACES)) keys.destroy(line.substring(REPLACES.length()).trim());
        Files.delete(pending);
        LOG.info("a read-model snapshot had just been put in place when the server stopped; the key of the one it replaced is destroyed");
        return;
      }
      for (String keyId : lines) {
        keyId = keyId.trim();
        if (keyId.isEmpty() || keyId.startsWith(REPLACES)) continue;
        keys.destroy(keyId);
        String run = keyId.substring(keyId.indexOf('/') + 1);
        if (isRunName(run)) {
          Files.deleteIfExists(runsDir.resolve(run));
          Files.deleteIfExists(runsDir.resolve(run + ".tmp"));
        }
      }
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".tmp"));
      // format 6 wrote its sections beside it first: what a crash during such a write left
      for (int section = 2; section <= 4; section++) Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".tmp" + section));
      Files.delete(pending);
      LOG.warn("a read-model snapshot was being written when the server stopped; its key is destroyed");
    } catch (IOException e) {
      LOG.warn("could not clear an interrupted snapshot write at {}: {}", pending, e.toString());
    }
  }

  /** The key named by the snapshot in place, or null when there is none or its header cannot be read. */
  private String keyInPlace() {
    if (!Files.exists(file)) return null;
    try (SnapshotFile.Opened opened = SnapshotFile.open(file)) {
      return opened.header().keyId();
    } catch (IOException | RuntimeException e) {
      return null;
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
