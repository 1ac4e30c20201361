package no.deling.readmodel;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import no.deling.core.events.DomainEvent;
import no.deling.core.eventstore.LogEvent;
import no.deling.endorsements.Endorsements;
import no.deling.follows.FollowGraph;
import no.deling.posts.PostEvent.PostEdited;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.timelines.Timelines;
import no.deling.users.People;

/**
 * All in-memory read models, fed in log order by one projection thread, queried by many HTTP
 * threads. One read/write lock keeps queries consistent: a query never sees half an event batch.
 *
 * <p>Held in memory: people (the directory), the follow graph, endorser sets, every post (text, tags, mentions,
 * links) and sorted id lists for threads, authors, topics and bounded home timelines. Rebuilt from
 * the log at start-up; the log is the truth.
 */
public final class ReadModel {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReadModel.class);
  public final People people;
  public final FollowGraph follows;
  public final Endorsements endorsements;
  public final PostIndex posts;
  public final Timelines timelines;
  public final no.deling.announcements.Announcements announcements;
  /** Encoded posts for timeline pages; see {@link PostJsonCache}. */
  public final no.deling.posts.PostJsonCache json = new no.deling.posts.PostJsonCache();

  private final BatchDecoder decoder;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final PriorityQueue<Waiter> waiters = new PriorityQueue<>((a, b) -> Long.compare(a.position, b.position));
  private volatile long position;
  private long eventsApplied;

  private record Waiter(long position, Context context, Promise<Void> promise) {}

  /** Told about every event right after it was applied, inside the write lock, in log order. */
  public interface AppliedListener {
    void applied(DomainEvent event, long position);
  }

  private final java.util.List<AppliedListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  public void onApplied(AppliedListener listener) {
    listeners.add(listener);
  }

  public ReadModel(int homeBound, int fanOutLimit) {
    Interner interner = new Interner();
    people = new People(interner);
    follows = new FollowGraph(interner);
    endorsements = new Endorsements(interner);
    posts = new PostIndex(interner);
    timelines = new Timelines(homeBound, fanOutLimit, posts, follows);
    announcements = new no.deling.announcements.Announcements(interner);
    decoder = new BatchDecoder(interner);
  }

  /**
   * Applies a batch in order. Events at or below the current position are skipped (idempotent).
   * The batch is decoded before the write lock is taken; see {@link BatchDecoder}.
   */
  public void apply(List<LogEvent> batch) {
    if (batch.isEmpty() || batch.get(batch.size() - 1).position() <= position) return;
    BatchDecoder.Decoded decoded = decoder.decode(batch);
    lock.writeLock().lock();
    try {
      for (int i = 0; i < batch.size(); i++) {
        long at = batch.get(i).position();
        if (at <= position) continue;
        DomainEvent e = decoded.events()[i];
        if (e != null) applySafely(e, at, decoded.idempotencyKeys() == null ? null : decoded.idempotencyKeys()[i]);
        position = at;
        eventsApplied++;
      }
    } finally {
      lock.writeLock().unlock();
    }
    releaseWaiters();
  }

  /** Applies one already decoded event at {@code at}, as {@link #apply(List)} would (for benchmarks that time the stages apart). */
  public void applyDecoded(DomainEvent e, long at, String idempotencyKey) {
    lock.writeLock().lock();
    try {
      if (at <= position) return;
      apply(e, at, idempotencyKey);
      position = at;
      eventsApplied++;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * One event that cannot be applied (a bug, or an event that decodes but lacks fields every
   * event of its type has) is skipped with an error, instead of losing the rest of its batch.
   */
  private void applySafely(DomainEvent e, long at, String idempotencyKey) {
    try {
      apply(e, at, idempotencyKey);
    } catch (RuntimeException failure) {
      LOG.error("could not apply {} at position {}; skipped", e.getClass().getSimpleName(), at, failure);
    }
  }

  private void apply(DomainEvent e, long at, String idempotencyKey) {
    people.on(e);
    announcements.on(e, at);
    boolean graphChanged = follows.on(e);
    endorsements.on(e);
    String[] previousTags = null;
    if (e instanceof PostEdited edited) {
      var before = posts.get(no.deling.core.ids.PostIds.parse(edited.postId()));
      previousTags = before == null ? null : before.hashtags;
    }
    PostView post = posts.on(e, at, idempotencyKey);
    timelines.on(e, graphChanged, previousTags, post);
    for (AppliedListener l : listeners) l.applied(e, at);
  }

  /** Runs a query under the read lock. Keep queries short and free of IO. */
  public <T> T read(Supplier<T> query) {
    lock.readLock().lock();
    try {
      return query.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  public long position() {
    return position;
  }

  public long eventsApplied() {
    return eventsApplied;
  }

  /**
   * Completes (on the caller's context) once the read model has applied {@code target}, or fails
   * after {@code timeoutMs}. This is how a write's author reads their own write.
   */
  public Future<Void> awaitPosition(Vertx vertx, long target, long timeoutMs) {
    if (position >= target) return Future.succeededFuture();
    Context context = vertx.getOrCreateContext();
    Promise<Void> promise = Promise.promise();
    Waiter w = new Waiter(target, context, promise);
    synchronized (waiters) {
      waiters.add(w);
    }
    releaseWaiters();
    long timer = vertx.setTimer(timeoutMs, t -> {
      boolean removed;
      synchronized (waiters) {
        removed = waiters.remove(w);
      }
      if (removed) promise.tryFail("read model did not reach position " + target + " within " + timeoutMs + " ms");
    });
    return promise.future().onComplete(r -> vertx.cancelTimer(timer));
  }

  private void releaseWaiters() {
    long p = position;
    while (true) {
      Waiter w;
      synchronized (waiters) {
        if (waiters.isEmpty() || waiters.peek().position > p) return;
        w = waiters.poll();
      }
      w.context.runOnContext(v -> w.promise.tryComplete());
    }
  }
}
