package no.deling.posts;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.body;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.Rejection;
import no.deling.core.http.Problems;
import no.deling.core.ids.PostIds;
import no.deling.posts.PostDecider.DeletePost;
import no.deling.posts.PostDecider.EditPost;
import no.deling.inputs.DeciderInputs;
import no.deling.posts.PostDecider.PublishPost;

/** Publish, read, edit, delete posts, and read threads. */
public final class PostRoutes {
  private static final PostDecider DECIDER = new PostDecider();
  private final Wiring w;
  /** What else happens once a post is stored and applied, before the author is answered (a question is routed to who knows). */
  private final java.util.function.Function<PostEvent.PostPublished, Future<Void>> afterPublished;

  /** A 201's id (for Location) and its encoded body. */
  private record Created(String id, Buffer body) {}

  public PostRoutes(Wiring wiring, java.util.function.Function<PostEvent.PostPublished, Future<Void>> afterPublished) {
    this.w = wiring;
    this.afterPublished = afterPublished;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("createPost").addHandler(this::create);
    rb.getRoute("getPost").addHandler(this::get);
    rb.getRoute("editPost").addHandler(this::edit);
    rb.getRoute("deletePost").addHandler(this::delete);
    rb.getRoute("getThread").addHandler(this::thread);
    rb.getRoute("getPostHistory").addHandler(this::history);
  }

  private void create(RoutingContext rc) {
    publishFor(rc, actor(rc).id(), body(rc), java.util.function.UnaryOperator.identity());
  }

  /**
   * Publishes {@code body} by {@code author} and answers 201, once per {@code Idempotency-Key}.
   *
   * @param audience what the post's rules are told about its group: a group's integration posts in
   *     its own group as if a member (see {@link no.deling.visibility.GroupFacts#withMember})
   */
  public void publishFor(RoutingContext rc, String author, JsonObject body,
      java.util.function.UnaryOperator<no.deling.visibility.GroupFacts> audience) {
    String key = rc.request().getHeader("Idempotency-Key");
    if (key == null) {
      created(rc, publish(author, body, CommandMeta.of(author), audience));
      return;
    }
    PostView earlier = w.queries().posts().createdEarlier(author, key, w.clock().millis());
    if (earlier != null) {
      rc.response().putHeader("Idempotent-Replayed", "true");
      created(rc, createdBody(earlier.id, earlier.position, author));
      return;
    }
    created(rc, w.inFlight().once(w.vertx(), author, key, w.config().readYourWritesTimeoutMs() + 1_000,
        () -> publish(author, body, new CommandMeta(author, key), audience)));
  }

  private Future<Created> publish(String author, JsonObject body, CommandMeta meta,
      java.util.function.UnaryOperator<no.deling.visibility.GroupFacts> audience) {
    String inReplyTo = body.getString("inReplyTo");
    String group = body.getString("group");
    // a reply goes to its thread's group, so the group to check is the parent's
    Future<DeciderInputs.PostInAudience> parent = inReplyTo == null
        ? w.inputs().group(group).map(g -> new DeciderInputs.PostInAudience(null, g))
        : w.inputs().postInAudience(inReplyTo);
    String postId = PostIds.format(w.ids().next(w.clock().millis()));
    List<String> attachments = strings(body.getJsonArray("attachments"));
    return parent
        .compose(p -> w.commands().executeOnNewStream(PostEvent.stream(postId), DECIDER,
            new PublishPost(postId, author, body.getString("text"), inReplyTo, p.post(), group, audience.apply(p.audience()), body.getString("kind"),
                poll(body.getJsonObject("poll")), attachments, w.queries().files().uploaders(attachments), w.clock().instant()), meta))
        .compose(r -> w.caughtUp(r.position())
            .compose(v -> afterPublished.apply((PostEvent.PostPublished) r.events().get(0)))
            .compose(v -> createdBody(PostIds.parse(postId), r.position(), author)));
  }

  /** The ids asked for (the contract has checked they are strings), or null. */
  private static List<String> strings(JsonArray ids) {
    if (ids == null) return null;
    List<String> out = new java.util.ArrayList<>(ids.size());
    for (Object id : ids) out.add((String) id);
    return out;
  }

  /** A poll as asked for (the contract has checked its shape; {@link PollRules} checks the rest), or null. */
  private static PostEvent.Poll poll(io.vertx.core.json.JsonObject poll) {
    if (poll == null) return null;
    java.util.List<String> options = new java.util.ArrayList<>();
    for (Object o : poll.getJsonArray("options")) options.add((String) o);
    String closes = poll.getString("closesAt");
    try {
      return new PostEvent.Poll(options, closes == null ? null : java.time.OffsetDateTime.parse(closes).toInstant());
    } catch (java.time.format.DateTimeParseException e) {
      throw new no.deling.core.command.Rejection.Invalid("poll.closesAt", "date-time", "closesAt is a date and time with its offset (2026-12-24T12:00:00Z)");
    }
  }

  /** {@code {"id","position","post"}}, the post written from its cached encoding (see {@link PostJsonCache}). */
  private Future<Created> createdBody(long id, long position, String viewer) {
    String postId = PostIds.format(id);
    Buffer out = Buffer.buffer(1_024);
    out.appendString("{\"id\":\"").appendString(postId).appendString("\",\"position\":").appendString(Long.toString(position));
    return w.queries().posts().appendSeenBy(viewer, id, ",\"post\":", out).map(seen -> new Created(postId, out.appendString("}")));
  }

  private void created(RoutingContext rc, Future<Created> result) {
    result.onComplete(r -> {
      if (r.failed()) {
        Problems.fail(rc, r.cause());
        return;
      }
      rc.response().setStatusCode(201)
          .putHeader("Location", "/api/posts/" + r.result().id())
          .putHeader("Content-Type", "application/json")
          .end(r.result().body());
    });
  }


  private void get(RoutingContext rc) {
    respond(rc, 200, Future.succeededFuture(view(PostIds.parse(path(rc, "id")), actor(rc).id())));
  }

  /** A live post as JSON; throws NotFound for unknown or deleted posts. */
  private JsonObject view(long id, String viewer) {
    JsonObject json = w.queries().posts().seenBy(viewer, id);
    if (json == null) throw new Rejection.NotFound("post " + PostIds.format(id) + " does not exist");
    return json;
  }

  /**
   * Every version of a post the viewer may see, oldest first, read from its stream: the log keeps
   * every version, so nothing in memory has to.
   */
  private void history(RoutingContext rc) {
    String viewer = actor(rc).id();
    String id = path(rc, "id");
    view(PostIds.parse(id), viewer); // 404 unless the viewer may see it now
    respond(rc, 200, w.commands().events(PostEvent.stream(id)).map(events -> {
      JsonArray versions = new JsonArray();
      for (var e : events) {
        if (e instanceof PostEvent.PostPublished p) versions.add(version(versions.size() + 1, p.text(), p.hashtags(), p.publishedAt()));
        else if (e instanceof PostEvent.PostEdited ed) versions.add(version(versions.size() + 1, ed.text(), ed.hashtags(), ed.editedAt()));
      }
      return new JsonObject().put("id", id).put("versions", versions);
    }));
  }

  private static JsonObject version(int n, String text, List<String> hashtags, java.time.Instant at) {
    return new JsonObject().put("version", n).put("text", text).put("hashtags", new JsonArray(hashtags)).put("at", at.toString());
  }

  private void edit(RoutingContext rc) {
    String actor = actor(rc).id();
    String id = path(rc, "id");
    List<String> attachments = strings(body(rc).getJsonArray("attachments"));
    var command = new EditPost(id, actor, body(rc).getString("text"), attachments, w.queries().files().uploaders(attachments),
        w.queries().files().shownBy(id), w.clock().instant());
    respond(rc, 200, w.commands().execute(PostEvent.stream(id), DECIDER, command, CommandMeta.of(actor))
        .compose(r -> w.caughtUp(r.position()))
        .map(v -> view(PostIds.parse(id), actor)));
  }

  private void delete(RoutingContext rc) {
    String actor = actor(rc).id();
    String id = path(rc, "id");
    w.commands().execute(PostEvent.stream(id), DECIDER, new DeletePost(id, actor, w.clock().instant()), CommandMeta.of(actor))
        .compose(r -> w.caughtUp(r.position()))
        .onSuccess(v -> rc.response().setStatusCode(204).end())
        .onFailure(e -> Problems.fail(rc, e));
  }

  private void thread(RoutingContext rc) {
    String viewer = actor(rc).id();
    long id = PostIds.parse(path(rc, "id"));
    JsonObject json = w.queries().posts().threadSeenBy(viewer, id);
    if (json == null) {
      Problems.fail(rc, new Rejection.NotFound("post " + PostIds.format(id) + " does not exist"));
      return;
    }
    rc.json(json);
  }
}
