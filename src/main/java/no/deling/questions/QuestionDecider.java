package no.deling.questions;

import java.time.Instant;
import java.util.List;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.posts.PostDecider.PostState;
import no.deling.questions.QuestionEvent.AcceptanceWithdrawn;
import no.deling.questions.QuestionEvent.AnswerAccepted;
import no.deling.questions.QuestionEvent.Asked;
import no.deling.questions.QuestionEvent.QuestionRouted;
import no.deling.visibility.GroupFacts;
import no.deling.visibility.Visibility;

/**
 * Rules for a question's own stream: the asker accepts one answer (a colleague's direct reply to
 * this question) and may change or withdraw it; the server records once whom it asked, and once
 * that it brought the question, still unanswered, to its topics' owners.
 */
public final class QuestionDecider implements Decider<QuestionDecider.QuestionCommand, QuestionDecider.QuestionState, QuestionEvent> {

  public sealed interface QuestionCommand {}

  /**
   * @param question the question's post, read by the caller
   * @param audience its group's facts (null for a public question)
   * @param answer the answer's post, read by the caller (its state is NONE when unknown)
   */
  public record Accept(String questionId, String actor, PostState question, GroupFacts audience, String answerId, PostState answer,
      Instant at) implements QuestionCommand {}

  public record WithdrawAcceptance(String questionId, String actor, PostState question, GroupFacts audience, Instant at)
      implements QuestionCommand {}

  public record Route(String questionId, String asker, List<Asked> asked, Instant at) implements QuestionCommand {}

  /** @param owners the owners of the question's topics who may see it, the asker left out (chosen by the caller) */
  public record Escalate(String questionId, String asker, List<String> owners, Instant at) implements QuestionCommand {}

  /** @param accepted the accepted answer's id, or null */
  public record QuestionState(String accepted, boolean routed, boolean escalated) {
    static final QuestionState NEW = new QuestionState(null, false, false);
  }

  @Override
  public QuestionState initialState() {
    return QuestionState.NEW;
  }

  @Override
  public QuestionState evolve(QuestionState s, QuestionEvent event) {
    if (event instanceof AnswerAccepted a) return new QuestionState(a.answerId(), s.routed(), s.escalated());
    if (event instanceof AcceptanceWithdrawn) return new QuestionState(null, s.routed(), s.escalated());
    if (event instanceof QuestionRouted) return new QuestionState(s.accepted(), true, s.escalated());
    if (event instanceof QuestionEvent.QuestionEscalated) return new QuestionState(s.accepted(), s.routed(), true);
    return s;
  }

  @Override
  public List<QuestionEvent> decide(QuestionCommand command, QuestionState state) {
    if (command instanceof Accept c) {
      requireAsker(c.questionId(), c.actor(), c.question(), c.audience());
      PostState answer = c.answer();
      if (answer == null || !answer.live() || !c.questionId().equals(answer.inReplyTo())) {
        throw new Rejection.Invalid("answer", "answer-to-this-question", "post " + c.answerId() + " is not an answer to question " + c.questionId()
            + ": an answer is a direct reply to it");
      }
      if (answer.author().equals(c.actor())) {
        throw new Rejection.Invalid("answer", "not-own-reply", "accept a colleague's answer, not your own reply");
      }
      if (c.answerId().equals(state.accepted())) return List.of();
      return List.of(new AnswerAccepted(c.questionId(), c.answerId(), c.actor(), answer.author(), c.at()));
    }
    if (command instanceof WithdrawAcceptance c) {
      requireAsker(c.questionId(), c.actor(), c.question(), c.audience());
      if (state.accepted() == null) return List.of();
      return List.of(new AcceptanceWithdrawn(c.questionId(), state.accepted(), c.actor(), c.at()));
    }
    if (command instanceof Route c) {
      if (state.routed() || c.asked().isEmpty()) return List.of();
      return List.of(new QuestionRouted(c.questionId(), c.asker(), List.copyOf(c.asked()), c.at()));
    }
    if (command instanceof Escalate c) {
      // once: an accepted answer means it no longer waits (the caller saw no answer; this one arrived meanwhile)
      if (state.escalated() || state.accepted() != null || c.owners().isEmpty()) return List.of();
      return List.of(new QuestionEvent.QuestionEscalated(c.questionId(), c.asker(), List.copyOf(c.owners()), c.at()));
    }
    throw new IllegalArgumentException("unknown command " + command);
  }

  /** A question nobody may see is not named; one that is no question, or someone else's, is refused. */
  private static void requireAsker(String questionId, String actor, PostState question, GroupFacts audience) {
    if (!Visibility.maySee(actor, question, audience)) {
      throw new Rejection.NotFound("post " + questionId + " does not exist");
    }
    if (!question.isQuestion()) throw new Rejection.Invalid("id", "question", "post " + questionId + " is not a question");
    if (!question.author().equals(actor)) throw new Rejection.Forbidden("only the asker accepts an answer to question " + questionId);
  }
}
