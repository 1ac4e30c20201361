package no.deling.moderation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import no.deling.core.projection.ReadLock;
import no.deling.groups.GroupState;
import no.deling.groups.Groups;
import no.deling.posts.PostContext;
import no.deling.posts.PostIndex;
import no.deling.posts.PostJson;
import no.deling.posts.PostView;
import no.deling.visibility.Visibility;

/** The moderators' queue: reported posts the viewer may see and moderates, most reported first. */
public final class ModerationQueries {
  private record Reported(PostView post, List<Reports.Report> reports) {}

  private final ReadLock lock;
  private final Reports reports;
  private final PostIndex posts;
  private final Groups groups;
  private final PostContext context;
  private final no.deling.users.People people;

  public ModerationQueries(ReadLock lock, Reports reports, PostIndex posts, Groups groups, PostContext context, no.deling.users.People people) {
    this.lock = lock;
    this.reports = reports;
    this.posts = posts;
    this.groups = groups;
    this.context = context;
    this.people = people;
  }

  /**
   * {@code {"items","next"}}: the newest moderators' decisions, for admins to oversee: the post's author and
   * group, who decided what and why, and how many reports it closed; never the post's words, and
   * only where {@code viewer} may see what the post was addressed to (a private group's decisions
   * are its owners' own). Older than the decision at log position {@code before} (0: from the newest);
   * {@code next} is where the next page starts, null after the last.
   */
  public JsonObject log(String viewer, long before, int limit) {
    return lock.read(() -> {
      JsonArray items = new JsonArray();
      long[] last = {0};
      boolean[] more = {false};
      reports.newestDecisions(d -> {
        if (before > 0 && d.position() >= before) return true;
        PostView p = posts.get(d.post());
        if (p == null || !Visibility.maySeeAudience(viewer, p.group, groups)) return true;
        if (items.size() == limit) {
          more[0] = true; // one more the viewer may see: there is a next page
          return false;
        }
        JsonObject post = new JsonObject().put("id", no.deling.core.ids.PostIds.format(d.post()))
            .put("author", no.deling.users.UserJson.summary(p.author, people));
        if (p.group != null) {
          Groups.Group g = groups.get(p.group);
          post.put("group", new JsonObject().put("id", p.group).put("name", g == null ? p.group : g.name));
        }
        JsonObject item = new JsonObject().put("action", d.removed() ? "remove" : "keep").put("post", post)
            .put("by", no.deling.users.UserJson.summary(d.by(), people)).put("at", Instant.ofEpochMilli(d.atMillis()).toString())
            .put("reports", d.reports());
        if (d.reason() != null) item.put("reason", d.reason());
        items.add(item);
        last[0] = d.position();
        return true;
      });
      return new JsonObject().put("items", items).put("next", more[0] ? Long.toString(last[0]) : null);
    });
  }

  /** May {@code viewer} (an admin or not) act on this post: see it, and moderate where it is. Under the read lock. */
  private boolean moderates(String viewer, boolean admin, PostView p) {
    if (!Visibility.maySee(viewer, p, groups)) return false;
    boolean owns = false;
    if (p.group != null) {
      Groups.Group g = groups.get(p.group);
      owns = g != null && g.roleOf(viewer) == GroupState.Role.OWNER;
    }
    return Moderators.mayModerate(admin, owns);
  }

  /**
   * {@code {"items","next","total"}}: each reported post with how many open reports, by reason, and the
   * reporters' notes (never who reported), most reported first, then longest waiting.
   */
  public JsonObject queue(String viewer, boolean admin, int offset, int limit) {
    return lock.read(() -> {
      List<Reported> found = new ArrayList<>();
      reports.forEachOpen((id, open) -> {
        PostView p = posts.get(id);
        if (moderates(viewer, admin, p)) found.add(new Reported(p, open)); // read and rendered under this one read lock
      });
      // longest waiting by the log's order, not the clock's: two reports in one millisecond came in an order too
      found.sort(Comparator.comparingInt((Reported r) -> -r.reports().size()).thenComparingLong(r -> r.reports().get(0).position())
          .thenComparingLong(r -> r.post().id));
      JsonArray items = new JsonArray();
      int end = Math.min(found.size(), offset + limit);
      for (int i = offset; i < end; i++) items.add(item(found.get(i), viewer));
      return new JsonObject().put("items", items).put("next", found.size() > end ? Integer.toString(end) : null).put("total", found.size());
    });
  }

  private JsonObject item(Reported r, String viewer) {
    TreeMap<String, Integer> byReason = new TreeMap<>();
    JsonArray notes = new JsonArray();
    for (Reports.Report report : r.reports()) {
      byReason.merge(report.reason(), 1, Integer::sum);
      if (report.note() != null) notes.add(new JsonObject().put("reason", report.reason()).put("note", report.note()));
    }
    JsonObject reasons = new JsonObject();
    byReason.forEach(reasons::put);
    return new JsonObject().put("post", PostJson.of(r.post(), viewer, context)).put("reports", r.reports().size())
        .put("reasons", reasons).put("notes", notes)
        .put("firstReportedAt", Instant.ofEpochMilli(r.reports().get(0).atMillis()).toString())
        .put("lastReportedAt", Instant.ofEpochMilli(r.reports().get(r.reports().size() - 1).atMillis()).toString());
  }
}
