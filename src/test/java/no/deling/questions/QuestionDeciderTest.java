package no.deling.questions;

import static no.deling.support.Fixtures.*;

import java.util.List;
import java.util.Set;
import no.deling.core.command.Rejection;
import no.deling.posts.PostDecider;
import no.deling.posts.PostDecider.PostState;
import no.deling.posts.PostDecider.Status;
import no.deling.questions.QuestionDecider.Accept;
import no.deling.questions.QuestionDecider.Route;
import no.deling.questions.QuestionDecider.WithdrawAcceptance;
import no.deling.questions.QuestionEvent.AcceptanceWithdrawn;
import no.deling.questions.QuestionEvent.AnswerAccepted;
import no.deling.questions.QuestionEvent.Asked;
import no.deling.questions.QuestionEvent.QuestionRouted;
import no.deling.support.DeciderSpec;
import no.deling.visibility.GroupFacts;
import org.junit.jupiter.api.Test;

class QuestionDeciderTest {
  private static final String OTHER_THREAD = "0384036914845450250";
  /** Alice asks (POST_1); Bob answers (POST_2); Alice's own reply (POST_3). */
  private static final PostState QUESTION = new PostState(Status.LIVE, POST_1, ALICE, "How do we #deploy?", POST_1, null, null, PostDecider.QUESTION);
  private static final PostState PLAIN_POST = new PostState(Status.LIVE, POST_1, ALICE, "A post", POST_1, null, null, null);
  private static final PostState BOBS_ANSWER = new PostState(Status.LIVE, POST_2, BOB, "Like this", POST_1, null, POST_1, null);
  private static final PostState ALICES_REPLY = new PostState(Status.LIVE, POST_3, ALICE, "Thanks", POST_1, null, POST_1, null);
  private static final PostState REPLY_ELSEWHERE = new PostState(Status.LIVE, POST_3, BOB, "Elsewhere", OTHER_THREAD, null, OTHER_THREAD, null);
  private static final PostState COMMENT_ON_ANSWER = new PostState(Status.LIVE, POST_3, CAROL, "+1", POST_1, null, POST_2, null);
  private final DeciderSpec<QuestionDecider.QuestionCommand, QuestionDecider.QuestionState, QuestionEvent> spec = DeciderSpec.of(new QuestionDecider());

  @Test
  void theAsker_acceptsAColleaguesAnswer_andMayChangeOrWithdrawIt() {
    spec.given().when(new Accept(POST_1, ALICE, QUESTION, null, POST_2, BOBS_ANSWER, T0))
        .then(new AnswerAccepted(POST_1, POST_2, ALICE, BOB, T0));
    spec.given(new AnswerAccepted(POST_1, POST_2, ALICE, BOB, T0)).when(new Accept(POST_1, ALICE, QUESTION, null, POST_2, BOBS_ANSWER, T1))
        .thenNothing();
    spec.given(new AnswerAccepted(POST_1, POST_2, ALICE, BOB, T0)).when(new WithdrawAcceptance(POST_1, ALICE, QUESTION, null, T1))
        .then(new AcceptanceWithdrawn(POST_1, POST_2, ALICE, T1));
    spec.given().when(new WithdrawAcceptance(POST_1, ALICE, QUESTION, null, T1)).thenNothing();
  }

  @Test
  void acceptingAnAnswer_toSomeoneElsesQuestion_isForbidden() {
    spec.given().when(new Accept(POST_1, CAROL, QUESTION, null, POST_2, BOBS_ANSWER, T0)).thenRejected(Rejection.Forbidden.class);
    spec.given().when(new WithdrawAcceptance(POST_1, BOB, QUESTION, null, T0)).thenRejected(Rejection.Forbidden.class);
  }

  @Test
  void acceptingAReply_fromAnotherThread_orACommentOnAnAnswer_isInvalid() {
    spec.given().when(new Accept(POST_1, ALICE, QUESTION, null, POST_3, REPLY_ELSEWHERE, T0)).thenInvalid("answer", "answer-to-this-question");
    spec.given().when(new Accept(POST_1, ALICE, QUESTION, null, POST_3, COMMENT_ON_ANSWER, T0)).thenInvalid("answer", "answer-to-this-question");
    spec.given().when(new Accept(POST_1, ALICE, QUESTION, null, POST_3, new PostState(Status.NONE, null, null, null, null, null), T0))
        .thenInvalid("answer", "answer-to-this-question");
  }

  @Test
  void acceptingOnesOwnReply_orOnAPlainPost_isInvalid() {
    spec.given().when(new Accept(POST_1, ALICE, QUESTION, null, POST_3, ALICES_REPLY, T0)).thenInvalid("answer", "not-own-reply");
    spec.given().when(new Accept(POST_1, ALICE, PLAIN_POST, null, POST_2, BOBS_ANSWER, T0)).thenInvalid("id", "question");
  }

  @Test
  void aQuestionInAPrivateGroup_isNotFound_forANonMember() {
    PostState inSales = new PostState(Status.LIVE, POST_1, ALICE, "q", POST_1, SALES, null, PostDecider.QUESTION);
    GroupFacts sales = new GroupFacts(SALES, true, true, false, Set.of(ALICE, BOB));
    spec.given().when(new Accept(POST_1, CAROL, inSales, sales, POST_2, BOBS_ANSWER, T0)).thenRejected(Rejection.NotFound.class);
  }

  @Test
  void routing_isRecordedOnce() {
    List<Asked> asked = List.of(new Asked(BOB, "2 accepted answers in #deploy"));
    spec.given().when(new Route(POST_1, ALICE, asked, T0)).then(new QuestionRouted(POST_1, ALICE, asked, T0));
    spec.given(new QuestionRouted(POST_1, ALICE, asked, T0)).when(new Route(POST_1, ALICE, asked, T1)).thenNothing();
  }

  @Test
  void aQuestionStillWaiting_isBroughtToItsTopicsOwnersOnce_unlessAnAnswerWasAcceptedMeanwhile_orThereIsNobodyToBringItTo() {
    var owners = List.of(BOB, CAROL);
    spec.given(new QuestionRouted(POST_1, ALICE, List.of(new Asked(BOB, "looks after #deploy")), T0))
        .when(new QuestionDecider.Escalate(POST_1, ALICE, owners, T1)).then(new QuestionEvent.QuestionEscalated(POST_1, ALICE, owners, T1));
    spec.given(new QuestionEvent.QuestionEscalated(POST_1, ALICE, owners, T0)).when(new QuestionDecider.Escalate(POST_1, ALICE, owners, T1))
        .thenNothing();
    spec.given(new AnswerAccepted(POST_1, POST_2, ALICE, BOB, T0)).when(new QuestionDecider.Escalate(POST_1, ALICE, owners, T1)).thenNothing();
    spec.given().when(new QuestionDecider.Escalate(POST_1, ALICE, List.of(), T1)).thenNothing();
  }
}
