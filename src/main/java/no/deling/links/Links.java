package no.deling.links;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.deling.core.collections.ChangeLog;
import no.deling.core.collections.Interner;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.links.LinkEvent.BookmarkRemoved;
import no.deling.links.LinkEvent.BookmarkSaved;
import no.deling.posts.PostEvent.PostEdited;
import no.deling.posts.PostEvent.PostPublished;

/**
 * The shared link library: one entry per normalised address, with every contribution to it — a
 * bookmark with tags and a comment, or a post that links it (a post with a link counts as sharing
 * it; its hashtags are its tags). Who may see a contribution is decided when asked: a post's by
 * {@link no.deling.visibility.Visibility} on the post as it is now, a bookmark's by its group.
 */
public final class Links {
  /**
   * @param post the post that shared it, 0 for a bookmark
   * @param group the group it was shared in, or null (a post's group is read from the post)
   */
  public record Contribution(String by, String comment, List<String> tags, long atMillis, long post, String group) {}

  public static final class Entry {
    public final String url;
    /** Oldest first. */
    public final List<Contribution> contributions = new ArrayList<>(2);
    private transient volatile String id;
    /** When it was last shared, as the index has it (see {@link LibraryIndex}). */
    transient long indexedAt = NEVER;

    Entry(String url) {
      this.url = url;
    }

    /** An entry as a snapshot wrote it: its contributions are added by the caller, oldest first. */
    public static Entry restored(String url) {
      return new Entry(url);
    }

    /** When it was last shared by anyone, or {@link Links#NEVER} when nobody shares it any more. */
    public long lastSharedAt() {
      long last = NEVER;
      for (Contribution c : contributions) last = Math.max(last, c.atMillis());
      return last;
    }

    /** The entry's id ({@link LinkUrl#id}), worked out when first asked: most links are never looked at. */
    public String id() {
      String known = id;
      if (known == null) id = known = LinkUrl.id(url);
      return known;
    }
  }

  /** The last share of an entry nobody shares any more. */
  public static final long NEVER = Long.MIN_VALUE;

  /** A snapshot writes the entries in a section of their own, read back beside the rest (see {@link Restoring}). */
  private Map<String, Entry> byUrl = new HashMap<>();
  /** Entries by id, filled when asked (readers share the read lock, hence concurrent). */
  private transient java.util.concurrent.ConcurrentHashMap<String, Entry> byId = new java.util.concurrent.ConcurrentHashMap<>();
  /** Whether every entry is in {@link #byId} (each unknown id looked up walked the whole library again). */
  private transient volatile boolean byIdComplete;
  /** The addresses each post contributes to (sorted), so an edit can take back links it no longer has. */
  private Long2ObjectOpenHashMap<String[]> byPost = new Long2ObjectOpenHashMap<>();
  /**
   * The entries by their last share and by tag (see {@link LibraryIndex}). Made when first asked, so
   * neither a replay nor a snapshot read back pays for it before a reader does; from then on kept
   * as the entries change.
   */
  private transient volatile LibraryIndex index;
  private final Interner interner;
  /**
   * The entries whose contributions changed, the last ones, so an order worked out from them can be
   * mended. Not in a snapshot: reading one back counts as a change that names nothing.
   */
  private transient ChangeLog<Entry> changes = new ChangeLog<>();

  public Links(Interner interner) {
    this.interner = interner;
  }

  /** Read back from a snapshot: the lookup by id fills again when asked, the index is made again when asked. */
  public void restored() {
    byId = new java.util.concurrent.ConcurrentHashMap<>();
    byIdComplete = false;
    index = null;
    changes().changed(null);
  }

  /**
   * A library read back from a snapshot (see {@code RecordsSection}), entry by entry, on a thread of
   * its own. The addresses each post contributes to follow from the entries.
   */
  public static final class Restoring {
    private final HashMap<String, Entry> byUrl;
    private final Long2ObjectOpenHashMap<String[]> byPost;

    public Restoring(int entries) {
      byUrl = new HashMap<>(Math.max(16, (int) (entries / 0.75f) + 1));
      byPost = new Long2ObjectOpenHashMap<>(entries);
    }

    /** An entry with its contributions. */
    public void add(Entry e) {
      byUrl.put(e.url, e);
      for (Contribution c : e.contributions) {
        if (c.post() == 0) continue;
        String[] known = byPost.get(c.post());
        if (known == null) byPost.put(c.post(), new String[] {e.url});
        else byPost.put(c.post(), withSorted(known, e.url));
      }
    }
  }

  private static String[] withSorted(String[] sorted, String url) {
    int at = java.util.Arrays.binarySearch(sorted, url);
    if (at >= 0) return sorted;
    at = -at - 1;
    String[] more = new String[sorted.length + 1];
    System.arraycopy(sorted, 0, more, 0, at);
    more[at] = url;
    System.arraycopy(sorted, at, more, at + 1, sorted.length - at);
    return more;
  }

  /** A snapshot read back: the entries, read from their own section. Before the library is used. */
  public void restoredEntries(Restoring restored) {
    byUrl = restored.byUrl;
    byPost = restored.byPost;
    byId = new java.util.concurrent.ConcurrentHashMap<>();
    byIdComplete = false;
    index = null;
    changes().changed(null);
  }

  public int size() {
    return byUrl.size();
  }

  /** Counts every change to any entry's contributions: an order worked out from them holds while it stands. Under the read lock. */
  public long version() {
    return changes == null ? 0 : changes.version();
  }

  /** Made again by the projection after a snapshot's reader left it out; never by a reader. */
  private ChangeLog<Entry> changes() {
    if (changes == null) changes = new ChangeLog<>();
    return changes;
  }

  /** The entries changed after {@code version}, or null when that is not known (see {@link ChangeLog#since}). Under the read lock. */
  List<Entry> changedSince(long version) {
    return changes == null ? null : changes.since(version);
  }

  public void on(DomainEvent event) {
    if (event instanceof PostPublished p) {
      if (!p.links().isEmpty()) fromPost(PostIds.parse(p.postId()), p.author(), p.links(), p.hashtags(), p.publishedAt().toEpochMilli());
    } else if (event instanceof PostEdited e) {
      long id = PostIds.parse(e.postId());
      String[] before = byPost.remove(id);
      long at = e.editedAt().toEpochMilli();
      if (before != null) {
        for (String entry : before) {
          Entry x = byUrl.get(entry);
          Contribution old = x.contributions.stream().filter(c -> c.post() == id).findFirst().orElse(null);
          if (old != null) at = old.atMillis(); // the post shared it when it was published
          unindex(x);
          x.contributions.removeIf(c -> c.post() == id);
          index(x);
        }
      }
      if (!e.links().isEmpty()) fromPost(id, e.author(), e.links(), e.hashtags(), at);
    } else if (event instanceof BookmarkSaved s) {
      Entry entry = entry(s.url());
      unindex(entry);
      entry.contributions.removeIf(c -> c.post() == 0 && c.by().equals(s.by()));
      entry.contributions.add(new Contribution(interner.intern(s.by()), s.comment(), List.copyOf(s.tags()), s.at().toEpochMilli(), 0,
          s.group() == null ? null : interner.intern(s.group())));
      index(entry);
    } else if (event instanceof BookmarkRemoved r) {
      Entry entry = byUrl.get(r.url());
      if (entry != null) withdraw(entry, c -> c.post() == 0 && c.by().equals(r.by()));
    } else if (event instanceof no.deling.users.UserEvent.PersonErased e) {
      // as a rebuild sees it: their bookmarks are sealed for them (their posts' links go with the posts)
      for (Entry entry : byUrl.values()) withdraw(entry, c -> c.post() == 0 && c.by().equals(e.userId()));
    } else if (event instanceof no.deling.privacy.RetentionEvent.RetentionApplied r) {
      long keptFrom = r.keptFromMillis();
      for (Entry entry : byUrl.values()) withdraw(entry, c -> c.post() == 0 && c.atMillis() < keptFrom);
    }
  }

  /** Takes back the contributions {@code which} picks, keeping the index by hour right. */
  private void withdraw(Entry entry, java.util.function.Predicate<Contribution> which) {
    if (entry.contributions.stream().noneMatch(which)) return;
    unindex(entry);
    entry.contributions.removeIf(which);
    index(entry);
  }

  /** Before an entry's contributions change (on the projection thread, under the write lock). */
  private void unindex(Entry e) {
    LibraryIndex i = index;
    if (i != null) i.remove(e);
  }

  /** After an entry's contributions changed. */
  private void index(Entry e) {
    changes().changed(e);
    LibraryIndex i = index;
    if (i != null) i.add(e);
  }

  /** The index, made by the first reader to ask (readers hold the read lock, so no writer changes the entries meanwhile). */
  private LibraryIndex index() {
    LibraryIndex i = index;
    if (i != null) return i;
    synchronized (this) {
      if (index == null) index = new LibraryIndex(byUrl.values());
      return index;
    }
  }

  /** Last shared first, then by address; entries nobody shares are not there. Under the read lock; walked only as far as needed. */
  public Iterable<Entry> lastSharedFirst() {
    return index().lastSharedFirst();
  }

  /** The same, of the entries any contribution tags {@code tag}. */
  public List<Entry> lastSharedFirst(String tag) {
    return index().tagged(tag);
  }

  /** The entries someone shared at {@code fromMillis} or later (tagged {@code tag} by any contribution, when not null), in no particular order. */
  public List<Entry> sharedSince(long fromMillis, String tag) {
    return index().sharedSince(fromMillis, tag);
  }

  private void fromPost(long post, String author, List<String> links, List<String> eventTags, long at) {
    List<String> tags = List.copyOf(eventTags); // the event's list may be a mutable one; a contribution's never changes
    List<String> entries = new ArrayList<>(links.size());
    for (String raw : links) {
      String url = LinkUrl.normalise(raw);
      if (url == null) continue;
      Entry entry = entry(url);
      if (entries.contains(entry.url)) continue;
      unindex(entry);
      entry.contributions.add(new Contribution(interner.intern(author), null, tags, at, post, null));
      index(entry);
      entries.add(entry.url);
    }
    if (!entries.isEmpty()) {
      String[] addresses = entries.toArray(new String[0]);
      java.util.Arrays.sort(addresses); // a set: in one order however it was built (a snapshot rebuilds it from the entries)
      byPost.put(post, addresses);
    }
  }

  private Entry entry(String url) {
    Entry e = byUrl.get(url);
    if (e == null) {
      byUrl.put(url, e = new Entry(url));
      if (byIdComplete) byId.putIfAbsent(e.id(), e);
    }
    return e;
  }

  /** The entry with this id, or null. Under the read lock. */
  public Entry get(String id) {
    Entry e = byId.get(id);
    if (e != null || byIdComplete) return e;
    synchronized (this) { // the first reader to miss fills it; from then on new entries join it, so a miss is an answer
      if (!byIdComplete) {
        for (Entry x : byUrl.values()) byId.putIfAbsent(x.id(), x);
        byIdComplete = true;
      }
    }
    return byId.get(id);
  }

  public Iterable<Entry> all() {
    return byUrl.values();
  }
}
