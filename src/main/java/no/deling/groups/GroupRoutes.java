package no.deling.groups;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.body;
import static no.deling.core.http.Requests.limit;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.query;
import static no.deling.core.http.Requests.respond;
import static no.deling.core.http.Requests.validated;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.Rejection;
import no.deling.core.ids.PostIds;
import no.deling.groups.GroupDecider.ArchiveGroup;
import no.deling.groups.GroupDecider.CreateGroup;
import no.deling.groups.GroupDecider.PutMember;
import no.deling.groups.GroupDecider.RemoveMember;
import no.deling.groups.GroupDecider.RequestToJoin;
import no.deling.groups.GroupState.Role;

/** Create, list, join, leave and run interest groups. A private group is unknown (404) to anyone with no role in it. */
public final class GroupRoutes {
  private static final GroupDecider DECIDER = new GroupDecider();
  private static final PinDecider PINS = new PinDecider();
  private final Wiring w;

  public GroupRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("createGroup").addHandler(this::create);
    rb.getRoute("listGroups").addHandler(this::list);
    rb.getRoute("getMyGroups").addHandler(this::mine);
    rb.getRoute("getGroup").addHandler(this::get);
    rb.getRoute("putGroupMember").addHandler(this::putMember);
    rb.getRoute("removeGroupMember").addHandler(this::removeMember);
    rb.getRoute("requestToJoinGroup").addHandler(this::request);
    rb.getRoute("getGroupMembers").addHandler(this::members);
    rb.getRoute("archiveGroup").addHandler(this::archive);
    rb.getRoute("describeGroup").addHandler(this::describe);
    rb.getRoute("pinGroupPost").addHandler(rc -> pin(rc, true));
    rb.getRoute("unpinGroupPost").addHandler(rc -> pin(rc, false));
  }

  private void create(RoutingContext rc) {
    String owner = actor(rc).id();
    JsonObject body = body(rc);
    String id = PostIds.format(w.ids().next(w.clock().millis()));
    var command = new CreateGroup(id, body.getString("name"), body.getString("description"), topics(body), body.getString("access"), owner,
        w.clock().instant());
    w.commands().executeOnNewStream(GroupEvent.stream(id), DECIDER, command, CommandMeta.of(owner))
        .compose(r -> w.caughtUp(r.position()).map(v -> view(id, owner).put("position", r.position())))
        .onSuccess(json -> rc.response().setStatusCode(201).putHeader("Location", "/api/groups/" + id)
            .putHeader("Content-Type", "application/json").end(json.encode()))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    rc.json(view(path(rc, "id"), actor(rc).id()));
  }

  /** The group as {@code viewer} may see it; NotFound when they may not know it exists. */
  private JsonObject view(String id, String viewer) {
    JsonObject json = w.queries().groups().seenBy(viewer, id);
    if (json == null) throw new Rejection.NotFound("group " + id + " does not exist");
    return json;
  }

  /** Groups the viewer may know of, by name; {@code q} narrows to names containing it; paged by id with {@code after}. */
  private void list(RoutingContext rc) {
    String viewer = actor(rc).id();
    var qp = validated(rc).getQuery().get("q");
    String q = qp == null || qp.isNull() ? null : qp.getString().toLowerCase(Locale.ROOT);
    var afterParam = validated(rc).getQuery().get("after");
    String after = afterParam == null || afterParam.isNull() ? null : afterParam.getString();
    int limit = limit(rc);
    rc.json(w.queries().groups().visibleTo(viewer, q, after, limit));
  }

  /** Every group the viewer has a role in: member, owner, invited or requested. */
  private void mine(RoutingContext rc) {
    String viewer = actor(rc).id();
    rc.json(w.queries().groups().involving(viewer));
  }

  private void putMember(RoutingContext rc) {
    String actor = actor(rc).id();
    String id = path(rc, "id");
    String user = path(rc, "user");
    JsonObject body = no.deling.core.http.Requests.optionalBody(rc);
    requireKnown(id, actor);
    boolean known = w.queries().people().exists(user);
    change(rc, id, user, new PutMember(id, actor, user, body.getString("role"), known, w.queries().groups()::activeInDirectory, w.clock().instant()),
        actor);
  }

  private void removeMember(RoutingContext rc) {
    String actor = actor(rc).id();
    String id = path(rc, "id");
    requireKnown(id, actor);
    String user = path(rc, "user");
    change(rc, id, user, new RemoveMember(id, actor, user, w.queries().groups()::activeInDirectory, w.clock().instant()), actor);
  }

  private void request(RoutingContext rc) {
    String actor = actor(rc).id();
    String id = path(rc, "id");
    // a private group is requested by its id without being listed: asking to join reveals nothing
    change(rc, id, actor, new RequestToJoin(id, actor, w.clock().instant()), actor);
  }

  private void archive(RoutingContext rc) {
    String actor = actor(rc).id();
    String id = path(rc, "id");
    requireKnown(id, actor);
    respond(rc, 200, w.commands().execute(GroupEvent.stream(id), DECIDER, new ArchiveGroup(id, actor, w.clock().instant()), CommandMeta.of(actor))
        .compose(r -> w.caughtUp(r.position()).map(v -> view(id, actor).put("position", r.position()))));
  }

  /** An owner pins a post of the group to the top of its page, or takes it down; the answer is what is pinned now. */
  private void pin(RoutingContext rc, boolean pin) {
    String actor = actor(rc).id();
    String group = path(rc, "id");
    String postId = path(rc, "postId");
    // unpinning needs no look at the post: it may be gone
    Future<no.deling.posts.PostDecider.PostState> post = pin ? w.inputs().post(postId) : Future.succeededFuture(null);
    respond(rc, 200, w.inputs().groupState(group).compose(g -> post.compose(p -> w.commands().execute(PinEvent.stream(group), PINS,
            new PinDecider.PinCommand(actor, group, g, postId, p, pin, pin ? w.queries().pins().gone(group) : java.util.Set.of(), w.clock().instant()),
            CommandMeta.of(actor))))
        .compose(r -> w.caughtUp(r.position()).map(v -> new JsonObject().put("group", group).put("pinned", new JsonArray(r.state()))
            .put("position", r.position()))));
  }

  /** An owner changes the group's name, description or topics (what is left out stays). */
  private void describe(RoutingContext rc) {
    String actor = actor(rc).id();
    String id = path(rc, "id");
    requireKnown(id, actor);
    JsonObject body = body(rc);
    var command = new GroupDecider.DescribeGroup(id, actor, body.getString("name"), body.getString("description"), topics(body), w.clock().instant());
    respond(rc, 200, w.commands().execute(GroupEvent.stream(id), DECIDER, command, CommandMeta.of(actor))
        .compose(r -> w.caughtUp(r.position()).map(v -> view(id, actor).put("position", r.position()))));
  }

  /** The body's topics as given (the decider normalises them), or null when it names none. */
  private static List<String> topics(JsonObject body) {
    JsonArray given = body.getJsonArray("topics");
    if (given == null) return null;
    List<String> topics = new ArrayList<>();
    for (Object t : given) topics.add(String.valueOf(t));
    return topics;
  }

  /** Changing a private group one has no role in is answered as for a group that does not exist. */
  private void requireKnown(String id, String viewer) {
    if (!w.queries().groups().mayKnow(viewer, id)) throw new Rejection.NotFound("group " + id + " does not exist");
  }

  private void change(RoutingContext rc, String id, String user, GroupDecider.GroupCommand command, String actor) {
    respond(rc, 200, w.commands().execute(GroupEvent.stream(id), DECIDER, command, CommandMeta.of(actor))
        .compose(r -> w.caughtUp(r.position()).map(r))
        // someone new in a group that nobody still here runs takes it on
        .compose(r -> (r.events().isEmpty() ? Future.<String>succeededFuture() : w.ownerSuccession().afterGroupChange(id)).map(heir -> {
          Role role = user.equals(heir) ? Role.OWNER : r.state().roleOf(user);
          return new JsonObject().put("group", id).put("user", user)
              .put("role", role == null ? null : role.name().toLowerCase(Locale.ROOT)).put("position", r.position());
        })));
  }

  /** Members of an open group are public; a private group's only to its members. Owners also see who is invited or asking. */
  private void members(RoutingContext rc) {
    String viewer = actor(rc).id();
    String id = path(rc, "id");
    String q = query(rc, "q") == null ? null : query(rc, "q").toLowerCase(Locale.ROOT);
    String next = query(rc, "next");
    JsonObject json = w.queries().groups().membersSeenBy(viewer, id, q, next == null ? 0 : Integer.parseInt(next), limit(rc));
    if (json == null) throw new Rejection.NotFound("group " + id + " does not exist");
    if (json.containsKey("forbidden")) throw new Rejection.Forbidden("group " + id + " is private: only its members see who is in it");
    rc.json(json);
  }
}
