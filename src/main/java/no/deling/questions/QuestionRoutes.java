package no.deling.questions;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.before;
import static no.deling.core.http.Requests.body;
import static no.deling.core.http.Requests.limit;
import static no.deling.core.http.Requests.query;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.Rejection;
import no.deling.core.ids.PostIds;
import no.deling.posts.PostJson;
import no.deling.posts.PostText;
import no.deling.posts.PostView;
import no.deling.questions.QuestionDecider.Accept;
import no.deling.questions.QuestionDecider.WithdrawAcceptance;
import no.deling.questions.Questions.Question;
import no.deling.readmodel.ReadModel;

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
    page(rc, p -> (topic == null || p.hasTag(topic)) && (group == null || group.equals(p.group)), status);
  }

  private void mine(RoutingContext rc) {
    String me = actor(rc).id();
    page(rc, p -> p.author.equals(me), query(rc, "status"));
  }


  /** Newest first; only questions the viewer may see, then the caller's filter and the status asked for. */
  private void page(RoutingContext rc, Predicate<PostView> filter, String status) {
    String viewer = actor(rc).id();
    int limit = limit(rc);
    long before = before(rc);
    ReadModel m = w.model();
    JsonObject json = m.read(() -> {
      List<Question> found = m.questions.newestFirst(before, limit, q -> {
        PostView p = m.posts.get(q.id);
        return m.maySee(viewer, p) && filter.test(p) && (status == null || m.questions.status(q).wire().equals(status));
      });
      JsonArray items = new JsonArray();
      for (int i = 0; i < Math.min(limit, found.size()); i++) items.add(summary(found.get(i), viewer, m));
      String next = found.size() > limit ? PostIds.format(found.get(limit - 1).id) : null;
      return new JsonObject().put("items", items).put("next", next);
    });
    rc.json(json);
  }

  private void one(RoutingContext rc) {
    String viewer = actor(rc).id();
    long id = PostIds.parse(path(rc, "id"));
    rc.json(detail(id, viewer));
  }

  /** The question with its answers: accepted first, then by endorsements, then oldest first. */
  private JsonObject detail(long id, String viewer) {
    ReadModel m = w.model();
    JsonObject json = m.read(() -> {
      Question q = m.questions.get(id);
      PostView post = m.posts.get(id);
      if (q == null || !m.maySee(viewer, post)) return null;
      long accepted = m.questions.acceptedAnswer(q);
      List<PostView> answers = new ArrayList<>();
      for (PostView p : m.posts.thread(id)) {
        if (p.inReplyTo == id && !p.author.equals(q.asker) && m.maySee(viewer, p)) answers.add(p);
      }
      answers.sort(Comparator.comparing((PostView p) -> p.id != accepted)
          .thenComparing(p -> -m.endorsements.count(p.id)).thenComparingLong(p -> p.id));
      JsonArray items = new JsonArray();
      for (PostView a : answers) {
        JsonObject o = PostJson.of(a, viewer, m).put("accepted", a.id == accepted);
        // an answer changed after it was accepted says so: the asker accepted other words
        if (a.id == accepted) o.put("editedSinceAccepted", a.editedAt > q.acceptedAt);
        items.add(o);
      }
      return summary(q, viewer, m).put("items", items);
    });
    if (json == null) throw new Rejection.NotFound("question " + PostIds.format(id) + " does not exist");
    return json;
  }

  /** Under the read lock. */
  private static JsonObject summary(Question q, String viewer, ReadModel m) {
    long accepted = m.questions.acceptedAnswer(q);
    return new JsonObject()
        .put("question", PostJson.of(m.posts.get(q.id), viewer, m))
        .put("status", m.questions.status(q).wire())
        .put("answers", q.answers)
        .put("acceptedAnswer", accepted == 0 ? null : PostIds.format(accepted))
        .put("firstAnswerAfterSeconds", q.firstAnswerAt == 0 ? null : (q.firstAnswerAt - q.askedAt) / 1000)
        .put("acceptedAfterSeconds", q.firstAcceptedAt == 0 ? null : (q.firstAcceptedAt - q.askedAt) / 1000);
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
