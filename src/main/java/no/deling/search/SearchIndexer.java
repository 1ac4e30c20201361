package no.deling.search;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import it.unimi.dsi.fastutil.longs.LongIterator;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.core.log.RepeatingFailure;
import no.deling.core.projection.PositionWaiters;
import no.deling.groups.GroupEvent;
import no.deling.posts.PostEvent;
import no.deling.posts.PostView;
import no.deling.privacy.RetentionEvent;
import no.deling.questions.QuestionEvent;
import no.deling.readmodel.ReadModel;
import no.deling.skills.SkillEvent;
import no.deling.topics.TopicEvent;
import no.deling.users.UserEvent;
import org.apache.lucene.document.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search index's own subscriber ({@code WhenChangedReindex}), with its own thread and its own
 * durable checkpoint. The projection thread only marks what an event changed (a post, a question
 * whose answers changed, a person, a group, a topic's description) — cheap, and nothing at or below the checkpoint; this
 * thread re-indexes each marked thing from the read side as it now is, makes it searchable at
 * once, and commits the index with the position it reaches every few seconds. Marks coalesce, so
 * a slow index never holds up the read model and never queues without bound.
 *
 * <p>An erasure or retention also rewrites the index's files without what it deleted (see
 * {@link SearchIndex#expungeDeletes}): a deleted document's terms stay in its segment until that
 * segment is merged, and those terms are the person's words. The rewrite is done here, before the
 * commit that first reaches past the erasure, so the index's checkpoint never passes an erasure
 * whose words are still in its files: after a crash the log is read again from the checkpoint, the
 * erasure is seen again, and the rewrite is done then.
 */
public final class SearchIndexer {
  private static final Logger LOG = LoggerFactory.getLogger(SearchIndexer.class);
  private static final int CHUNK = 512;
  private static final long COMMIT_EVERY_MS = 5_000;
  /**
   * Marked changes are indexed at most this often (the first change after a quiet second at once):
   * marks coalesce in between, and a search waiting for a position cuts the wait short.
   */
  static final long REINDEX_EVERY_MS = 1_000;
  /**
   * While changes keep coming (more were marked while the last ones were indexed), what was indexed
   * becomes searchable at most this often, or at once for a search waiting for it; otherwise at
   * once, so a quiet server's posts are searchable within a second, as before. Each refresh writes a
   * small segment that merges cost later, and Lucene's rarely run flush and merge code kept the JIT
   * compiling: refreshing after every handful of posts took two thirds of the posts/s a busy server
   * could take, and refreshing every second rather than every five cost a busy server about a tenth
   * of its CPU per post (load-tests/RESULTS.md). No reader loses by it: a search waits for the index
   * to reach what the read side had applied (see {@link #awaitPosition}), and the indexer, seeing a
   * search wait, indexes and refreshes at once.
   */
  static final long REFRESH_EVERY_MS = 5_000;

  private final SearchIndex index;
  private final ReadModel model;
  private final long checkpoint;

  // projection thread only: what this batch marked
  private LongOpenHashSet batchPosts = new LongOpenHashSet();
  /** Posts first published in this batch: never indexed yet, so added rather than replaced (no delete to apply). */
  private LongOpenHashSet batchFresh = new LongOpenHashSet();
  /** People, groups and topics, by their search keys (see {@link SearchDocuments#typeOf}). */
  private Set<String> batchKeys = new HashSet<>();
  private long batchPosition;
  private boolean batchErased;

  // handed over under the lock
  private final Object lock = new Object();
  private LongOpenHashSet posts = new LongOpenHashSet();
  private LongOpenHashSet fresh = new LongOpenHashSet();
  private Set<String> keys = new HashSet<>();
  /** An erasure or retention was marked: its deletes are expunged from the files before the next commit. */
  private boolean expunge;
  private long marked;
  private boolean serving;
  /** Marks from before the position the read model started from (see {@link #backfill}) wait to be indexed. */
  private boolean backlogWork;
  /** While the backlog is read, commits stay at the checkpoint: a crash meanwhile reads it again. */
  private volatile boolean backlogPending;
  private volatile boolean stopped;

  // indexer thread only: what was indexed since the last commit, indexed again should the writer fail (see recover)
  private LongOpenHashSet postsSinceCommit = new LongOpenHashSet();
  private Set<String> keysSinceCommit = new HashSet<>();
  private boolean reopened;
  private final RepeatingFailure failures = new RepeatingFailure(LOG, "search indexing", java.util.concurrent.TimeUnit.MINUTES.toNanos(1));

  private volatile long searchable;
  private long committed;
  private volatile long indexed;
  private final PositionWaiters waiters;
  private final Thread thread;

  public SearchIndexer(SearchIndex index, ReadModel model) {
    this.index = index;
    this.model = model;
    this.checkpoint = index.checkpoint();
    this.marked = checkpoint;
    this.searchable = checkpoint;
    this.committed = checkpoint;
    this.waiters = new PositionWaiters("search index", () -> searchable);
    this.thread = new Thread(this::run, "deling-search");
    thread.setDaemon(true);
    thread.start();
  }

  /** How far the read side has applied the log: a search waits (briefly) for the index to reach it. */
  public long readSidePosition() {
    return model.position();
  }

  /** Listens to the read model: marks on every applied event, hands over after every batch. */
  public void wire() {
    model.onApplied(this::mark);
    model.afterEachBatch(this::handOver);
  }

  /** Projection thread, under the read model's write lock: what this event changed. */
  private void mark(DomainEvent event, long position) {
    batchPosition = position;
    if (position <= checkpoint) return; // indexed before the restart
    marks(event, batchPosts, batchFresh, batchKeys);
    if (erases(event)) batchErased = true;
  }

  /** Whether {@code event} deletes what people wrote for privacy's sake (their posts' deletes follow it in the batch). */
  static boolean erases(DomainEvent event) {
    return event instanceof UserEvent.PersonErased || event instanceof RetentionEvent.RetentionApplied;
  }

  /** What {@code event} changed, under the read model's lock. */
  private void marks(DomainEvent event, LongOpenHashSet posts, LongOpenHashSet fresh, Set<String> keys) {
    if (event instanceof PostEvent p) {
      long id = PostIds.parse(p.postId());
      posts.add(id);
      if (fresh != null && event instanceof PostEvent.PostPublished) fresh.add(id);
      // an answer published or deleted changes its question's status
      PostView v = model.posts.get(id);
      if (v != null && v.inReplyTo != 0 && model.questions.get(v.inReplyTo) != null) posts.add(v.inReplyTo);
    } else if (event instanceof QuestionEvent q) {
      posts.add(PostIds.parse(q.questionId()));
    } else if (event instanceof no.deling.files.FileEvent.FileDeleted || event instanceof no.deling.files.FileEvent.FileDescribed) {
      // found by its name no more, or by what it shows
      for (long post : model.files.postsAttaching(PostIds.parse(((no.deling.files.FileEvent) event).fileId()))) posts.add(post);
    } else if (event instanceof UserEvent u) {
      keys.add(SearchDocuments.personKey(u.userId()));
    } else if (event instanceof SkillEvent s) {
      keys.add(SearchDocuments.personKey(s.userId()));
    } else if (event instanceof GroupEvent.GroupCreated || event instanceof GroupEvent.GroupArchived || event instanceof GroupEvent.GroupDetailsChanged) {
      keys.add(SearchDocuments.groupKey(((GroupEvent) event).groupId()));
    } else if (event instanceof TopicEvent.TopicDescribed d) {
      keys.add(SearchDocuments.topicKey(d.topic()));
    }
  }

  /**
   * The read model started from a snapshot after what this index holds: the log between is read
   * again (after {@link #backlogFrom}, on any thread, while the server serves) and its changes
   * indexed from the read side as it is now. Until {@link #backlogDone}, commits keep the index's
   * checkpoint, so a crash meanwhile reads that part of the log again.
   */
  public void backlogFrom() {
    backlogPending = true;
  }

  /** @param events what the index missed, with the erasures' and retention's deletes among them */
  public void backfill(List<DomainEvent> events) {
    LongOpenHashSet p = new LongOpenHashSet();
    Set<String> k = new HashSet<>();
    boolean erased = model.read(() -> {
      boolean any = false;
      for (DomainEvent e : events) {
        marks(e, p, null, k);
        any |= erases(e);
      }
      return any;
    });
    synchronized (lock) {
      posts.addAll(p); // replaced, not added: some may be indexed from before
      keys.addAll(k);
      if (erased) expunge = true;
      backlogWork = true;
      lock.notifyAll();
    }
  }

  /** Stopped (the server is shutting down): a backlog being read is left for the next start. */
  public boolean stopped() {
    return stopped;
  }

  /**
   * The backlog is read and marked up to {@code upTo} (the snapshot's position): searches reflect
   * it once it is indexed, and commits may move the checkpoint again.
   */
  public void backlogDone(long upTo) {
    synchronized (lock) {
      backlogPending = false;
      if (marked < upTo) marked = upTo;
      lock.notifyAll();
    }
  }

  /** What may be committed as indexed: not past the checkpoint while a backlog is being read. */
  private long committable() {
    return backlogPending ? Math.min(searchable, checkpoint) : searchable;
  }

  /** Projection thread, after a batch, outside the write lock. */
  private void handOver() {
    if (batchPosition <= marked) return;
    synchronized (lock) {
      posts.addAll(batchPosts);
      fresh.addAll(batchFresh);
      keys.addAll(batchKeys);
      if (batchErased) expunge = true;
      marked = batchPosition;
      lock.notifyAll();
    }
    batchErased = false;
    if (!batchPosts.isEmpty()) batchPosts = new LongOpenHashSet();
    if (!batchFresh.isEmpty()) batchFresh = new LongOpenHashSet();
    if (!batchKeys.isEmpty()) batchKeys = new HashSet<>();
  }

  /**
   * Starts indexing (after the read model is rebuilt: while it rebuilds, the index only gathers
   * marks, so a start-up is not slowed by a second busy thread).
   */
  public void serving() {
    synchronized (lock) {
      serving = true;
      lock.notifyAll();
    }
  }

  private void run() {
    long lastCommit = System.currentTimeMillis();
    long lastReindex = 0;
    long lastRefresh = 0;
    long reindexed = searchable; // indexed up to here, searchable once refreshed
    while (true) {
      // gather changes for up to a second, unless a search is waiting for them
      while (System.currentTimeMillis() - lastReindex < REINDEX_EVERY_MS && !waiters.anyWaiting() && !stopped) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
      LongOpenHashSet p;
      LongOpenHashSet f;
      Set<String> k;
      long upTo;
      boolean hadBacklog;
      boolean expungeNow;
      synchronized (lock) {
        while (!stopped && !(serving && (marked > reindexed || backlogWork || expunge || refreshDue(reindexed, lastRefresh)))
            && !commitDue(committable(), false, lastCommit)) {
          try {
            lock.wait(2 * COMMIT_EVERY_MS);
          } catch (InterruptedException e) {
            return;
          }
        }
        if (stopped) return;
        p = posts;
        f = fresh;
        fresh = new LongOpenHashSet();
        k = keys;
        posts = new LongOpenHashSet();
        keys = new HashSet<>();
        upTo = marked;
        hadBacklog = backlogWork;
        backlogWork = false;
        expungeNow = expunge; // with the marks of the deletes it follows
        expunge = false;
      }
      try {
        boolean caughtUp = false;
        if (upTo > reindexed || hadBacklog) {
          reindex(p, f, k);
          postsSinceCommit.addAll(p);
          keysSinceCommit.addAll(k);
          lastReindex = System.currentTimeMillis();
          reindexed = Math.max(reindexed, upTo);
          synchronized (lock) { // nothing changed meanwhile: the changes came in a burst, or slowly
            caughtUp = marked == reindexed && !backlogWork;
          }
        }
        boolean refreshed = false;
        if (reindexed > searchable && (hadBacklog || caughtUp || refreshDue(reindexed, lastRefresh))) {
          index.refresh();
          lastRefresh = System.currentTimeMillis();
          searchable = reindexed;
          waiters.release();
          refreshed = true;
        }
        long safe = committable();
        if (expungeNow) { // before any commit reaches past the erasure; committed at once
          index.expungeDeletes();
          LOG.info("search index: rewritten without the documents an erasure or retention deleted (up to position {})", reindexed);
        }
        if (expungeNow || commitDue(safe, refreshed, lastCommit)) {
          index.commit(safe);
          committed = safe;
          lastCommit = System.currentTimeMillis();
          if (!postsSinceCommit.isEmpty()) postsSinceCommit = new LongOpenHashSet();
          if (!keysSinceCommit.isEmpty()) keysSinceCommit = new HashSet<>();
        }
        failures.succeeded();
        reopened = false;
      } catch (IOException | RuntimeException e) {
        failures.failed("could not index up to position " + upTo + "; tried again with later changes", 1, e);
        synchronized (lock) { // put the work back; the next change retries it (replacing: some may be in the index by now)
          posts.addAll(p);
          keys.addAll(k);
          if (hadBacklog) backlogWork = true;
          if (expungeNow) expunge = true; // before the next commit, whatever it carries
        }
        if (index.broken()) recover();
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /**
   * The writer failed (a full disk) and closed, losing what it had not committed: the index is
   * opened again from its last commit, and what was indexed since is marked to be indexed again
   * from the read side as it is now. Until the disk has room, opening or the next write fails and
   * this runs again a second later; the server keeps serving searches from the last commit.
   */
  private void recover() {
    try {
      index.reopen();
    } catch (IOException | RuntimeException e) {
      failures.failed("could not open the index again after a failed write", 1, e);
      return;
    }
    if (!reopened) { // once until indexing works again, not every second while the disk stays full
      LOG.warn("search index opened again from its last commit (position {}): {} posts and {} people, groups and topics indexed since are indexed again",
          committed, postsSinceCommit.size(), keysSinceCommit.size());
    }
    reopened = true;
    synchronized (lock) {
      posts.addAll(postsSinceCommit); // replaced, not added: any of them may be in the last commit
      keys.addAll(keysSinceCommit);
      backlogWork = true; // at once, even if nothing new was marked
    }
    postsSinceCommit = new LongOpenHashSet();
    keysSinceCommit = new HashSet<>();
  }

  /**
   * Whether to commit now. A commit writes what is buffered as a segment of its own, as a refresh
   * does: on a busy server the two, each every five seconds but out of step, wrote two segments
   * where one would do, and a fifth of the indexer's time was its commits. So a commit goes with a
   * refresh once it is due, and on its own only once it is twice as late (nothing was refreshed).
   */
  private boolean commitDue(long committable, boolean refreshedNow, long lastCommit) {
    long since = System.currentTimeMillis() - lastCommit;
    return committed < committable && since >= (refreshedNow ? COMMIT_EVERY_MS : 2 * COMMIT_EVERY_MS);
  }

  /** Whether what is indexed but not yet searchable should be refreshed now: a search waits, or it is time. */
  private boolean refreshDue(long reindexed, long lastRefresh) {
    return reindexed > searchable && (waiters.anyWaiting() || System.currentTimeMillis() - lastRefresh >= REFRESH_EVERY_MS);
  }

  /** @param fresh never indexed before: added, not replaced */
  private record Change(String key, Document doc, boolean fresh) {}

  /** Reads the current state in chunks under the read lock, writes outside it. */
  private void reindex(LongOpenHashSet p, LongOpenHashSet f, Set<String> k) throws IOException {
    List<Change> changes = new ArrayList<>(CHUNK);
    LongIterator ids = p.iterator();
    while (ids.hasNext()) {
      model.read(() -> {
        for (int i = 0; i < CHUNK && ids.hasNext(); i++) {
          long id = ids.nextLong();
          changes.add(new Change(SearchDocuments.postKey(id), SearchDocuments.post(model.posts.get(id), model), f.contains(id)));
        }
        return null;
      });
      write(changes);
    }
    model.read(() -> {
      for (String key : k) changes.add(new Change(key, document(key), false));
      return null;
    });
    write(changes);
  }

  /** A person's, group's or topic's document as the read side has it now (null: none, so any indexed one goes). Under the read lock. */
  private Document document(String key) {
    String id = SearchDocuments.idOf(key);
    return switch (SearchDocuments.typeOf(key)) {
      case SearchDocuments.PERSON -> SearchDocuments.person(model.people.get(id), model);
      case SearchDocuments.GROUP_TYPE -> SearchDocuments.group(model.groups.get(id));
      case SearchDocuments.TOPIC_TYPE -> SearchDocuments.topic(id, model.topicStewards.description(id));
      default -> throw new IllegalArgumentException(key);
    };
  }

  private void write(List<Change> changes) throws IOException {
    for (Change c : changes) {
      if (c.fresh()) {
        if (c.doc() != null) index.add(c.doc());
      } else {
        index.put(c.key(), c.doc());
      }
    }
    indexed += changes.size();
    changes.clear();
  }

  /** The log position searches reflect (while a backlog is read, all of it only up to the checkpoint). */
  public long position() {
    return committable();
  }

  /** Documents (re)indexed since start. */
  public long documentsIndexed() {
    return indexed;
  }

  public Future<Void> awaitPosition(Vertx vertx, long position, long timeoutMs) {
    return waiters.await(vertx, position, timeoutMs);
  }

  /**
   * Stops the thread and commits what is searchable, so a clean restart resumes from there. An
   * erasure whose deletes are in but not yet expunged is expunged first; failing that, nothing is
   * committed, and the next start reads the erasure again.
   */
  public void stop() {
    synchronized (lock) {
      stopped = true;
      lock.notifyAll();
    }
    try {
      thread.join(10_000);
      boolean pending;
      synchronized (lock) {
        pending = expunge;
      }
      if (committed < committable()) {
        if (pending) index.expungeDeletes();
        index.commit(committable());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) { // a full disk, say: the next start reads the log from the last commit
      LOG.warn("search index could not commit on shutdown; it resumes from position {}", committed, e);
    } finally {
      try {
        index.close();
      } catch (RuntimeException e) {
        LOG.warn("search index could not be closed cleanly: {}", e.toString());
      }
    }
  }
}
