package no.deling.questions;

import java.time.Instant;
import java.util.List;
import no.deling.core.events.DomainEvent;

/**
 * What happened to a question beyond its post: who was asked, which answer the asker accepted.
 * Stream {@code question-<questionId>}; the question and its answers are posts in their own streams.
 */
public sealed interface QuestionEvent extends DomainEvent {
  String questionId();

  /**
   * The colleagues the server asked to answer, and why — decided once, when the question was
   * published, from who knew most about its topics then; kept so the record says who was asked.
   */
  record QuestionRouted(String questionId, String asker, List<Asked> asked, Instant at) implements QuestionEvent {}

  /** @param reason why this person was asked, in words ("2 accepted answers in #kotlin") */
  record Asked(String user, String reason) {}

  /** The asker accepted this answer, replacing any earlier one. */
  record AnswerAccepted(String questionId, String answerId, String asker, String answerAuthor, Instant at) implements QuestionEvent {}

  /**
   * The question waited unanswered as long as the organisation allows (DELING_QUESTION_WAIT_MINUTES),
   * so the server brought it to the owners of its topics, once: those it names, who may see it.
   */
  record QuestionEscalated(String questionId, String asker, List<String> owners, Instant at) implements QuestionEvent {}

  /** The asker took the acceptance back; the question has no accepted answer now. */
  record AcceptanceWithdrawn(String questionId, String answerId, String asker, Instant at) implements QuestionEvent {}

  static String stream(String questionId) {
    return "question-" + questionId;
  }
}
