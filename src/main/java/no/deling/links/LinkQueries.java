package no.deling.links;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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

  /** The entry as {@code viewer} sees it, or null. */
  public JsonObject entrySeenBy(String viewer, String id, long nowMillis) {
    return lock.read(() -> {
      Links.Entry e = links.get(id);
      List<Links.Contribution> visible = e == null ? List.of() : visible(e, viewer);
      return visible.isEmpty() ? null : render(e, visible, nowMillis);
    });
  }

  /** The library's page as {@code viewer} sees it, most recently shared (or most shared this week) first: {@code {"items","next"}}. */
  public JsonObject library(String viewer, Library l, long nowMillis) {
    return lock.read(() -> {
      // every entry is filtered and ranked from its contributions, and only the page is rendered: rendering each one
      // (every share with its sharer and post) for a page of twenty cost a millisecond per few hundred links
      List<Found> found = new ArrayList<>();
      for (Links.Entry e : links.all()) {
        List<Links.Contribution> visible = visible(e, viewer);
        if (visible.isEmpty()) continue;
        if (l.tag() != null && visible.stream().noneMatch(c -> c.tags().contains(l.tag()))) continue;
        long last = 0;
        Set<String> thisWeek = new HashSet<>();
        for (Links.Contribution c : visible) {
          last = Math.max(last, c.atMillis());
          if (c.atMillis() >= nowMillis - WEEK_MS) thisWeek.add(c.by());
        }
        if (l.week() && thisWeek.isEmpty()) continue;
        if (l.q() != null && !searchable(e, visible).contains(l.q())) continue;
        found.add(new Found(e, visible, last, thisWeek.size()));
      }
      Comparator<Found> recent = Comparator.comparingLong((Found f) -> -f.lastSharedAt());
      found.sort(l.week() ? Comparator.comparingInt((Found f) -> -f.sharedThisWeek()).thenComparing(recent) : recent);
      JsonArray items = new JsonArray();
      for (int i = l.offset(); i < Math.min(found.size(), l.offset() + l.limit()); i++) {
        items.add(render(found.get(i).entry(), found.get(i).visible(), nowMillis));
      }
      return new JsonObject().put("items", items).put("next", found.size() > l.offset() + l.limit() ? Integer.toString(l.offset() + l.limit()) : null);
    });
  }

  /** An entry the library lists for a viewer: the contributions they may see, when it was last shared and by how many this week. */
  private record Found(Links.Entry entry, List<Links.Contribution> visible, long lastSharedAt, int sharedThisWeek) {}

  /** The contributions this viewer may see: a post's if they may see the post now, a bookmark's if they may see its group. */
  private List<Links.Contribution> visible(Links.Entry e, String viewer) {
    List<Links.Contribution> out = new ArrayList<>(e.contributions.size());
    for (Links.Contribution c : e.contributions) {
      boolean may = c.post() != 0 ? Visibility.maySee(viewer, posts.get(c.post()), memberships) : Visibility.maySeeAudience(viewer, c.group(), memberships);
      if (may) out.add(c);
    }
    return out;
  }

  /** Under the read lock: the entry as these contributions show it, newest first. */
  private JsonObject render(Links.Entry e, List<Links.Contribution> visible, long now) {
    Set<String> tags = new LinkedHashSet<>();
    Set<String> sharers = new HashSet<>();
    Set<String> thisWeek = new HashSet<>();
    long last = 0;
    JsonArray shares = new JsonArray();
    for (int i = visible.size() - 1; i >= 0; i--) {
      Links.Contribution c = visible.get(i);
      tags.addAll(c.tags());
      sharers.add(c.by());
      if (c.atMillis() >= now - WEEK_MS) thisWeek.add(c.by());
      last = Math.max(last, c.atMillis());
      PostView post = c.post() == 0 ? null : posts.get(c.post());
      JsonObject s = new JsonObject().put("by", UserJson.summary(c.by(), people)).put("at", Instant.ofEpochMilli(c.atMillis()).toString())
          .put("tags", new JsonArray(c.tags()));
      if (c.comment() != null) s.put("comment", c.comment());
      if (post != null) s.put("post", PostIds.format(post.id)).put("text", post.text());
      String group = post != null ? post.group : c.group();
      if (group != null) s.put("group", group);
      shares.add(s);
    }
    return new JsonObject().put("id", e.id()).put("url", e.url).put("tags", new JsonArray(new ArrayList<>(tags))).put("sharedBy", sharers.size())
        .put("sharedThisWeek", thisWeek.size()).put("lastSharedAt", Instant.ofEpochMilli(last).toString()).put("shares", shares);
  }

  /** What {@code q} looks in: the address, tags, comments and the sharing posts' words (the newest share first), lower-cased. */
  private String searchable(Links.Entry e, List<Links.Contribution> visible) {
    Set<String> tags = new LinkedHashSet<>();
    for (int i = visible.size() - 1; i >= 0; i--) tags.addAll(visible.get(i).tags());
    StringBuilder b = new StringBuilder(e.url).append(' ').append(String.join(" ", tags));
    for (int i = visible.size() - 1; i >= 0; i--) {
      Links.Contribution c = visible.get(i);
      PostView post = c.post() == 0 ? null : posts.get(c.post());
      b.append(' ').append(c.comment() == null ? "" : c.comment()).append(' ').append(post == null || post.text() == null ? "" : post.text());
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }
}
