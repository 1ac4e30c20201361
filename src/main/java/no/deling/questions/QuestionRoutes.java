package no.deling.questions;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.before;
import static no.deling.core.http.Requests.body;
import static no.deling.core.http.Requests.limit;
import static no.deling.core.http.Requests.query;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.Rejection;
import no.deling.core.ids.PostIds;
import no.deling.posts.PostText;
import no.deling.questions.QuestionDecider.Accept;
import no.deling.questions.QuestionDecider.WithdrawAcceptance;

/** Questions: list and filter them, read one with its answers, accept an answer. */
public final class QuestionRoutes {
  private static final QuestionDecider DECIDER = new QuestionDecider();
  private final Wiring w;

  public QuestionRoutes(Wiring wiring) {
    this.w = wiring;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("listQuestions").addHandler(this::list);
    rb.getRoute("getMyQuestions").addHandler(this::mine);
    rb.getRoute("getQuestion").addHandler(this::one);
    rb.getRoute("acceptAnswer").addHandler(rc -> accept(rc, true));
    rb.getRoute("withdrawAcceptedAnswer").addHandler(rc -> accept(rc, false));
  }

  private void list(RoutingContext rc) {
    String status = query(rc, "status");
    String topic = PostText.topicParameter("topic", query(rc, "topic"));
    String group = query(rc, "group");
    page(rc, new QuestionQueries.Narrowed(topic, group, null), status);
  }

  private void mine(RoutingContext rc) {
    page(rc, new QuestionQueries.Narrowed(null, null, actor(rc).id()), query(rc, "status"));
  }


  /** Newest first; only questions the viewer may see, of what the caller narrowed to, with the status asked for. */
  private void page(RoutingContext rc, QuestionQueries.Narrowed narrowed, String status) {
    String viewer = actor(rc).id();
    int limit = limit(rc);
    long before = before(rc);
    rc.json(w.queries().questions().newestFirst(viewer, narrowed, status, before, limit));
  }

  private void one(RoutingContext rc) {
    String viewer = actor(rc).id();
    long id = PostIds.parse(path(rc, "id"));
    rc.json(detail(id, viewer));
  }

  /** The question with its answers: accepted first, then by endorsements, then oldest first. */
  private JsonObject detail(long id, String viewer) {
    JsonObject json = w.queries().questions().withAnswers(viewer, id);
    if (json == null) throw new Rejection.NotFound("question " + PostIds.format(id) + " does not exist");
    return json;
  }

  private void accept(RoutingContext rc, boolean accept) {
    String actor = actor(rc).id();
    String questionId = path(rc, "id");
    String answerId = accept ? body(rc).getString("answer") : null;
    var inputs = w.inputs();
    Future<QuestionDecider.QuestionCommand> command = inputs.postInAudience(questionId).compose(q -> accept
        ? inputs.post(answerId).map(a -> (QuestionDecider.QuestionCommand) new Accept(questionId, actor, q.post(), q.audience(), answerId, a,
            w.clock().instant()))
        : Future.succeededFuture(new WithdrawAcceptance(questionId, actor, q.post(), q.audience(), w.clock().instant())));
    respond(rc, 200, command
        .compose(c -> w.commands().execute(QuestionEvent.stream(questionId), DECIDER, c, CommandMeta.of(actor)))
        .compose(r -> w.caughtUp(r.position()).map(v -> detail(PostIds.parse(questionId), actor).put("position", r.position()))));
  }
}
