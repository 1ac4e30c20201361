package no.deling.questions;

import io.vertx.core.Future;
import java.util.List;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.core.ids.PostIds;
import no.deling.posts.PostDecider;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.questions.QuestionEvent.Asked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A new question goes to the people who know: the few colleagues "who knows X" ranks highest for
 * its topics — never the asker, only people who may see it — are asked, and the choice is recorded
 * as {@link QuestionEvent.QuestionRouted} (the notification follows from the event, with the
 * reason). Run by the request that published the question, after the question is stored and
 * applied, before it is answered: a rebuild replays the recorded choice instead of ranking again.
 * Should the server stop between the two writes, the question stands, unrouted.
 */
public final class QuestionRouting {
  private static final Logger LOG = LoggerFactory.getLogger(QuestionRouting.class);
  private static final QuestionDecider DECIDER = new QuestionDecider();

  private QuestionRouting() {}

  /** After a post was published and applied: routes it when it is a question with topics. Never fails. */
  public static Future<Void> afterPublished(Wiring w, PostPublished p) {
    if (w.config().questionExperts() <= 0 || !PostDecider.QUESTION.equals(p.kind()) || p.hashtags().isEmpty()) return Future.succeededFuture();
    return route(w, p).otherwiseEmpty();
  }

  static Future<Void> route(Wiring w, PostPublished p) {
    List<Asked> asked = w.queries().experts().whoToAsk(PostIds.parse(p.postId()), p.author(), p.hashtags(), w.config().questionExperts(),
        w.clock().millis()).stream().map(c -> new Asked(c.user(), c.reason())).toList();
    if (asked.isEmpty()) return Future.succeededFuture();
    return w.commands().execute(QuestionEvent.stream(p.postId()), DECIDER,
            new QuestionDecider.Route(p.postId(), p.author(), asked, w.clock().instant()), CommandMeta.of(p.author()))
        .<Void>mapEmpty()
        .onFailure(e -> LOG.warn("question {} was not routed to experts: {}", p.postId(), e.toString()));
  }
}
