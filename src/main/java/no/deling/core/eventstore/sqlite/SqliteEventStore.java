package no.deling.core.eventstore.sqlite;

import java.io.IOException;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import no.deling.core.eventstore.AnswerGate;
import no.deling.core.eventstore.AppendLatency;
import no.deling.core.eventstore.AppendResult;
import no.deling.core.eventstore.EventData;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.ExpectedRevision;
import no.deling.core.eventstore.LogEvent;
import no.deling.core.eventstore.RecordedEvent;
import no.deling.core.eventstore.StoreStatus;
import no.deling.core.eventstore.StoreUnavailableException;
import no.deling.core.log.RepeatingFailure;
import no.deling.core.eventstore.Subscription;
import no.deling.core.eventstore.WrongExpectedRevisionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded, durable default log: one SQLite database in WAL mode. An append is acknowledged only
 * after the WAL holding it has been fsynced (see {@link WalFlusher}).
 *
 * <p>All appends go through one writer thread that group-commits: it drains every pending append,
 * checks expected revisions against its cache, inserts them all in one transaction and fsyncs
 * once, on the flusher thread, while the writer goes on with the next group. Concurrent writers
 * therefore share the cost of an fsync instead of paying one each. Reads
 * run on a small pool of reader threads with their own connections (WAL lets them proceed while
 * the writer commits). No Vert.x event loop ever touches JDBC.
 *
 * <p>Crash safety is SQLite's: a transaction that was not fully written to the WAL is rolled back
 * on the next open, so a torn append is never served.
 */
public final class SqliteEventStore implements EventStore {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteEventStore.class);
  private static final int MAX_GROUP = 2_000;
  /** Committed groups that may wait for their sync at once: one being synced, one queued behind it. */
  private static final int UNSYNCED_GROUPS = 2;
  /**
   * ... but a group is committed behind a sync in progress only once this many appends wait:
   * fewer wait for that sync to end and join the next group (see {@link WalFlusher#awaitSyncedUnless}).
   */
  private static final int EARLY_GROUP = 16;
  private static final int REVISION_CACHE_SIZE = 200_000;
  /** Events committed between background checkpoints (see {@link WalCheckpointer}). */
  private static final int CHECKPOINT_EVERY_EVENTS = 4_000;
  private static final int PAGE = 4_096;
  private static final int PAGES_IN_FLIGHT = 4;

  private final Vertx vertx;
  private final String url;
  private final BlockingQueue<PendingAppend> pending = new LinkedBlockingQueue<>();
  private final List<LiveSubscription> live = new CopyOnWriteArrayList<>();
  private final Object headLock = new Object();
  private final ExecutorService readers;
  private final BlockingQueue<Connection> readConnections;
  /**
   * Each read connection's prepared statements, by SQL: compiling the SQL anew was 43% of a stream
   * read's CPU (one for every share and every first look at a stream). Filled only by the thread
   * that holds the connection (taken from {@link #readConnections}, which orders the hand-overs);
   * the outer map is never changed after the constructor.
   */
  private final Map<Connection, Map<String, PreparedStatement>> statements = new IdentityHashMap<>();
  private final Thread writer;
  private final Connection writeConnection;
  private final LogPageReader logPages = new LogPageReader();
  private final WalFlusher flusher;
  private final WalCheckpointer checkpointer;
  private final AppendLatency latency = new AppendLatency();
  /** Where durable appends' answers wait for the read side (see {@link #answerThrough}), or null: answered at once. */
  private volatile AnswerGate gate;
  /** Last position committed (perhaps not yet durable); writer thread only. {@link #head} is the last durable one. */
  private long committed;
  private volatile long head;
  private volatile boolean closed;

  /** This process's hold on the data directory; released on close. */
  private DataDirLock lock;

  private SqliteEventStore(Vertx vertx, Path file, int readerCount, WalFlusher.Flush flush) throws SQLException {
    this.vertx = vertx;
    this.url = "jdbc:sqlite:" + file.toAbsolutePath();
    this.writeConnection = open(true);
    this.head = queryHead(writeConnection);
    this.committed = head;
    this.flusher = new WalFlusher(flush != null ? flush : WalFlusher.ofWal(file));
    this.checkpointer = new WalCheckpointer(openForCheckpoints(), CHECKPOINT_EVERY_EVENTS);
    this.readConnections = new ArrayBlockingQueue<>(readerCount);
    for (int i = 0; i < readerCount; i++) {
      Connection c = open(false);
      readConnections.add(c);
      statements.put(c, new HashMap<>());
    }
    AtomicInteger n = new AtomicInteger();
    this.readers =
        Executors.newFixedThreadPool(
            readerCount,
            r -> {
              Thread t = new Thread(r, "deling-store-reader-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.writer = new Thread(this::writeLoop, "deling-store-writer");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /** Opens (creating if needed) {@code dir/events.db}; the blocking part runs off the event loop. */
  public static Future<SqliteEventStore> open(Vertx vertx, Path dir) {
    return open(vertx, dir, null);
  }

  /** As {@link #open(Vertx, Path)}, with another way to sync the log (tests hold acknowledgements back with it). */
  static Future<SqliteEventStore> open(Vertx vertx, Path dir, WalFlusher.Flush flush) {
    return vertx.executeBlocking(
        () -> {
          DataDirLock lock = DataDirLock.take(dir);
          try {
            SqliteEventStore store = new SqliteEventStore(vertx, dir.resolve("events.db"), 3, flush);
            store.lock = lock;
            return store;
          } catch (java.sql.SQLException e) {
            lock.close();
            throw new no.deling.core.eventstore.StartupException("the embedded log in DELING_DATA_DIR=" + dir + " cannot be opened: " + e.getMessage());
          } catch (RuntimeException e) {
            lock.close();
            throw e;
          }
        },
        false);
  }

  private Connection open(boolean writer) throws SQLException {
    Connection c = DriverManager.getConnection(url);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=10000");
      if (writer) {
        s.execute("PRAGMA journal_mode=WAL");
        // NORMAL: a commit writes the WAL without syncing it; WalFlusher syncs it before anything
        // is acknowledged, off the writer thread. Checkpoints still sync the WAL and the database.
        s.execute("PRAGMA synchronous=NORMAL");
        // checkpoints run beside the writer (WalCheckpointer); its own is only the WAL's bound
        s.execute("PRAGMA wal_autocheckpoint=" + WalCheckpointer.WRITER_BACKSTOP_PAGES);
        s.execute(
            "CREATE TABLE IF NOT EXISTS events ("
                + " position INTEGER PRIMARY KEY,"
                + " stream TEXT NOT NULL,"
                + " revision INTEGER NOT NULL,"
                + " event_id BLOB NOT NULL UNIQUE,"
                + " type TEXT NOT NULL,"
                + " data BLOB NOT NULL,"
                + " metadata BLOB NOT NULL,"
                + " created INTEGER NOT NULL,"
                + " UNIQUE (stream, revision))");
      } else {
        s.execute("PRAGMA query_only=true");
        // Catch-up reads scan the log front to back; mapping the file saves a copy per page.
        s.execute("PRAGMA mmap_size=4294967296");
      }
      s.execute("PRAGMA cache_size=-32768");
    }
    c.setAutoCommit(true);
    return c;
  }

  @Override
  public no.deling.core.eventstore.LogCheckpoints logCheckpoints() {
    return checkpointer.stats();
  }

  /** The checkpointer's connection: neither the writer's nor query-only. */
  private Connection openForCheckpoints() throws SQLException {
    Connection c = DriverManager.getConnection(url);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=10000");
    }
    return c;
  }

  private static long queryHead(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(position), 0) FROM events")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  // ---------------------------------------------------------------- append

  private record PendingAppend(
      String stream,
      ExpectedRevision expected,
      List<EventData> events,
      UnaryOperator<List<EventData>> finish,
      Context context,
      Promise<AppendResult> promise,
      long queuedAt) {

    /** This append with its events finished, on the writer thread. */
    PendingAppend finished() {
      if (finish == null) return this;
      List<EventData> done = List.copyOf(finish.apply(events));
      if (done.size() != events.size()) throw new IllegalStateException("finishing an append changed how many events it has");
      return new PendingAppend(stream, expected, done, null, context, promise, queuedAt);
    }
  }

  @Override
  public Future<AppendResult> append(String stream, ExpectedRevision expected, List<EventData> events) {
    return append(stream, expected, events, null);
  }

  /** {@code finish} runs on the writer thread, just before the events are inserted. */
  @Override
  public Future<AppendResult> append(String stream, ExpectedRevision expected, List<EventData> events,
      UnaryOperator<List<EventData>> finish) {
    if (events.isEmpty()) return Future.failedFuture(new IllegalArgumentException("empty batch"));
    if (closed) return Future.failedFuture(new StoreUnavailableException("store is closed", null));
    if (flusher.failure() != null) {
      return Future.failedFuture(new StoreUnavailableException("the event log could not be synced to disk", flusher.failure()));
    }
    Promise<AppendResult> promise = Promise.promise();
    pending.add(new PendingAppend(stream, expected, List.copyOf(events), finish, vertx.getOrCreateContext(), promise, System.nanoTime()));
    return promise.future();
  }

  private static final PendingAppend STOP = new PendingAppend("", ExpectedRevision.ANY, List.of(), null, null, null, 0);

  /** Runs on the writer thread only; owns {@link #writeConnection} and the revision cache. */
  private void writeLoop() {
    Map<String, Long> revisions =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Long> e) {
            return size() > REVISION_CACHE_SIZE;
          }
        };
    List<PendingAppend> group = new ArrayList<>();
    try (PreparedStatement insert =
            writeConnection.prepareStatement(
                "INSERT INTO events(position, stream, revision, event_id, type, data, metadata, created)"
                    + " VALUES (?,?,?,?,?,?,?,?)");
        PreparedStatement lastRevision =
            writeConnection.prepareStatement("SELECT MAX(revision) FROM events WHERE stream = ?");
        PreparedStatement byId =
            writeConnection.prepareStatement(
                "SELECT stream, revision, position FROM events WHERE event_id = ?")) {
      while (true) {
        group.clear();
        group.add(pending.take());
        flusher.awaitRoom(UNSYNCED_GROUPS);
        flusher.awaitSyncedUnless(() -> pending.size() + 1 >= EARLY_GROUP);
        pending.drainTo(group, MAX_GROUP - 1);
        boolean stop = group.remove(STOP);
        long taken = System.nanoTime();
        for (PendingAppend p : group) latency.add(AppendLatency.Stage.QUEUED, taken - p.queuedAt(), 1);
        if (!group.isEmpty()) commitGroup(group, revisions, insert, lastRevision, byId);
        if (stop) break;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      LOG.error("event store writer could not prepare statements", e);
    }
    failAll(new StoreUnavailableException("store is closed", null));
  }

  private record Outcome(PendingAppend request, AppendResult result, RuntimeException error) {}

  private void commitGroup(
      List<PendingAppend> group,
      Map<String, Long> revisions,
      PreparedStatement insert,
      PreparedStatement lastRevision,
      PreparedStatement byId) {
    long commitStarted = System.nanoTime();
    List<Outcome> outcomes = new ArrayList<>(group.size());
    List<LogEvent> written = new ArrayList<>();
    Map<String, Long> touched = new LinkedHashMap<>();
    long position = committed;
    long now = System.currentTimeMillis();
    try {
      if (!writeConnection.getAutoCommit()) rollbackQuietly(); // never write into a transaction a failure left behind
      writeConnection.setAutoCommit(false);
      for (PendingAppend unfinished : group) {
        PendingAppend p;
        try {
          p = unfinished.finished();
        } catch (RuntimeException failed) {
          outcomes.add(new Outcome(unfinished, null, failed));
          continue;
        }
        // A new stream (every post is one) is not looked up: the (stream, revision) key refuses its
        // first row if the stream exists after all, and only then is its revision read.
        boolean assumedNew = p.expected() instanceof ExpectedRevision.NoStream && !touched.containsKey(p.stream())
            && !revisions.containsKey(p.stream());
        long current = touched.containsKey(p.stream()) ? touched.get(p.stream())
            : assumedNew ? -1 : cachedRevision(p.stream(), revisions, lastRevision);
        if (!p.expected().matches(current)) {
          // a client retrying an append that did happen expects the revision the stream had then
          outcomes.add(earlierAppendOr(p, byId, new WrongExpectedRevisionException(p.stream(), p.expected(), current)));
          continue;
        }
        // Insert first and look for an earlier append only when an event id turns out to be taken:
        // looking every append up beforehand cost a sixth of the writer's time. A batch of several
        // events gets a savepoint, so that a taken id in the middle leaves none of it behind.
        Savepoint savepoint = p.events().size() > 1 ? writeConnection.setSavepoint() : null;
        int writtenBefore = written.size();
        long positionBefore = position;
        long revisionBefore = current;
        try {
          for (EventData e : p.events()) {
            current++;
            position++;
            insert.setLong(1, position);
            insert.setString(2, p.stream());
            insert.setLong(3, current);
            insert.setBytes(4, toBytes(e.eventId()));
            insert.setString(5, e.type());
            insert.setBytes(6, e.data());
            insert.setBytes(7, e.metadata());
            insert.setLong(8, now);
            insert.addBatch();
            written.add(new LogEvent(position, e.type(), e.data(), e.metadata()));
          }
          insert.executeBatch();
          if (savepoint != null) writeConnection.releaseSavepoint(savepoint);
        } catch (SQLException failed) {
          insert.clearBatch();
          boolean streamExists = assumedNew && isTakenRevision(failed);
          if (!isTakenEventId(failed) && !streamExists) throw failed;
          if (savepoint != null) {
            writeConnection.rollback(savepoint);
            writeConnection.releaseSavepoint(savepoint);
          }
          written.subList(writtenBefore, written.size()).clear();
          position = positionBefore;
          RuntimeException otherwise = streamExists
              ? new WrongExpectedRevisionException(p.stream(), p.expected(), cachedRevision(p.stream(), revisions, lastRevision))
              : new IllegalArgumentException("an event id of this batch was already appended, but not the whole batch");
          outcomes.add(earlierAppendOr(p, byId, otherwise));
          current = revisionBefore;
          continue;
        }
        touched.put(p.stream(), current);
        outcomes.add(new Outcome(p, new AppendResult(current, position), null));
      }
      writeConnection.commit();
      writeConnection.setAutoCommit(true);
    } catch (SQLException | RuntimeException e) {
      writeFailures.failed(group.size() + " appends refused", group.size(), e);
      lastWriteFailure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      rollbackQuietly();
      revisions.clear();
      StoreUnavailableException failure = new StoreUnavailableException("append failed: " + e.getMessage(), e);
      for (PendingAppend p : group) complete(p, null, failure);
      return;
    }
    committed = position;
    lastWriteFailure = null;
    writeFailures.succeeded();
    checkpointer.committed(written.size());
    revisions.putAll(touched);
    long newHead = position;
    long commitEnded = System.nanoTime();
    latency.add(AppendLatency.Stage.COMMIT, commitEnded - commitStarted, group.size());
    flusher.committed(
        () -> {
          long durable = System.nanoTime();
          latency.add(AppendLatency.Stage.SYNC, durable - commitEnded, outcomes.size());
          touched.forEach(this::remember);
          if (!written.isEmpty()) publish(written, newHead);
          Runnable answer = () -> {
            for (Outcome o : outcomes) complete(o.request(), o.result(), o.error());
          };
          AnswerGate through = gate;
          if (through == null || written.isEmpty()) {
            answer.run();
          } else {
            through.whenApplied(newHead, () -> {
              latency.add(AppendLatency.Stage.APPLIED, System.nanoTime() - durable, outcomes.size());
              answer.run();
            });
          }
        },
        lost -> {
          for (Outcome o : outcomes) complete(o.request(), null, o.error() != null ? o.error() : lost);
        });
  }

  private long cachedRevision(String stream, Map<String, Long> revisions, PreparedStatement lastRevision)
      throws SQLException {
    Long cached = revisions.get(stream);
    if (cached != null) return cached;
    lastRevision.setString(1, stream);
    try (ResultSet rs = lastRevision.executeQuery()) {
      long r = rs.next() ? rs.getLong(1) : -1;
      if (rs.wasNull()) r = -1;
      return r;
    }
  }

  /**
   * Idempotent re-append: if the batch's first event id is already stored in this stream, the
   * batch was acknowledged before (or is a concurrent retry in this very group), so the original
   * result is returned instead of writing it twice. Otherwise the append fails with {@code otherwise}.
   */
  private static Outcome earlierAppendOr(PendingAppend p, PreparedStatement byId, RuntimeException otherwise) throws SQLException {
    List<EventData> events = p.events();
    byId.setBytes(1, toBytes(events.get(0).eventId()));
    try (ResultSet rs = byId.executeQuery()) {
      if (!rs.next()) return new Outcome(p, null, otherwise);
      if (!rs.getString(1).equals(p.stream())) {
        return new Outcome(p, null, new IllegalArgumentException("event id " + events.get(0).eventId() + " already used in another stream"));
      }
    }
    byId.setBytes(1, toBytes(events.get(events.size() - 1).eventId()));
    try (ResultSet rs = byId.executeQuery()) {
      if (!rs.next()) return new Outcome(p, null, new IllegalArgumentException("batch partially matches an earlier append"));
      return new Outcome(p, new AppendResult(rs.getLong(2), rs.getLong(3)), null);
    }
  }

  /** SQLite's words for a second row with an event id already in the log. */
  private static boolean isTakenEventId(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("UNIQUE constraint failed: events.event_id")) return true;
    }
    return false;
  }

  /** SQLite's words for a row at a revision its stream already has. */
  private static boolean isTakenRevision(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("UNIQUE constraint failed: events.stream, events.revision")) return true;
    }
    return false;
  }

  /**
   * Undoes a failed group and leaves the connection in auto-commit, whatever the failure left. A
   * full disk or an I/O error makes SQLite roll the transaction back itself, and then our rollback
   * fails ("no transaction is active"); the driver, which sets its auto-commit flag before it runs
   * the statement, must still end up in auto-commit. Left believing a transaction was open, it would
   * not begin the next group's: every insert of it would commit on its own, while the appends were
   * refused, and every later group would fail on the positions they took.
   */
  private void rollbackQuietly() {
    try {
      writeConnection.rollback();
    } catch (SQLException e) {
      LOG.debug("rollback after a failed commit: {}", e.getMessage()); // rolled back by SQLite already
    }
    try {
      writeConnection.setAutoCommit(true);
    } catch (SQLException e) {
      LOG.debug("back to auto-commit after a failed commit: {}", e.getMessage()); // no transaction was left to end
    }
  }

  private void complete(PendingAppend p, AppendResult result, RuntimeException error) {
    long released = System.nanoTime();
    p.context().runOnContext(v -> {
      latency.answered(System.nanoTime() - released);
      if (error == null) p.promise().complete(result);
      else p.promise().fail(error);
    });
  }

  private void failAll(RuntimeException error) {
    List<PendingAppend> rest = new ArrayList<>();
    pending.drainTo(rest);
    for (PendingAppend p : rest) if (p != STOP) complete(p, null, error);
  }

  // ---------------------------------------------------------------- reads

  /**
   * The last revision of streams this process appended to (the only writer: see {@link
   * DataDirLock}), set once an append is acknowledged, and of streams it read. A caller that already
   * folded a stream up to its last revision then learns that nothing is new without a trip to a
   * reader thread — every post into a group asked whether its membership had changed. Reads fill it
   * too: the table is emptied when it grows past its bound, and under a flood of posts (a new stream
   * each) that happened every 200,000 posts, after which a group's stream, read but seldom written,
   * was never known again and every post into it read the log (22 µs of a reader thread and 9 µs of
   * the event loop per post). What it promises: no event of the stream comes after the revision it
   * holds. Appends only add later revisions and the table keeps the larger of what a read and an
   * append record, in either order, so the promise holds whichever records last.
   */
  private final java.util.concurrent.ConcurrentHashMap<String, Long> knownRevisions = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_KNOWN_REVISIONS = 200_000;

  @Override
  public Future<List<RecordedEvent>> readStream(String stream, long afterRevision) {
    Long known = knownRevisions.get(stream);
    if (known != null && known <= afterRevision) return Future.succeededFuture(List.of());
    return read(c -> {
      PreparedStatement ps = prepared(c,
          "SELECT stream, revision, position, event_id, type, data, metadata, created"
              + " FROM events WHERE stream = ? AND revision > ? ORDER BY revision");
      ps.setString(1, stream);
      ps.setLong(2, afterRevision);
      List<RecordedEvent> events = collect(ps);
      // nothing after afterRevision is as good as knowing it last: the table only promises that
      // nothing comes after what it holds (a stream with no events at all is not recorded)
      long last = events.isEmpty() ? afterRevision : events.get(events.size() - 1).revision();
      if (last >= 0) remember(stream, last);
      return events;
    });
  }

  /** The read connection's own statement for {@code sql}, prepared on first use (see {@link #statements}). */
  private PreparedStatement prepared(Connection c, String sql) throws SQLException {
    Map<String, PreparedStatement> mine = statements.get(c);
    PreparedStatement ps = mine.get(sql);
    if (ps == null) {
      ps = c.prepareStatement(sql);
      mine.put(sql, ps);
    }
    return ps;
  }

  private void remember(String stream, long revision) {
    if (knownRevisions.size() > MAX_KNOWN_REVISIONS) knownRevisions.clear();
    knownRevisions.merge(stream, revision, Math::max);
  }

  @Override
  public Future<List<RecordedEvent>> readAll(long afterPosition, int max) {
    return read(c -> readPage(c, afterPosition, max));
  }

  private List<RecordedEvent> readPage(Connection c, long afterPosition, int max) throws SQLException {
    PreparedStatement ps = prepared(c,
        "SELECT stream, revision, position, event_id, type, data, metadata, created"
            + " FROM events WHERE position > ? ORDER BY position LIMIT ?");
    ps.setLong(1, afterPosition);
    ps.setInt(2, max);
    return collect(ps);
  }

  /** A subscription's page: only the columns a {@link LogEvent} carries (see there for why). */
  private static List<RecordedEvent> collect(PreparedStatement ps) throws SQLException {
    List<RecordedEvent> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new RecordedEvent(
                rs.getString(1),
                rs.getLong(2),
                rs.getLong(3),
                toUuid(rs.getBytes(4)),
                rs.getString(5),
                rs.getBytes(6),
                rs.getBytes(7),
                rs.getLong(8)));
      }
    }
    return out;
  }

  private interface Query<T> {
    T run(Connection c) throws Exception;
  }

  private <T> Future<T> read(Query<T> query) {
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    try {
      readers.execute(() -> {
        T result = null;
        Exception error = null;
        try {
          result = withReadConnection(query);
        } catch (Exception e) {
          error = e;
        }
        T r = result;
        Exception err = error;
        context.runOnContext(v -> {
          if (err == null) promise.complete(r);
          else promise.fail(new StoreUnavailableException("read failed: " + err.getMessage(), err));
        });
      });
    } catch (RuntimeException rejected) {
      return Future.failedFuture(new StoreUnavailableException("store is closed", rejected));
    }
    return promise.future();
  }

  private <T> T withReadConnection(Query<T> query) throws Exception {
    Connection c = readConnections.take();
    try {
      return query.run(c);
    } finally {
      readConnections.add(c);
    }
  }

  @Override
  public long headPosition() {
    return head;
  }

  // ---------------------------------------------------------------- subscriptions

  /** Called by the writer after a commit, in commit order. */
  private void publish(List<LogEvent> batch, long newHead) {
    synchronized (headLock) {
      head = newHead;
      for (LiveSubscription s : live) s.offer(batch);
    }
  }

  @Override
  public Subscription subscribeToAll(long afterPosition, Handler<List<LogEvent>> handler) {
    return subscribeToAll(afterPosition, batch -> null, (batch, nothing) -> handler.handle(batch));
  }

  /** Catch-up batches are prepared on the reader thread that read them, live ones on the subscriber's context. */
  @Override
  @SuppressWarnings("unchecked")
  public <T> Subscription subscribeToAll(long afterPosition, java.util.function.Function<List<LogEvent>, T> prepare,
      java.util.function.BiConsumer<List<LogEvent>, T> handler) {
    LiveSubscription s = new LiveSubscription(vertx.getOrCreateContext(), (java.util.function.Function<List<LogEvent>, Object>) prepare,
        (java.util.function.BiConsumer<List<LogEvent>, Object>) handler, afterPosition);
    readers.execute(s::catchUp);
    return s;
  }

  /**
   * Catch-up then live. Catch-up pages are read on a reader thread and queued on the subscriber's
   * context; the switch to live happens under {@link #headLock} only when the last page read ends
   * at the head, so no commit can slip between the two phases. Every delivery also drops events at
   * or below the last delivered position, which makes the handover duplicate-free by construction.
   */
  private final class LiveSubscription implements Subscription {
    private final Context context;
    private final java.util.function.Function<List<LogEvent>, Object> prepare;
    private final java.util.function.BiConsumer<List<LogEvent>, Object> handler;
    private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(PAGES_IN_FLIGHT);
    private volatile boolean cancelled;
    private long lastQueued; // reader thread only, during catch-up
    private long lastDelivered; // subscriber context only

    LiveSubscription(Context context, java.util.function.Function<List<LogEvent>, Object> prepare,
        java.util.function.BiConsumer<List<LogEvent>, Object> handler, long after) {
      this.context = context;
      this.prepare = prepare;
      this.handler = handler;
      this.lastQueued = after;
      this.lastDelivered = after;
    }

    void catchUp() {
      try {
        while (!cancelled) {
          long durable = head; // committed rows beyond it are not acknowledged yet, so not delivered yet
          List<LogEvent> page = withReadConnection(c -> logPages.read(c, lastQueued, durable, PAGE));
          if (!page.isEmpty()) {
            lastQueued = page.get(page.size() - 1).position();
            Object prepared = prepare.apply(page);
            inFlight.acquire();
            context.runOnContext(v -> {
              inFlight.release();
              deliver(page, prepared, true);
            });
          }
          if (page.size() < PAGE) {
            synchronized (headLock) {
              if (head <= lastQueued) {
                if (!cancelled) live.add(this);
                return;
              }
            }
          }
        }
      } catch (Exception e) {
        if (!closed) LOG.error("subscription catch-up failed; retrying in 1s", e);
        if (!cancelled && !closed) vertx.setTimer(1000, t -> readers.execute(this::catchUp));
      }
    }

    void offer(List<LogEvent> batch) {
      context.runOnContext(v -> deliver(batch, null, false));
    }

    /** @param preparedFor whether {@code prepared} is what {@code prepare} made of {@code batch} */
    private void deliver(List<LogEvent> batch, Object prepared, boolean preparedFor) {
      if (cancelled) return;
      List<LogEvent> fresh = batch;
      if (batch.get(0).position() <= lastDelivered) {
        fresh = new ArrayList<>();
        for (LogEvent e : batch) if (e.position() > lastDelivered) fresh.add(e);
        if (fresh.isEmpty()) return;
        preparedFor = false;
      }
      lastDelivered = fresh.get(fresh.size() - 1).position();
      try {
        handler.accept(fresh, preparedFor ? prepared : prepare.apply(fresh));
      } catch (RuntimeException e) {
        LOG.error("subscriber failed on events up to position {}", lastDelivered, e);
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
      live.remove(this);
    }
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  public Future<Long> positionBeforeNewest(int count) {
    // positions here are dense (1, 2, 3, …)
    return Future.succeededFuture(Math.max(0, headPosition() - count));
  }

  @Override
  public void answerThrough(AnswerGate gate) {
    this.gate = gate;
  }

  @Override
  public AppendLatency appendLatency() {
    return latency;
  }

  @Override
  public StoreStatus status() {
    String path = url.substring("jdbc:sqlite:".length());
    IOException syncFailure = flusher.failure();
    if (syncFailure != null) return new StoreStatus("embedded", false, path + ": the log could not be synced to disk (" + syncFailure.getMessage() + "); writes are refused");
    String writeFailure = lastWriteFailure;
    if (writeFailure != null) return new StoreStatus("embedded", false, path + ": the last write failed (" + writeFailure + ")");
    return new StoreStatus("embedded", true, path);
  }

  /**
   * Tests only, while no append is in flight: caps the log at {@code pages} pages (SQLite's {@code
   * max_page_count}), which fails a write past it as a full disk does (SQLITE_FULL, the transaction
   * rolled back by SQLite itself), without a disk to fill.
   */
  void limitPages(long pages) throws SQLException {
    try (Statement s = writeConnection.createStatement()) {
      s.execute("PRAGMA max_page_count=" + pages);
    }
  }

  /** Tests only: the log's size in pages now. */
  long pages() throws SQLException {
    try (Statement s = writeConnection.createStatement(); ResultSet r = s.executeQuery("PRAGMA page_count")) {
      r.next();
      return r.getLong(1);
    }
  }

  /** A full disk fails every append: its log lines (see {@link RepeatingFailure}). Writer thread only. */
  private final RepeatingFailure writeFailures = new RepeatingFailure(LOG, "event store writes", java.util.concurrent.TimeUnit.SECONDS.toNanos(10));

  /** Why the most recent commit failed, or null once one succeeded: health says whether writes work, not just whether the file opened. */
  private volatile String lastWriteFailure;

  @Override
  public Future<Void> close() {
    if (closed) return Future.succeededFuture();
    closed = true;
    live.clear();
    // the read side hears nothing more: what it holds is answered, and what the flusher still acknowledges goes at once
    AnswerGate through = gate;
    if (through != null) through.stop();
    pending.add(STOP);
    return vertx.executeBlocking(
        () -> {
          writer.join(10_000);
          flusher.stop();
          checkpointer.stop();
          readers.shutdown();
          writeConnection.close();
          for (Connection c : readConnections) {
            for (PreparedStatement ps : statements.get(c).values()) ps.close();
            c.close();
          }
          if (lock != null) lock.close();
          return null;
        },
        false);
  }

  private static byte[] toBytes(UUID id) {
    return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
  }

  private static UUID toUuid(byte[] b) {
    ByteBuffer buf = ByteBuffer.wrap(b);
    return new UUID(buf.getLong(), buf.getLong());
  }
}
