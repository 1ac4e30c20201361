package no.deling.moderation;

import static no.deling.support.Fixtures.*;

import java.util.Set;
import no.deling.core.command.Rejection;
import no.deling.moderation.ModerationEvent.PostReported;
import no.deling.moderation.ModerationEvent.ReportsDismissed;
import no.deling.moderation.ReportDecider.Dismiss;
import no.deling.moderation.ReportDecider.Report;
import no.deling.posts.PostDecider.PostState;
import no.deling.posts.PostDecider.Status;
import no.deling.support.DeciderSpec;
import no.deling.visibility.GroupFacts;
import org.junit.jupiter.api.Test;

class ReportDeciderTest {
  private static final PostState ALICES_POST = new PostState(Status.LIVE, POST_1, ALICE, "Buy watches", POST_1, null);
  private static final PostState IN_SALES = new PostState(Status.LIVE, POST_1, ALICE, "Numbers", POST_1, SALES);
  private static final PostState DELETED = new PostState(Status.DELETED, POST_1, ALICE, null, POST_1, null);
  private static final GroupFacts SALES_FACTS = new GroupFacts(SALES, true, true, false, Set.of(ALICE, BOB));
  private static final PostReported BOBS_REPORT = new PostReported(POST_1, ALICE, BOB, "spam", null, T0);
  private final DeciderSpec<ReportDecider.ReportCommand, ReportDecider.Open, ModerationEvent> spec = DeciderSpec.of(new ReportDecider());

  @Test
  void someoneWhoSeesAPost_reportsItOnce_whileTheirReportIsOpen() {
    spec.given().when(new Report(POST_1, BOB, ALICES_POST, null, "spam", " ", T0)).then(BOBS_REPORT);
    spec.given(BOBS_REPORT).when(new Report(POST_1, BOB, ALICES_POST, null, "harassment", null, T1)).thenNothing();
    spec.given(BOBS_REPORT).when(new Report(POST_1, CAROL, ALICES_POST, null, "other", " Odd ", T1))
        .then(new PostReported(POST_1, ALICE, CAROL, "other", "Odd", T1));
    spec.given(BOBS_REPORT, new ReportsDismissed(POST_1, CAROL, T1)).when(new Report(POST_1, BOB, ALICES_POST, null, "spam", null, T1))
        .then(new PostReported(POST_1, ALICE, BOB, "spam", null, T1));
  }

  @Test
  void aReport_needsAKnownReason_wordsForOther_andSomeoneElsesPost() {
    spec.given().when(new Report(POST_1, BOB, ALICES_POST, null, "rude", null, T0)).thenInvalid("reason", "enum");
    spec.given().when(new Report(POST_1, BOB, ALICES_POST, null, null, null, T0)).thenInvalid("reason", "enum");
    spec.given().when(new Report(POST_1, BOB, ALICES_POST, null, "other", "  ", T0)).thenInvalid("note", "required");
    spec.given().when(new Report(POST_1, BOB, ALICES_POST, null, "spam", "x".repeat(501), T0)).thenInvalid("note", "maxLength");
    spec.given().when(new Report(POST_1, ALICE, ALICES_POST, null, "spam", null, T0)).thenInvalid("id", "not-own-post");
  }

  @Test
  void aPostOneMayNotSee_orThatIsGone_isNoPost() {
    spec.given().when(new Report(POST_1, CAROL, IN_SALES, SALES_FACTS, "spam", null, T0)).thenRejected(Rejection.NotFound.class);
    spec.given().when(new Report(POST_1, BOB, IN_SALES, SALES_FACTS, "spam", null, T0))
        .then(new PostReported(POST_1, ALICE, BOB, "spam", null, T0));
    spec.given().when(new Report(POST_1, BOB, DELETED, null, "spam", null, T0)).thenRejected(Rejection.NotFound.class);
    spec.given().when(new Dismiss(POST_1, CAROL, IN_SALES, SALES_FACTS, true, T0)).thenRejected(Rejection.NotFound.class);
  }

  @Test
  void onlyAModerator_keepsAPost_andKeepingWithNothingOpen_changesNothing() {
    spec.given(BOBS_REPORT).when(new Dismiss(POST_1, CAROL, ALICES_POST, null, false, T1)).thenRejected(Rejection.Forbidden.class);
    spec.given(BOBS_REPORT).when(new Dismiss(POST_1, CAROL, ALICES_POST, null, true, T1)).then(new ReportsDismissed(POST_1, CAROL, T1));
    spec.given(BOBS_REPORT, new ReportsDismissed(POST_1, CAROL, T1)).when(new Dismiss(POST_1, CAROL, ALICES_POST, null, true, T1)).thenNothing();
  }

  @Test
  void moderators_areAdminsAndTheGroupsOwners() {
    org.assertj.core.api.Assertions.assertThat(Moderators.mayModerate(true, false)).isTrue();
    org.assertj.core.api.Assertions.assertThat(Moderators.mayModerate(false, true)).isTrue();
    org.assertj.core.api.Assertions.assertThat(Moderators.mayModerate(false, false)).isFalse();
  }
}
