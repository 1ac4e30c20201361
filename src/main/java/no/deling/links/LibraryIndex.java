package no.deling.links;

import it.unimi.dsi.fastutil.objects.ObjectOpenHashSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import no.deling.links.Links.Contribution;
import no.deling.links.Links.Entry;

/**
 * The library's entries by the hour of their last share and by tag, so that a page walks the last
 * hours, or one tag's entries, rather than every entry (which took 60 ms of CPU for each read of
 * 17,000 links, opening a post for each). Only entries someone shares are in it. Changed on the
 * projection thread under the write lock, read under the read lock.
 */
final class LibraryIndex {
  private static final long HOUR_MS = 3_600_000;
  /** The library's order: the last shared first, then by address (one order, whatever order the entries were made in). */
  static final Comparator<Entry> LAST_SHARED_FIRST =
      (a, b) -> a.indexedAt != b.indexedAt ? Long.compare(b.indexedAt, a.indexedAt) : a.url.compareTo(b.url);

  private final TreeMap<Long, ObjectOpenHashSet<Entry>> byHour = new TreeMap<>();
  /** By every tag any of its contributions gives it. */
  private final Map<String, ObjectOpenHashSet<Entry>> byTag = new HashMap<>();

  /** Every entry of the library. */
  LibraryIndex(Iterable<Entry> entries) {
    for (Entry e : entries) add(e);
  }

  /** After an entry's contributions changed (or when it is first indexed). */
  void add(Entry e) {
    e.indexedAt = e.lastSharedAt();
    if (e.indexedAt == Links.NEVER) return;
    byHour.computeIfAbsent(Math.floorDiv(e.indexedAt, HOUR_MS), h -> new ObjectOpenHashSet<>()).add(e);
    for (Contribution c : e.contributions) {
      for (String tag : c.tags()) byTag.computeIfAbsent(tag, t -> new ObjectOpenHashSet<>()).add(e);
    }
  }

  /** Before an entry's contributions change: its hour and tags are still the ones it was indexed by. */
  void remove(Entry e) {
    if (e.indexedAt == Links.NEVER) return;
    long hour = Math.floorDiv(e.indexedAt, HOUR_MS);
    removeFrom(byHour, hour, e);
    for (Contribution c : e.contributions) {
      for (String tag : c.tags()) removeFrom(byTag, tag, e);
    }
    e.indexedAt = Links.NEVER;
  }

  private static <K> void removeFrom(Map<K, ObjectOpenHashSet<Entry>> index, K key, Entry e) {
    ObjectOpenHashSet<Entry> entries = index.get(key);
    if (entries == null) return; // a tag given by two of its contributions: gone with the first
    entries.remove(e);
    if (entries.isEmpty()) index.remove(key);
  }

  /** Last shared first; walked only as far as the caller goes, each hour put in order when reached. */
  Iterable<Entry> lastSharedFirst() {
    return () -> new Iterator<>() {
      private final Iterator<ObjectOpenHashSet<Entry>> hours = byHour.descendingMap().values().iterator();
      private Entry[] hour = new Entry[0];
      private int next;

      @Override
      public boolean hasNext() {
        while (next == hour.length && hours.hasNext()) {
          hour = hours.next().toArray(new Entry[0]);
          Arrays.sort(hour, LAST_SHARED_FIRST);
          next = 0;
        }
        return next < hour.length;
      }

      @Override
      public Entry next() {
        if (!hasNext()) throw new NoSuchElementException();
        return hour[next++];
      }
    };
  }

  /** The entries any contribution tags {@code tag}, last shared first. */
  List<Entry> tagged(String tag) {
    ObjectOpenHashSet<Entry> entries = byTag.get(tag);
    if (entries == null) return List.of();
    Entry[] sorted = entries.toArray(new Entry[0]);
    Arrays.sort(sorted, LAST_SHARED_FIRST);
    return Arrays.asList(sorted);
  }

  /** The entries someone shared at {@code fromMillis} or later (those tagged {@code tag}, when not null), in no particular order. */
  List<Entry> sharedSince(long fromMillis, String tag) {
    List<Entry> out = new ArrayList<>();
    if (tag != null) {
      ObjectOpenHashSet<Entry> entries = byTag.get(tag);
      if (entries != null) for (Entry e : entries) if (e.indexedAt >= fromMillis) out.add(e);
      return out;
    }
    for (ObjectOpenHashSet<Entry> hour : byHour.tailMap(Math.floorDiv(fromMillis, HOUR_MS), true).values()) {
      for (Entry e : hour) if (e.indexedAt >= fromMillis) out.add(e);
    }
    return out;
  }
}
