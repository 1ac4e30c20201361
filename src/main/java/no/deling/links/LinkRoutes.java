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
import no.deling.users.UserJson;
import no.deling.visibility.Visibility;

/** Save a link to the shared library, browse it by tag, search it, and see what was most shared this week. */
public final class LinkRoutes {
  private static final BookmarkDecider DECIDER = new BookmarkDecider();
  /** Shares shown with the entry a bookmark was saved to: the first page, as GET shows it. */
  private static final int FIRST_PAGE = 20;
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
        .compose(r -> w.caughtUp(r.position()).map(v -> entryJson(LinkUrl.id(url), by, 0, FIRST_PAGE).put("position", r.position()))));
  }

  private void remove(RoutingContext rc) {
    String by = actor(rc).id();
    String id = path(rc, "id");
    String url = w.queries().links().url(id);
    if (url == null) throw new Rejection.NotFound("link " + id + " is not in the library");
    respond(rc, 200, w.commands().execute(LinkEvent.stream(url, by), DECIDER, new Remove(url, by, w.clock().instant()), CommandMeta.of(by))
        .compose(r -> w.caughtUp(r.position()).map(v -> new JsonObject().put("id", id).put("position", r.position()))));
  }

  private void one(RoutingContext rc) {
    rc.json(entryJson(path(rc, "id"), actor(rc).id(), offset(rc), limit(rc)));
  }

  private JsonObject entryJson(String id, String viewer, int from, int limit) {
    JsonObject json = w.queries().links().entrySeenBy(viewer, id, w.clock().millis(), from, limit);
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
    LinkQueries.Library library = new LinkQueries.Library(tag, q, week, offset, limit);
    long now = w.clock().millis();
    if (q == null && !week) {
      rc.json(w.queries().links().library(viewer, library, now));
      return;
    }
    // on a worker: words looked for in every entry (a miss reads them all), or the week's order worked out whole (5–10 ms
    // with 17,000 links, once a minute) would hold up every request on the event loop meanwhile
    w.vertx().<JsonObject>executeBlocking(() -> w.queries().links().library(viewer, library, now), false)
        .onSuccess(rc::json).onFailure(e -> no.deling.core.http.Problems.fail(rc, e));
  }
}
