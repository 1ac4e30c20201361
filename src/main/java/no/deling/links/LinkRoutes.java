package no.deling.links;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.body;
import static no.deling.core.http.Requests.limit;
import static no.deling.core.http.Requests.offset;
import static no.deling.core.http.Requests.query;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.Rejection;
import no.deling.core.ids.PostIds;
import no.deling.links.BookmarkDecider.Remove;
import no.deling.links.BookmarkDecider.Save;
import no.deling.posts.PostText;
import no.deling.posts.PostView;
import no.deling.readmodel.ReadModel;
import no.deling.users.UserJson;
import no.deling.visibility.Visibility;

/** Save a link to the shared library, browse it by tag, search it, and see what was most shared this week. */
public final class LinkRoutes {
  private static final BookmarkDecider DECIDER = new BookmarkDecider();
  private static final long WEEK_MS = 7 * 86_400_000L;
  private final Wiring w;

  public LinkRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("saveBookmark").addHandler(this::save);
    rb.getRoute("removeBookmark").addHandler(this::remove);
    rb.getRoute("listLinks").addHandler(this::list);
    rb.getRoute("getLink").addHandler(this::one);
  }

  private void save(RoutingContext rc) {
    String by = actor(rc).id();
    JsonObject body = body(rc);
    String url = LinkUrl.normalise(body.getString("url"));
    if (url == null) throw new Rejection.Invalid("url", "http-url", "url is an http or https address");
    List<String> tags = new ArrayList<>();
    JsonArray rawTags = body.getJsonArray("tags");
    if (rawTags != null) for (Object t : rawTags) tags.add(String.valueOf(t));
    String group = body.getString("group");
    respond(rc, 200, w.inputs().group(group)
        .compose(g -> w.commands().execute(LinkEvent.stream(url, by), DECIDER,
            new Save(url, by, tags, body.getString("comment"), group, g, w.clock().instant()), CommandMeta.of(by)))
        .compose(r -> w.caughtUp(r.position()).map(v -> entryJson(LinkUrl.id(url), by).put("position", r.position()))));
  }

  private void remove(RoutingContext rc) {
    String by = actor(rc).id();
    String id = path(rc, "id");
    String url = w.model().read(() -> {
      Links.Entry e = w.model().links.get(id);
      return e == null ? null : e.url;
    });
    if (url == null) throw new Rejection.NotFound("link " + id + " is not in the library");
    respond(rc, 200, w.commands().execute(LinkEvent.stream(url, by), DECIDER, new Remove(url, by, w.clock().instant()), CommandMeta.of(by))
        .compose(r -> w.caughtUp(r.position()).map(v -> new JsonObject().put("id", id).put("position", r.position()))));
  }

  private void one(RoutingContext rc) {
    rc.json(entryJson(path(rc, "id"), actor(rc).id()));
  }

  private JsonObject entryJson(String id, String viewer) {
    ReadModel m = w.model();
    JsonObject json = m.read(() -> {
      Links.Entry e = m.links.get(id);
      List<Links.Contribution> visible = e == null ? List.of() : visible(e, viewer, m);
      return visible.isEmpty() ? null : render(e, visible, w.clock().millis(), m);
    });
    if (json == null) throw new Rejection.NotFound("link " + id + " is not in the library");
    return json;
  }

  private void list(RoutingContext rc) {
    String viewer = actor(rc).id();
    String tag = PostText.topicParameter("tag", query(rc, "tag"));
    String q = query(rc, "q") == null ? null : query(rc, "q").toLowerCase(Locale.ROOT);
    boolean week = "week".equals(query(rc, "sort"));
    int offset = offset(rc);
    int limit = limit(rc);
    long now = w.clock().millis();
    ReadModel m = w.model();
    JsonObject json = m.read(() -> {
      List<JsonObject> found = new ArrayList<>();
      for (Links.Entry e : m.links.all()) {
        List<Links.Contribution> visible = visible(e, viewer, m);
        if (visible.isEmpty()) continue;
        JsonObject o = render(e, visible, now, m);
        if (tag != null && !o.getJsonArray("tags").contains(tag)) continue;
        if (q != null && !searchable(o).contains(q)) continue;
        if (week && o.getInteger("sharedThisWeek") == 0) continue;
        found.add(o);
      }
      Comparator<JsonObject> recent = Comparator.comparing((JsonObject o) -> o.getString("lastSharedAt")).reversed();
      found.sort(week ? Comparator.comparing((JsonObject o) -> -o.getInteger("sharedThisWeek")).thenComparing(recent) : recent);
      JsonArray items = new JsonArray();
      for (int i = offset; i < Math.min(found.size(), offset + limit); i++) items.add(found.get(i));
      return new JsonObject().put("items", items).put("next", found.size() > offset + limit ? Integer.toString(offset + limit) : null);
    });
    rc.json(json);
  }

  /** The contributions this viewer may see: a post's if they may see the post now, a bookmark's if they may see its group. */
  private static List<Links.Contribution> visible(Links.Entry e, String viewer, ReadModel m) {
    List<Links.Contribution> out = new ArrayList<>(e.contributions.size());
    for (Links.Contribution c : e.contributions) {
      boolean may = c.post() != 0 ? m.maySee(viewer, m.posts.get(c.post())) : Visibility.maySeeAudience(viewer, c.group(), m.memberships());
      if (may) out.add(c);
    }
    return out;
  }

  /** Under the read lock: the entry as these contributions show it, newest first. */
  private static JsonObject render(Links.Entry e, List<Links.Contribution> visible, long now, ReadModel m) {
    Set<String> tags = new LinkedHashSet<>();
    Set<String> people = new HashSet<>();
    Set<String> thisWeek = new HashSet<>();
    long last = 0;
    JsonArray shares = new JsonArray();
    for (int i = visible.size() - 1; i >= 0; i--) {
      Links.Contribution c = visible.get(i);
      tags.addAll(c.tags());
      people.add(c.by());
      if (c.atMillis() >= now - WEEK_MS) thisWeek.add(c.by());
      last = Math.max(last, c.atMillis());
      PostView post = c.post() == 0 ? null : m.posts.get(c.post());
      JsonObject s = new JsonObject().put("by", UserJson.summary(c.by(), m.people)).put("at", Instant.ofEpochMilli(c.atMillis()).toString())
          .put("tags", new JsonArray(c.tags()));
      if (c.comment() != null) s.put("comment", c.comment());
      if (post != null) s.put("post", PostIds.format(post.id)).put("text", post.text);
      String group = post != null ? post.group : c.group();
      if (group != null) s.put("group", group);
      shares.add(s);
    }
    return new JsonObject().put("id", e.id()).put("url", e.url).put("tags", new JsonArray(new ArrayList<>(tags))).put("sharedBy", people.size())
        .put("sharedThisWeek", thisWeek.size()).put("lastSharedAt", Instant.ofEpochMilli(last).toString()).put("shares", shares);
  }

  /** What {@code q} looks in: the address, tags, comments and the sharing posts' words. */
  private static String searchable(JsonObject entry) {
    StringBuilder b = new StringBuilder(entry.getString("url")).append(' ').append(String.join(" ", entry.getJsonArray("tags").getList()));
    for (Object o : entry.getJsonArray("shares")) {
      JsonObject s = (JsonObject) o;
      b.append(' ').append(s.getString("comment", "")).append(' ').append(s.getString("text", ""));
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

}
