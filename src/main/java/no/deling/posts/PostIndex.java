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
  /** A snapshot writes the posts in a section of their own, read back beside the rest (see {@link #restoredPosts}). */
  private Long2ObjectOpenHashMap<PostView> posts = new Long2ObjectOpenHashMap<>();
  /** Not final: a snapshot reads it back itself (see {@link #readState}). */
  private Long2ObjectOpenHashMap<LongList> threads = new Long2ObjectOpenHashMap<>();
  private final Interner interner;

  public PostIndex(Interner interner) {
    this.interner = interner;
  }

  /** @return the post the event is about, as it is now; null for other events and unknown posts */
  public PostView on(DomainEvent event, long position) {
    if (event instanceof PostPublished p) {
      long id = PostIds.parse(p.postId());
      PostView known = posts.get(id);
      if (known != null) return known; // seen before a restart: idempotent
      long parent = p.inReplyTo() == null ? 0 : PostIds.parse(p.inReplyTo());
      long root = PostIds.parse(p.threadRoot());
      PostView v = new PostView(id, interner.intern(p.author()), parent, root, p.publishedAt().toEpochMilli(), position,
          p.group() == null ? null : interner.intern(p.group()), p.kind() == null ? null : interner.intern(p.kind()));
      setContent(v, p.text(), p.hashtags(), p.mentions(), p.links());
      posts.put(id, v);
      if (parent != 0) {
        threads.computeIfAbsent(root, k -> new LongList()).insertSorted(id);
        PostView parentView = posts.get(parent);
        if (parentView != null) parentView.replies++;
      }
      return v;
    } else if (event instanceof PostEdited e) {
      PostView v = posts.get(PostIds.parse(e.postId()));
      if (v == null) return null;
      setContent(v, e.text(), e.hashtags(), e.mentions(), e.links());
      v.editedAt = e.editedAt().toEpochMilli();
      v.revisedAt = position;
      return v;
    } else if (event instanceof PostDeleted d) {
      PostView v = posts.get(PostIds.parse(d.postId()));
      if (v == null || v.deleted) return v;
      v.deleted = true;
      v.revisedAt = position;
      v.forgetText(); // a deleted post's words leave memory; its id and place in threads stay
      v.hashtags = NONE;
      v.mentions = NONE;
      v.links = NONE;
      PostView parentView = v.inReplyTo == 0 ? null : posts.get(v.inReplyTo);
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

  public PostView get(long id) {
    return posts.get(id);
  }

  /**
   * The thread's root followed by every reply, oldest first. A root that never opened (erased, or
   * expired by retention, before this read side was built) is left out and its replies stand alone;
   * empty when neither root nor replies are known.
   */
  public List<PostView> thread(long rootId) {
    PostView root = posts.get(rootId);
    LongList replies = threads.get(rootId);
    if (root == null && replies == null) return List.of();
    List<PostView> out = new ArrayList<>();
    if (root != null) out.add(root);
    if (replies != null) for (int i = 0; i < replies.size(); i++) out.add(posts.get(replies.get(i)));
    return out;
  }

  /** Every post (deleted ones too), in no order. Under the read lock. */
  public void forEach(java.util.function.Consumer<PostView> action) {
    for (PostView v : posts.values()) action.accept(v);
  }

  public int size() {
    return posts.size();
  }

  /** A snapshot read back: the posts, read from their own section. Before the index is used. */
  public void restoredPosts(Long2ObjectOpenHashMap<PostView> restored) {
    posts = restored;
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
