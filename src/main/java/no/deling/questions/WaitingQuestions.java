package no.deling.questions;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.deling.core.command.CommandExecutor;
import no.deling.core.command.CommandMeta;
import no.deling.core.ids.PostIds;
import no.deling.core.schedule.SerialSweep;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.readmodel.ReadModel;
import no.deling.topics.TopicQueries;
import no.deling.visibility.Visibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A question left unanswered for {@code DELING_QUESTION_WAIT_MINUTES} is brought to the owners of
 * its topics, once ({@link QuestionEvent.QuestionEscalated}; they are told with a {@code
 * question.waiting} notification): answering in their topic is what they took on. Swept every
 * {@code DELING_QUESTION_WAIT_SWEEP_MS}; instances sharing a log may sweep the same question, and
 * the decider records it once. Questions that waited a week longer than that are left alone, so a
 * newly appointed owner is not handed a topic's whole past.
 */
public final class WaitingQuestions {
  private static final Logger LOG = LoggerFactory.getLogger(WaitingQuestions.class);
  private static final QuestionDecider DECIDER = new QuestionDecider();
  /** How far back, beyond the wait, questions are still brought to owners. */
  static final Duration LOOK_BACK = Duration.ofDays(7);
  private final ReadModel model;
  private final CommandExecutor commands;
  private final long waitMillis;
  private final SerialSweep<Due> sweep;

  /** A question due to be brought to these owners. */
  public record Due(String questionId, String asker, List<String> owners) {}

  private WaitingQuestions(Vertx vertx, ReadModel model, CommandExecutor commands, long waitMillis, long everyMs) {
    this.model = model;
    this.commands = commands;
    this.waitMillis = waitMillis;
    this.sweep = SerialSweep.every(vertx, everyMs, everyMs,
        () -> model.read(() -> due(model.questions, model.posts, model.groups, model.queries().topics(), System.currentTimeMillis(), waitMillis)),
        this::escalate, swept -> {});
  }

  /** @return null with {@code waitMinutes} negative (turned off) */
  public static WaitingQuestions start(Vertx vertx, ReadModel model, CommandExecutor commands, int waitMinutes, long everyMs) {
    return waitMinutes < 0 ? null : new WaitingQuestions(vertx, model, commands, waitMinutes * 60_000L, everyMs);
  }

  /** No sweep starts from now on (one under way finishes, as any command in flight). */
  public void stop() {
    sweep.stop();
  }

  /**
   * The questions asked between {@code LOOK_BACK} and {@code waitMillis} before {@code nowMillis}
   * that are still unanswered, not brought to owners yet and not deleted, each with the active
   * owners of its topics who may see it (never its asker); those with nobody to bring it to are left
   * out. Under the read lock.
   */
  public static List<Due> due(Questions questions, PostIndex posts, Visibility.Memberships groups, TopicQueries topics, long nowMillis,
      long waitMillis) {
    List<Due> out = new ArrayList<>();
    long to = nowMillis - waitMillis;
    questions.askedBetween(to - LOOK_BACK.toMillis(), to, q -> {
      if (q.escalatedAt != 0 || questions.status(q) != Questions.Status.UNANSWERED) return true;
      PostView p = posts.get(q.id);
      if (p == null || p.deleted || p.hashtags.length == 0) return true;
      List<String> owners = new ArrayList<>();
      for (TopicQueries.Steward s : topics.activeOwners(List.of(p.hashtags))) {
        if (!s.user().equals(q.asker) && Visibility.maySee(s.user(), p, groups)) owners.add(s.user());
      }
      if (!owners.isEmpty()) out.add(new Due(PostIds.format(q.id), q.asker, owners));
      return out.size() < 100; // a sweep's worth; the next one takes the rest
    });
    return out;
  }

  private Future<Void> escalate(Due d) {
    return commands.execute(QuestionEvent.stream(d.questionId()), DECIDER,
            new QuestionDecider.Escalate(d.questionId(), d.asker(), d.owners(), Instant.now()), CommandMeta.of(no.deling.core.command.ServerActor.ID))
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("could not bring question {} to its topics' owners; the next sweep tries again", d.questionId(), e);
          return Future.succeededFuture();
        });
  }
}
