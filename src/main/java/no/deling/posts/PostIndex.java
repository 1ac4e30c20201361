package no.deling.posts;

import it.unimi.dsi.fastutil.longs.Long2ObjectMap;
import java.io.IOException;
import no.deling.core.state.CompactState;
import no.deling.core.state.StateReader;
import no.deling.core.state.StateWriter;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import no.deling.core.collections.LongList;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.posts.PostEvent.PostDeleted;
import no.deling.posts.PostEvent.PostEdited;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.core.collections.Interner;

/**
 * Every post by id, and every thread's posts. Deleted posts stay as tombstones so threads keep
 * their shape and timelines can skip them without being rewritten.
 */
public final class PostIndex implements CompactState {
  // Keyed by the numeric id without boxing: these are the read model's largest maps.
  /**
   * The posts as objects: every post this process published, and every one read back from a
   * snapshot that has changed since. A snapshot writes the posts in a section of their own, read
   * back beside the rest into {@link #packed} (see {@link #restoredPosts}).
   */
  private Long2ObjectOpenHashMap<PostView> posts = new Long2ObjectOpenHashMap<>();
  /** The posts a snapshot read back and nothing has changed since, as records; never also in {@link #posts}. */
  private PackedPosts packed = PackedPosts.none();
  /** Not final: a snapshot reads it back itself (see {@link #readState}). */
  private Long2ObjectOpenHashMap<LongList> threads = new Long2ObjectOpenHashMap<>();
  private final Interner interner;

  public PostIndex(Interner interner) {
    this.interner = interner;
  }

  /** @return the post the event is about, as it is now; null for other events and unknown posts */
  public PostView on(DomainEvent event, long position) {
    if (event instanceof PostPublished || event instanceof PostEdited || event instanceof PostDeleted) {
      changes++;
      packed.settle(); // after a snapshot, what was taken out while it wrote goes at the next change
    }
    if (event instanceof PostPublished p) {
      long id = PostIds.parse(p.postId());
      PostView known = get(id);
      if (known != null) return known; // seen before a restart: idempotent
      long parent = p.inReplyTo() == null ? 0 : PostIds.parse(p.inReplyTo());
      long root = PostIds.parse(p.threadRoot());
      PostView v = new PostView(id, interner.intern(p.author()), parent, root, p.publishedAt().toEpochMilli(), position,
          p.group() == null ? null : interner.intern(p.group()), p.kind() == null ? null : interner.intern(p.kind()));
      setContent(v, p.text(), p.hashtags(), p.mentions(), p.links());
      posts.put(id, v);
      if (parent != 0) {
        threads.computeIfAbsent(root, k -> new LongList()).insertSorted(id);
        PostView parentView = forUpdate(parent);
        if (parentView != null) parentView.replies++;
      }
      return v;
    } else if (event instanceof PostEdited e) {
      PostView v = forUpdate(PostIds.parse(e.postId()));
      if (v == null) return null;
      setContent(v, e.text(), e.hashtags(), e.mentions(), e.links());
      v.editedAt = e.editedAt().toEpochMilli();
      v.revisedAt = position;
      return v;
    } else if (event instanceof PostDeleted d) {
      PostView v = forUpdate(PostIds.parse(d.postId()));
      if (v == null || v.deleted) return v;
      v.deleted = true;
      v.revisedAt = position;
      v.forgetText(); // a deleted post's words leave memory; its id and place in threads stay
      v.hashtags = NONE;
      v.mentions = NONE;
      v.links = NONE;
      PostView parentView = v.inReplyTo == 0 ? null : forUpdate(v.inReplyTo);
      if (parentView != null) parentView.replies--;
      return v;
    }
    return null;
  }

  private void setContent(PostView v, String text, List<String> tags, List<String> mentions, List<String> links) {
    v.setText(text);
    v.hashtags = internAll(tags);
    v.mentions = internAll(mentions);
    v.links = links.isEmpty() ? NONE : links.toArray(new String[0]);
  }

  private static final String[] NONE = new String[0];

  private String[] internAll(List<String> values) {
    if (values.isEmpty()) return NONE;
    String[] out = new String[values.size()];
    for (int i = 0; i < out.length; i++) out[i] = interner.intern(values.get(i));
    return out;
  }

  /**
   * The post as it is now, or null. A post read back from a snapshot and unchanged since is decoded
   * into a new object at each call: read its fields under the read lock, and keep none of it after.
   */
  public PostView get(long id) {
    PostView v = posts.get(id);
    return v != null ? v : packed.get(id);
  }

  /** The post as the object to change (taken out of the records if it is there), or null. Projection thread. */
  private PostView forUpdate(long id) {
    PostView v = posts.get(id);
    if (v != null || packed.size() == 0) return v;
    v = packed.take(id);
    if (v != null) {
      posts.put(id, v);
      changes++;
    }
    return v;
  }

  /**
   * The thread's root followed by every reply, oldest first. A root that never opened (erased, or
   * expired by retention, before this read side was built) is left out and its replies stand alone;
   * empty when neither root nor replies are known.
   */
  public List<PostView> thread(long rootId) {
    PostView root = get(rootId);
    LongList replies = threads.get(rootId);
    if (root == null && replies == null) return List.of();
    List<PostView> out = new ArrayList<>();
    if (root != null) out.add(root);
    if (replies != null) for (int i = 0; i < replies.size(); i++) out.add(get(replies.get(i)));
    return out;
  }

  /** Every post (deleted ones too), in no order. Under the read lock. */
  public void forEach(java.util.function.Consumer<PostView> action) {
    forEach(publishedAt -> true, action);
  }

  /**
   * Every post (deleted ones too) whose time of publishing {@code published} accepts, in no order;
   * a post read back from a snapshot and rejected is not decoded. Under the read lock.
   */
  public void forEach(java.util.function.LongPredicate published, java.util.function.Consumer<PostView> action) {
    for (PostView v : posts.values()) if (published.test(v.publishedAt)) action.accept(v);
    packed.forEach(published, action);
  }

  public int size() {
    return posts.size() + packed.size();
  }

  /**
   * For a snapshot, while applying stands still (under the read lock): every post as a record, in a
   * view that stays as it is while applying goes on, until {@link #thaw}. The posts kept as objects
   * are encoded into a new run of records, numbering their strings in a table that extends the
   * records' one; {@link #packFrozen} then keeps that run in their place, so the next snapshot
   * encodes only the posts published or changed since (on a log of millions every snapshot had
   * encoded every post published since the start, with applying stopped).
   */
  public PackedPosts.Frozen freeze() {
    PackedPosts.Frozen records = packed.freeze();
    PostTable.Builder table = new PostTable.Builder(packed.table());
    PackedPosts.Builder run = encode(table);
    PostTable extended = table.table();
    encoded = new Encoded(run, extended, posts, changes);
    return records.with(run, extended);
  }

  /** The posts a {@link #freeze} encoded, and the objects and count of changes they were encoded from. */
  private record Encoded(PackedPosts.Builder run, PostTable table, Long2ObjectOpenHashMap<PostView> from, long changes) {}

  private Encoded encoded;
  /** Posts published, edited, deleted or taken out of the records: a frozen run is kept only when none happened since. */
  private long changes;

  /**
   * After the snapshot's pause, under the write lock: the posts the last {@link #freeze} encoded
   * are kept as those records instead of objects. Does nothing when anything changed since.
   */
  public void packFrozen() {
    Encoded e = encoded;
    encoded = null;
    if (e == null || e.from() != posts || e.changes() != changes) return;
    packed.append(e.run(), e.table());
    posts = new Long2ObjectOpenHashMap<>();
  }

  /** The snapshot no longer reads the frozen records (any thread); changes since are finished under the write lock ({@link #settle}). */
  public void thaw() {
    packed.thaw();
  }

  /** Finishes taking out the records changed while a snapshot read them, once it no longer does. Write lock. */
  public void settle() {
    packed.settle();
  }

  /**
   * What the records kept now descend from: the same object for as long as they are the ones a
   * snapshot read back (or none) plus the runs snapshots packed since. A snapshot that wrote those
   * runs out may write only the next one (see {@code Snapshots}); any other index, or this one
   * restored anew, answers another object.
   */
  public Object recordsLineage() {
    return lineage;
  }

  /** Changes whenever the records gain posts that no snapshot wrote ({@link #packObjects}), or are replaced. */
  private Object lineage = new Object();

  /** How many posts are kept as objects (those a snapshot would encode). */
  public int objectCount() {
    return posts.size();
  }

  /**
   * Packs the posts kept as objects into records now, outside any snapshot: a replay from the start
   * keeps every post it applies as an object, and the snapshot after it then encoded them all
   * with applying stopped (14.6 s on 10.7 million posts, in a heap holding them all twice over for
   * a while). Packing them in steps as the replay goes spreads that work and keeps the heap small.
   * No snapshot holds these records, so the lineage changes: the next snapshot writes every post.
   * Not while a snapshot writes the records (then it does nothing and answers false). Write lock.
   */
  public boolean packObjects() {
    if (packed.isFrozen() || posts.isEmpty()) return false;
    packed.settle();
    PostTable.Builder table = new PostTable.Builder(packed.table());
    PackedPosts.Builder run = encode(table);
    packed.append(run, table.table());
    posts = new Long2ObjectOpenHashMap<>();
    encoded = null;
    changes++;
    lineage = new Object();
    return true;
  }

  /** The posts kept as objects, encoded into a run of records; their strings numbered in {@code table}. */
  private PackedPosts.Builder encode(PostTable.Builder table) {
    PackedPosts.Builder run = new PackedPosts.Builder(posts.size());
    PostRecords.Buffer buffer = new PostRecords.Buffer();
    for (PostView v : posts.values()) {
      PostRecords.encode(v, table, buffer);
      System.arraycopy(buffer.bytes(), 0, run.room(buffer.length()), run.recordAt(), buffer.length());
      run.added(buffer.length());
    }
    run.trim();
    return run;
  }

  /** A snapshot read back: the posts, read from their own section as records. Before the index is used. */
  public void restoredPosts(PackedPosts restored) {
    posts = new Long2ObjectOpenHashMap<>();
    packed = restored;
    lineage = new Object();
  }

  /** Posts as objects (a copy of another index's, or a test's): they replace any the index had. Before the index is used. */
  public void restoredPosts(Long2ObjectOpenHashMap<PostView> restored) {
    posts = restored;
    packed = PackedPosts.none();
    lineage = new Object();
  }

  /** The threads: each root and its replies' ids. */
  @Override
  public void writeState(StateWriter out) {
    out.number(threads.size());
    for (Long2ObjectMap.Entry<LongList> e : threads.long2ObjectEntrySet()) {
      out.number(e.getLongKey());
      e.getValue().writeTo(out);
    }
  }

  @Override
  public void readState(StateReader in) throws IOException {
    int n = in.count();
    threads = new Long2ObjectOpenHashMap<>(n);
    for (int i = 0; i < n; i++) threads.put(in.number(), LongList.readFrom(in));
  }
}
