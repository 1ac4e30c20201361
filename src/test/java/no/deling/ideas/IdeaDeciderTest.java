package no.deling.ideas;

import static no.deling.support.Fixtures.*;

import java.util.Set;
import no.deling.core.command.Rejection;
import no.deling.ideas.IdeaDecider.SetStatus;
import no.deling.ideas.IdeaEvent.IdeaStatusSet;
import no.deling.posts.PostDecider;
import no.deling.posts.PostDecider.PostState;
import no.deling.posts.PostDecider.Status;
import no.deling.support.DeciderSpec;
import no.deling.visibility.GroupFacts;
import org.junit.jupiter.api.Test;

class IdeaDeciderTest {
  private static final PostState PUBLIC_IDEA = new PostState(Status.LIVE, POST_1, ALICE, "Four-day week", POST_1, null, null, PostDecider.IDEA);
  private static final PostState GROUP_IDEA = new PostState(Status.LIVE, POST_1, ALICE, "Shared car", POST_1, SALES, null, PostDecider.IDEA);
  private static final PostState PLAIN = new PostState(Status.LIVE, POST_1, ALICE, "Hi", POST_1, null, null, null);
  private static final GroupFacts SALES_FACTS = new GroupFacts(SALES, true, true, false, Set.of(ALICE, BOB));
  private final DeciderSpec<SetStatus, IdeaDecider.IdeaState, IdeaEvent> spec = DeciderSpec.of(new IdeaDecider());

  @Test
  void aLeader_setsAPublicIdeasStatus_withANote_once() {
    spec.given().when(new SetStatus(POST_1, CAROL, PUBLIC_IDEA, null, true, false, "under-review", " Board meets Friday ", T0))
        .then(new IdeaStatusSet(POST_1, ALICE, "under-review", "Board meets Friday", CAROL, T0));
    spec.given(new IdeaStatusSet(POST_1, ALICE, "under-review", "Board meets Friday", CAROL, T0))
        .when(new SetStatus(POST_1, CAROL, PUBLIC_IDEA, null, true, false, "under-review", "Board meets Friday", T1)).thenNothing();
  }

  @Test
  void aGroupOwner_setsTheStatusOfTheirGroupsIdea_butNotOfAPublicOne() {
    spec.given().when(new SetStatus(POST_1, BOB, GROUP_IDEA, SALES_FACTS, false, true, "accepted", null, T0))
        .then(new IdeaStatusSet(POST_1, ALICE, "accepted", null, BOB, T0));
    spec.given().when(new SetStatus(POST_1, BOB, PUBLIC_IDEA, null, false, true, "accepted", null, T0)).thenRejected(Rejection.Forbidden.class);
  }

  @Test
  void settingAStatus_withoutTheRight_isForbidden_andOnlyIdeasHaveOne() {
    spec.given().when(new SetStatus(POST_1, ALICE, PUBLIC_IDEA, null, false, false, "done", null, T0)).thenRejected(Rejection.Forbidden.class);
    spec.given().when(new SetStatus(POST_1, CAROL, PLAIN, null, true, false, "done", null, T0)).thenInvalid("id", "idea");
    spec.given().when(new SetStatus(POST_1, CAROL, PUBLIC_IDEA, null, true, false, "maybe", null, T0)).thenInvalid("status", "enum");
    spec.given().when(new SetStatus(POST_1, CAROL, GROUP_IDEA, SALES_FACTS, true, false, "done", null, T0)).thenRejected(Rejection.NotFound.class);
  }
}
