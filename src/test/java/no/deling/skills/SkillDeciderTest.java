package no.deling.skills;

import static no.deling.support.Fixtures.*;

import java.util.Set;
import no.deling.core.command.Rejection;
import no.deling.posts.PostDecider.PostState;
import no.deling.posts.PostDecider.Status;
import no.deling.skills.SkillDecider.EndorseSkill;
import no.deling.skills.SkillDecider.ShowSkill;
import no.deling.skills.SkillDecider.WithdrawSkill;
import no.deling.skills.SkillEvent.SkillEndorsed;
import no.deling.skills.SkillEvent.SkillEndorsementWithdrawn;
import no.deling.skills.SkillEvent.SkillHidden;
import no.deling.skills.SkillEvent.SkillShown;
import no.deling.support.DeciderSpec;
import no.deling.visibility.GroupFacts;
import org.junit.jupiter.api.Test;

class SkillDeciderTest {
  private static final PostState BOBS_POST = new PostState(Status.LIVE, POST_1, BOB, "How I tuned #kotlin coroutines", POST_1, null);
  private static final PostState CAROLS_POST = new PostState(Status.LIVE, POST_2, CAROL, "Mine", POST_2, null);
  private static final PostState BOBS_PRIVATE_POST = new PostState(Status.LIVE, POST_3, BOB, "In sales", POST_3, SALES);
  private static final GroupFacts SALES_BOB_ONLY = new GroupFacts(SALES, true, true, false, Set.of(BOB));
  private final DeciderSpec<SkillDecider.SkillCommand, SkillDecider.SkillState, SkillEvent> spec = DeciderSpec.of(new SkillDecider());

  @Test
  void endorsingAColleague_withTheirOwnPostAsEvidence() {
    spec.given().when(new EndorseSkill(BOB, "#Kotlin", ALICE, true, POST_1, BOBS_POST, null, T0))
        .then(new SkillEndorsed(BOB, "kotlin", ALICE, POST_1, T0));
    spec.given(new SkillEndorsed(BOB, "kotlin", ALICE, POST_1, T0)).when(new EndorseSkill(BOB, "kotlin", ALICE, true, POST_1, BOBS_POST, null, T1))
        .thenNothing();
  }

  @Test
  void endorsingWithoutEvidence_isAllowed_andReEndorsingWithEvidence_replacesIt() {
    spec.given().when(new EndorseSkill(BOB, "kotlin", ALICE, true, null, null, null, T0)).then(new SkillEndorsed(BOB, "kotlin", ALICE, null, T0));
    spec.given(new SkillEndorsed(BOB, "kotlin", ALICE, null, T0)).when(new EndorseSkill(BOB, "kotlin", ALICE, true, POST_1, BOBS_POST, null, T1))
        .then(new SkillEndorsed(BOB, "kotlin", ALICE, POST_1, T1));
  }

  @Test
  void evidence_mustBeThePersonsOwnPost_thatTheEndorserCanSee() {
    spec.given().when(new EndorseSkill(BOB, "kotlin", ALICE, true, POST_2, CAROLS_POST, null, T0)).thenInvalid("evidence", "their-own-post");
    spec.given().when(new EndorseSkill(BOB, "kotlin", ALICE, true, POST_3, BOBS_PRIVATE_POST, SALES_BOB_ONLY, T0))
        .thenInvalid("evidence", "existing-post");
    spec.given().when(new EndorseSkill(BOB, "kotlin", ALICE, true, POST_1, new PostState(Status.DELETED, POST_1, BOB, null, POST_1, null), null, T0))
        .thenInvalid("evidence", "existing-post");
  }

  @Test
  void endorsingYourself_anUnknownPerson_orABadTopic_isRefused() {
    spec.given().when(new EndorseSkill(ALICE, "kotlin", ALICE, true, null, null, null, T0)).thenInvalid("id", "not-yourself");
    spec.given().when(new EndorseSkill("nobody", "kotlin", ALICE, false, null, null, null, T0)).thenRejected(Rejection.NotFound.class);
    spec.given().when(new EndorseSkill(BOB, "no spaces", ALICE, true, null, null, null, T0)).thenInvalid("topic", "hashtag");
  }

  @Test
  void withdrawing_andHiding() {
    spec.given(new SkillEndorsed(BOB, "kotlin", ALICE, null, T0)).when(new WithdrawSkill(BOB, "kotlin", ALICE, T1))
        .then(new SkillEndorsementWithdrawn(BOB, "kotlin", ALICE, T1));
    spec.given().when(new WithdrawSkill(BOB, "kotlin", ALICE, T1)).thenNothing();
    spec.given().when(new ShowSkill(BOB, "kotlin", BOB, false, T0)).then(new SkillHidden(BOB, "kotlin", T0));
    spec.given(new SkillHidden(BOB, "kotlin", T0)).when(new ShowSkill(BOB, "kotlin", BOB, false, T1)).thenNothing();
    spec.given(new SkillHidden(BOB, "kotlin", T0)).when(new ShowSkill(BOB, "kotlin", BOB, true, T1)).then(new SkillShown(BOB, "kotlin", T1));
    spec.given().when(new ShowSkill(BOB, "kotlin", ALICE, false, T0)).thenRejected(Rejection.Forbidden.class);
  }
}
