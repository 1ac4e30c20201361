package no.deling.topics;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.body;
import static no.deling.core.http.Requests.limit;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import no.deling.Wiring;
import no.deling.auth.Actor;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.Rejection;
import no.deling.core.http.Requests;
import no.deling.posts.PostText;
import no.deling.users.Person;

/**
 * Topics: {@code GET /api/topics?q=} by prefix (for #topic completion, only topics the asker may
 * see used; with {@code lookedAfter=true}, the directory of topics with owners; with {@code
 * offered=true}, for admins, the topics colleagues offered to look after), a topic's page ({@code
 * GET /api/topics/{tag}}), and how it is looked after: anyone offers to, admins appoint its owners,
 * who describe it and pin posts to its page.
 */
public final class TopicRoutes {
  private static final TopicDecider DECIDER = new TopicDecider();
  private final Wiring w;

  public TopicRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("listTopics").addHandler(this::list);
    rb.getRoute("getTopic").addHandler(rc -> respond(rc, 200, about(tag(rc), actor(rc))));
    rb.getRoute("appointTopicOwner").addHandler(rc -> {
      Actor a = actor(rc);
      String user = path(rc, "user");
      Person p = w.queries().people().person(user);
      change(rc, new TopicDecider.AppointOwner(tag(rc), a.id(), a.is(Actor.ADMIN), user, p != null, p != null && p.active(), w.clock().instant()));
    });
    rb.getRoute("dismissTopicOwner").addHandler(rc -> {
      Actor a = actor(rc);
      change(rc, new TopicDecider.DismissOwner(tag(rc), a.id(), a.is(Actor.ADMIN), path(rc, "user"), w.clock().instant()));
    });
    rb.getRoute("offerToLookAfterTopic").addHandler(rc -> {
      Actor a = actor(rc);
      String user = path(rc, "user");
      if (!user.equals(a.id())) throw new Rejection.Forbidden("one offers to look after a topic as oneself");
      String tag = tag(rc);
      change(rc, new TopicDecider.Offer(tag, a.id(), a.is(Actor.ADMIN), Requests.optionalBody(rc).getString("note"),
          w.queries().topics().lapsedOffers(tag), w.clock().instant()));
    });
    rb.getRoute("withdrawTopicOffer").addHandler(rc -> {
      Actor a = actor(rc);
      change(rc, new TopicDecider.WithdrawOffer(tag(rc), a.id(), a.is(Actor.ADMIN), path(rc, "user"), w.clock().instant()));
    });
    rb.getRoute("describeTopic").addHandler(rc -> {
      Actor a = actor(rc);
      change(rc, new TopicDecider.Describe(tag(rc), a.id(), a.is(Actor.ADMIN), body(rc).getString("description"), w.clock().instant()));
    });
    rb.getRoute("pinTopicPost").addHandler(rc -> pin(rc, true));
    rb.getRoute("unpinTopicPost").addHandler(rc -> pin(rc, false));
  }

  private static String tag(RoutingContext rc) {
    String tag = PostText.normaliseTag(path(rc, "tag"));
    if (tag == null) throw new Rejection.Invalid("tag", "hashtag", "a topic is letters, digits and '_', at most 64");
    return tag;
  }

  /**
   * The topic's page header as {@code a} sees it: whether they may describe it and pin its posts,
   * its questions waiting for an answer, their own offer to look after it, and for an admin every
   * open offer.
   */
  private Future<JsonObject> about(String tag, Actor a) {
    JsonObject about = w.queries().topics().about(tag, a.id());
    about.put("editable", about.getBoolean("owner") || a.is(Actor.ADMIN)).put("waiting", w.queries().questions().waitingIn(tag, a.id()))
        .put("offered", w.queries().topics().offerOf(tag, a.id()));
    if (!a.is(Actor.ADMIN)) return Future.succeededFuture(about);
    JsonObject withOffers = about.put("offers", w.queries().topics().offers(tag));
    return withStanding(new JsonArray().add(withOffers), a.id()).map(withOffers);
  }

  /**
   * Each offer of these topics with where its colleague stands among those who know the topic
   * ({@code knows}; absent with no evidence). On a worker: it ranks everyone who knows the topic,
   * which on a popular topic takes too long for the event loop (see {@code ExpertRoutes}).
   */
  private Future<JsonArray> withStanding(JsonArray topics, String viewer) {
    if (topics.stream().allMatch(t -> ((JsonObject) t).getJsonArray("offers").isEmpty())) return Future.succeededFuture(topics);
    long now = w.clock().millis();
    return w.vertx().executeBlocking(() -> {
      for (Object t : topics) {
        JsonArray offers = ((JsonObject) t).getJsonArray("offers");
        java.util.Set<String> users = new java.util.HashSet<>();
        for (Object o : offers) users.add(((JsonObject) o).getJsonObject("user").getString("id"));
        java.util.Map<String, JsonObject> standing = w.queries().experts().standing(viewer, ((JsonObject) t).getString("topic"), users, now);
        for (Object o : offers) {
          JsonObject knows = standing.get(((JsonObject) o).getJsonObject("user").getString("id"));
          if (knows != null) ((JsonObject) o).put("knows", knows);
        }
      }
      return topics;
    }, false);
  }

  private void change(RoutingContext rc, TopicDecider.TopicCommand command) {
    Actor a = actor(rc);
    respond(rc, 200, w.commands().execute(TopicEvent.stream(command.topic()), DECIDER, command, CommandMeta.of(a.id()))
        .compose(r -> w.caughtUp(r.position()).compose(v -> about(command.topic(), a)).map(about -> about.put("position", r.position()))));
  }

  /** An owner pins a post carrying the topic to the top of its page, or takes one down; the answer is what is pinned now. */
  private void pin(RoutingContext rc, boolean pin) {
    Actor a = actor(rc);
    String tag = tag(rc);
    String postId = path(rc, "postId");
    // unpinning needs no look at the post: it may be gone
    Future<no.deling.inputs.DeciderInputs.PostInAudience> post = pin ? w.inputs().postInAudience(postId) : Future.succeededFuture(null);
    respond(rc, 200, post.compose(p -> w.commands().execute(TopicEvent.stream(tag), DECIDER,
            new TopicDecider.Pin(tag, a.id(), a.is(Actor.ADMIN), postId, p == null ? null : p.post(), p == null ? null : p.audience(), pin,
                pin ? w.queries().topics().gone(tag) : java.util.Set.of(), w.clock().instant()), CommandMeta.of(a.id())))
        .compose(r -> w.caughtUp(r.position()).map(v -> new JsonObject().put("topic", tag).put("pinned", new JsonArray(r.state().pinned()))
            .put("position", r.position()))));
  }

  private void list(RoutingContext rc) {
    String raw = Requests.query(rc, "q");
    String prefix = raw == null || raw.isBlank() ? "" : PostText.topicParameter("q", raw.startsWith("#") ? raw.substring(1) : raw);
    String viewer = actor(rc).id();
    int limit = limit(rc);
    var offered = Requests.validated(rc).getQuery().get("offered");
    if (offered != null && !offered.isNull() && offered.getBoolean()) {
      if (!actor(rc).is(Actor.ADMIN)) throw new Rejection.Forbidden("only an admin sees who offered to look after topics");
      int from = Requests.offset(rc);
      JsonArray page = w.queries().topics().offered(from, limit);
      String next = page.size() > limit ? Integer.toString(from + limit) : null;
      if (page.size() > limit) page.remove(limit);
      respond(rc, 200, withStanding(page, actor(rc).id()).map(items -> new JsonObject().put("items", items).put("next", next)));
      return;
    }
    var lookedAfter = Requests.validated(rc).getQuery().get("lookedAfter");
    if (lookedAfter != null && !lookedAfter.isNull() && lookedAfter.getBoolean()) {
      // with each one's questions waiting for an answer: the directory is where owners and admins see what needs them
      String after = Requests.query(rc, "after");
      JsonArray items = w.queries().topics().lookedAfter(prefix, after == null ? null : PostText.topicParameter("after", after), limit);
      String next = null;
      if (items.size() > limit) {
        items.remove(limit);
        next = items.getJsonObject(limit - 1).getString("topic");
      }
      java.util.Map<String, JsonObject> waiting = w.queries().questions()
          .waitingIn(items.stream().map(o -> ((JsonObject) o).getString("topic")).toList(), actor(rc).id());
      for (Object o : items) ((JsonObject) o).put("waiting", waiting.get(((JsonObject) o).getString("topic")));
      rc.json(new JsonObject().put("items", items).put("next", next));
      return;
    }
    JsonArray items = new JsonArray();
    for (no.deling.timelines.Timelines.Topic t : w.queries().timelines().topicsStartingWith(prefix, viewer, limit)) {
      items.add(new JsonObject().put("topic", t.name()).put("posts", t.posts()));
    }
    rc.json(new JsonObject().put("items", items));
  }
}
