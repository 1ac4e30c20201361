package no.deling.links;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Set;
import no.deling.core.ids.PostIds;
import no.deling.core.projection.ReadLock;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.users.People;
import no.deling.users.UserJson;
import no.deling.visibility.Visibility;

/**
 * The link library as a viewer sees it: an entry shows only the contributions they may see (a
 * post's if they may see the post now, a bookmark's if they may see its group), and an entry with
 * none is not there for them.
 */
public final class LinkQueries {
  private static final long WEEK_MS = 7 * 86_400_000L;

  /** How many of an entry's shares the library's pages show, the newest (the entry itself shows them all). */
  public static final int LISTED_SHARES = 3;

  /** Which entries the library lists: {@code tag} and {@code q} (lower case) narrow when not null. */
  public record Library(String tag, String q, boolean week, int offset, int limit) {}

  private final ReadLock lock;
  private final Links links;
  private final PostIndex posts;
  private final Visibility.Memberships memberships;
  private final People people;

  public LinkQueries(ReadLock lock, Links links, PostIndex posts, Visibility.Memberships memberships, People people) {
    this.lock = lock;
    this.links = links;
    this.posts = posts;
    this.memberships = memberships;
    this.people = people;
  }

  /** The address saved under this id, or null (for removing one's own bookmark, whoever else shared it). */
  public String url(String id) {
    return lock.read(() -> {
      Links.Entry e = links.get(id);
      return e == null ? null : e.url;
    });
  }

  /**
   * The entry as {@code viewer} sees it, with {@code limit} of its shares from the {@code from}-th
   * (newest first), and {@code next} for the rest (a page saved by thousands is no single answer); or null.
   */
  public JsonObject entrySeenBy(String viewer, String id, long nowMillis, int from, int limit) {
    return lock.read(() -> {
      Links.Entry e = links.get(id);
      List<Links.Contribution> visible = e == null ? List.of() : visible(e, viewer, null);
      if (visible.isEmpty()) return null;
      JsonObject json = render(e, visible, viewer, nowMillis, from, limit);
      return json.put("next", json.getInteger("moreShares") > 0 ? Integer.toString(from + json.getJsonArray("shares").size()) : null);
    });
  }

  /** The library's page as {@code viewer} sees it, most recently shared (or most shared this week) first: {@code {"items","next"}}. */
  public JsonObject library(String viewer, Library l, long nowMillis) {
    return lock.read(() -> {
      // only the page is rendered (each share with its sharer and post), and only as many entries are looked at as the
      // page needs: looking at every one cost 60 ms of CPU for each read of 17,000 links, opening a post for each
      int wanted = l.offset() + l.limit() + 1; // one more than the page says whether another follows
      List<Found> found = l.week() ? mostSharedThisWeek(viewer, l, nowMillis, wanted) : lastSharedFirst(viewer, l, nowMillis, wanted);
      JsonArray items = new JsonArray();
      for (int i = l.offset(); i < Math.min(found.size(), l.offset() + l.limit()); i++) {
        items.add(render(found.get(i).entry(), found.get(i).visible(), viewer, nowMillis, 0, LISTED_SHARES));
      }
      return new JsonObject().put("items", items).put("next", found.size() > l.offset() + l.limit() ? Integer.toString(l.offset() + l.limit()) : null);
    });
  }

  /** The first {@code wanted} entries this viewer is shown, the last shared first. */
  private List<Found> lastSharedFirst(String viewer, Library l, long now, int wanted) {
    Iterator<Links.Entry> entries = l.tag() == null ? links.lastSharedFirst().iterator() : java.util.Arrays.asList(tagOrder(l.tag())).iterator();
    Iterator<Found> byEveryones = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return entries.hasNext();
      }

      @Override
      public Found next() {
        Links.Entry e = entries.next();
        return new Found(e, null, e.lastSharedAt(), 0);
      }
    };
    return seenBy(viewer, l, now, wanted, byEveryones, RECENT);
  }

  /**
   * The entries any contribution tags {@code tag}, last shared first: kept while nothing changes, the
   * entries changed since put in their new places (sorting a busy topic's entries on every read cost
   * a third of the read).
   */
  private Links.Entry[] tagOrder(String tag) {
    long version = links.version();
    TagOrder known = tagOrders.get(tag);
    if (known != null && known.version() == version) return known.order();
    List<Links.Entry> changed = known == null ? null : links.changedSince(known.version());
    Links.Entry[] order;
    if (changed == null) {
      order = links.lastSharedFirst(tag).toArray(new Links.Entry[0]);
    } else {
      List<Links.Entry> out = new ArrayList<>(java.util.Arrays.asList(known.order()));
      // all out first: the order compares each entry's last share as it is now, which has moved for the changed ones
      out.removeAll(new java.util.HashSet<>(changed)); // by identity: an entry is only equal to itself
      for (Links.Entry e : changed) {
        // as the library's index has them: shared by someone, and the tag from any contribution
        if (e.lastSharedAt() == Links.NEVER || !tagged(e.contributions, tag)) continue;
        int at = java.util.Collections.binarySearch(out, e, LibraryIndex.LAST_SHARED_FIRST);
        out.add(at < 0 ? -at - 1 : at, e);
      }
      order = out.toArray(new Links.Entry[0]);
    }
    if (tagOrders.size() >= TAGS_KEPT) tagOrders.clear();
    tagOrders.put(tag, new TagOrder(version, order));
    return order;
  }

  /** A tag's entries, last shared first, as of {@link Links#version} {@code version}. */
  private record TagOrder(long version, Links.Entry[] order) {}

  /** By tag; shared by every event loop, as the library is. */
  private final java.util.concurrent.ConcurrentHashMap<String, TagOrder> tagOrders = new java.util.concurrent.ConcurrentHashMap<>();

  /** The first {@code wanted} entries this viewer is shown, the most shared this week first (by how many people), then the last shared. */
  private List<Found> mostSharedThisWeek(String viewer, Library l, long now, int wanted) {
    Found[] everyones = weekOrder(l.tag(), now);
    Iterator<Found> byEveryones = java.util.Arrays.asList(everyones).iterator();
    return seenBy(viewer, l, now, wanted, byEveryones, MOST_SHARED);
  }

  /**
   * Every entry shared this week (tagged {@code tag}, when not null), the most shared first as everyone's
   * contributions place them: kept for up to {@link #WEEK_ORDER_KEPT_MS}, the entries changed since
   * put in their new places (worked out whole when too many changed). Counted at an earlier moment of
   * that minute, an entry's sharers this week can only be as many or more than now, which places it no
   * later: {@link #seenBy} needs no more to list the right entries in the right order. Working the order
   * out on every read cost 10.8 ms (17,000 links, 721 req/s).
   */
  private Found[] weekOrder(String tag, long now) {
    String key = tag == null ? "" : tag;
    long version = links.version();
    WeekOrder known = weekOrders.get(key);
    boolean fresh = known != null && now >= known.latest() && now - known.at() < WEEK_ORDER_KEPT_MS;
    if (fresh && known.version() == version) return known.order();
    List<Links.Entry> changed = fresh ? links.changedSince(known.version()) : null;
    WeekOrder kept = changed != null ? new WeekOrder(version, known.at(), now, mended(known.order(), changed, tag, now))
        : new WeekOrder(version, now, now, whole(tag, now));
    if (weekOrders.size() >= TAGS_KEPT) weekOrders.clear(); // a tag is anything a client asks for: bounded, not an LRU
    weekOrders.put(key, kept);
    return kept.order();
  }

  private Found[] whole(String tag, long now) {
    long from = now - WEEK_MS;
    List<Found> shared = new ArrayList<>();
    for (Links.Entry e : links.sharedSince(from, tag)) shared.add(weekly(e, from));
    Found[] order = shared.toArray(new Found[0]);
    java.util.Arrays.sort(order, MOST_SHARED);
    return order;
  }

  /** {@code order} with each of {@code changed} out of its place and, if it is (still) shared this week, in its new one. */
  private static Found[] mended(Found[] order, List<Links.Entry> changed, String tag, long now) {
    List<Found> out = new ArrayList<>(java.util.Arrays.asList(order));
    long from = now - WEEK_MS;
    for (Links.Entry e : changed) {
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i).entry() == e) {
          out.remove(i);
          break;
        }
      }
      // as Links#sharedSince picks them: a share in the week, and the tag from any contribution
      if (e.lastSharedAt() < from || tag != null && !tagged(e.contributions, tag)) continue;
      Found f = weekly(e, from);
      int at = java.util.Collections.binarySearch(out, f, MOST_SHARED);
      out.add(at < 0 ? -at - 1 : at, f);
    }
    return out.toArray(new Found[0]);
  }

  /** The entry as everyone's contributions place it in the week from {@code from}. */
  private static Found weekly(Links.Entry e, long from) {
    return new Found(e, null, e.lastSharedAt(), sharersSince(e.contributions, from));
  }

  /**
   * Everyone's order of the week's links as of {@link Links#version} {@code version}: worked out at
   * {@code at}, its entries counted then or later, the last at {@code latest}.
   */
  private record WeekOrder(long version, long at, long latest, Found[] order) {}

  /** By tag ("" for the whole library); shared by every event loop, as the library is. */
  private final java.util.concurrent.ConcurrentHashMap<String, WeekOrder> weekOrders = new java.util.concurrent.ConcurrentHashMap<>();
  private static final long WEEK_ORDER_KEPT_MS = 60_000;
  private static final int TAGS_KEPT = 256;

  /**
   * The first {@code wanted} entries as {@code viewer} is shown them, from the entries in {@code order}
   * as everyone's contributions place them. What a viewer may see places an entry no earlier (fewer
   * sharers, an earlier last share), so one is listed once no entry still to come could come before it.
   */
  private List<Found> seenBy(String viewer, Library l, long now, int wanted, Iterator<Found> byEveryones, Comparator<Found> order) {
    PriorityQueue<Found> ready = new PriorityQueue<>(order);
    List<Found> out = new ArrayList<>();
    while (byEveryones.hasNext()) {
      Found everyones = byEveryones.next();
      while (!ready.isEmpty() && order.compare(ready.peek(), everyones) <= 0) {
        out.add(ready.poll());
        if (out.size() == wanted) return out;
      }
      Found f = found(everyones.entry(), viewer, l, now);
      if (f != null) ready.add(f);
    }
    while (!ready.isEmpty() && out.size() < wanted) out.add(ready.poll());
    return out;
  }

  /** The entry as the library lists it for this viewer, or null when it is not listed (nothing they may see, or filtered out). */
  private Found found(Links.Entry e, String viewer, Library l, long now) {
    if (l.tag() != null && !tagged(e.contributions, l.tag())) return null; // opens no post
    List<PostView> sharing = l.q() == null ? null : new ArrayList<>(); // opened once: a post read back from a snapshot is decoded on each get
    List<Links.Contribution> visible = visible(e, viewer, sharing);
    if (visible.isEmpty() || l.tag() != null && !tagged(visible, l.tag())) return null;
    long last = 0;
    for (Links.Contribution c : visible) last = Math.max(last, c.atMillis());
    int thisWeek = sharersSince(visible, now - WEEK_MS);
    if (l.week() && thisWeek == 0) return null;
    if (l.q() != null && !mentions(e, visible, sharing, l.q())) return null;
    return new Found(e, visible, last, thisWeek);
  }

  private static boolean tagged(List<Links.Contribution> contributions, String tag) {
    for (Links.Contribution c : contributions) if (c.tags().contains(tag)) return true;
    return false;
  }

  /** How many people shared these at {@code fromMillis} or later. */
  private static int sharersSince(List<Links.Contribution> contributions, long fromMillis) {
    if (contributions.size() > 8) {
      Set<String> who = new HashSet<>();
      for (Links.Contribution c : contributions) if (c.atMillis() >= fromMillis) who.add(c.by());
      return who.size();
    }
    int n = 0;
    next:
    for (int i = 0; i < contributions.size(); i++) {
      Links.Contribution c = contributions.get(i);
      if (c.atMillis() < fromMillis) continue;
      for (int j = 0; j < i; j++) {
        Links.Contribution d = contributions.get(j);
        if (d.atMillis() >= fromMillis && d.by().equals(c.by())) continue next;
      }
      n++;
    }
    return n;
  }

  /** An entry the library lists for a viewer: the contributions they may see, when it was last shared and by how many this week. */
  private record Found(Links.Entry entry, List<Links.Contribution> visible, long lastSharedAt, int sharedThisWeek) {}

  /** The last shared first, then by address: one order however the entries were made. */
  private static final Comparator<Found> RECENT =
      (a, b) -> a.lastSharedAt() != b.lastSharedAt() ? Long.compare(b.lastSharedAt(), a.lastSharedAt()) : a.entry().url.compareTo(b.entry().url);
  /** Shared by the most people this week first, then as {@link #RECENT}. */
  private static final Comparator<Found> MOST_SHARED =
      (a, b) -> a.sharedThisWeek() != b.sharedThisWeek() ? Integer.compare(b.sharedThisWeek(), a.sharedThisWeek()) : RECENT.compare(a, b);

  /**
   * The contributions this viewer may see: a post's if they may see the post now, a bookmark's if
   * they may see its group; the posts of those seen go to {@code theirPosts} when not null.
   */
  private List<Links.Contribution> visible(Links.Entry e, String viewer, List<PostView> theirPosts) {
    List<Links.Contribution> out = new ArrayList<>(e.contributions.size());
    for (Links.Contribution c : e.contributions) {
      if (c.post() == 0) {
        if (Visibility.maySeeAudience(viewer, c.group(), memberships)) out.add(c);
        continue;
      }
      PostView post = posts.get(c.post());
      if (!Visibility.maySee(viewer, post, memberships)) continue;
      out.add(c);
      if (theirPosts != null) theirPosts.add(post);
    }
    return out;
  }

  /**
   * Under the read lock: the entry as these contributions show it, with its newest {@code shown}
   * shares (a page saved by hundreds made an entry of hundreds of lines, and a page of twenty such
   * entries megabytes). The counts, tags and whether {@code viewer} saved it are from every share.
   */
  /** The entry with {@code shown} of its shares from the {@code from}-th, newest first; {@code moreShares} counts those after them. */
  private JsonObject render(Links.Entry e, List<Links.Contribution> visible, String viewer, long now, int from, int shown) {
    Set<String> tags = new LinkedHashSet<>();
    Set<String> sharers = new HashSet<>();
    Set<String> thisWeek = new HashSet<>();
    long last = 0;
    boolean saved = false;
    List<Links.Contribution> newestFirst = new ArrayList<>(visible);
    java.util.Collections.reverse(newestFirst); // the last made first, then by time: an edited post keeps the moment it shared the link
    newestFirst.sort(Comparator.comparingLong((Links.Contribution c) -> -c.atMillis()));
    JsonArray shares = new JsonArray();
    int i = 0;
    for (Links.Contribution c : newestFirst) {
      tags.addAll(c.tags());
      sharers.add(c.by());
      if (c.atMillis() >= now - WEEK_MS) thisWeek.add(c.by());
      last = Math.max(last, c.atMillis());
      saved |= c.post() == 0 && c.by().equals(viewer);
      if (i++ >= from && shares.size() < shown) shares.add(share(c));
    }
    return new JsonObject().put("id", e.id()).put("url", e.url).put("tags", new JsonArray(new ArrayList<>(tags))).put("sharedBy", sharers.size())
        .put("sharedThisWeek", thisWeek.size()).put("lastSharedAt", Instant.ofEpochMilli(last).toString()).put("saved", saved).put("shares", shares)
        .put("moreShares", Math.max(0, newestFirst.size() - from - shares.size()));
  }

  private JsonObject share(Links.Contribution c) {
    PostView post = c.post() == 0 ? null : posts.get(c.post());
    JsonObject s = new JsonObject().put("by", UserJson.summary(c.by(), people)).put("at", Instant.ofEpochMilli(c.atMillis()).toString())
        .put("tags", new JsonArray(c.tags()));
    if (c.comment() != null) s.put("comment", c.comment());
    if (post != null) s.put("post", PostIds.format(post.id)).put("text", post.text());
    String group = post != null ? post.group : c.group();
    if (group != null) s.put("group", group);
    return s;
  }

  /**
   * Whether {@code q} (lower case) is in the address, a tag, a comment or a sharing post's words,
   * without case: each on its own, the short ones first, the posts' words where they are (no copy
   * of them for an ASCII {@code q}). A search that found nothing in 17,000 links took 40 ms when
   * every entry's words were copied out, joined and lower-cased.
   */
  private boolean mentions(Links.Entry e, List<Links.Contribution> visible, List<PostView> sharing, String q) {
    if (containsIgnoringCase(e.url, q)) return true;
    for (Links.Contribution c : visible) {
      for (String tag : c.tags()) if (containsIgnoringCase(tag, q)) return true;
      if (c.comment() != null && containsIgnoringCase(c.comment(), q)) return true;
    }
    boolean ascii = q.chars().allMatch(ch -> ch < 0x80);
    for (PostView post : sharing) {
      if (post.textArray() == null) continue;
      if (ascii ? asciiIn(post.textArray(), post.textFrom(), post.textLength(), q) : containsIgnoringCase(post.text(), q)) return true;
    }
    return false;
  }

  private static boolean containsIgnoringCase(String text, String lowerCaseQ) {
    return text.toLowerCase(Locale.ROOT).contains(lowerCaseQ);
  }

  /** Whether the ASCII {@code q} is in these UTF-8 bytes, without case: no byte of a longer character is ASCII, so none can match. */
  private static boolean asciiIn(byte[] utf8, int from, int length, String q) {
    int n = q.length();
    for (int i = from, last = from + length - n; i <= last; i++) {
      int k = 0;
      while (k < n && lower(utf8[i + k]) == q.charAt(k)) k++;
      if (k == n) return true;
    }
    return false;
  }

  private static int lower(byte b) {
    return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
  }
}
