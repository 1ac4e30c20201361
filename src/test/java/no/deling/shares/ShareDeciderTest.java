package no.deling.shares;

import static no.deling.support.Fixtures.*;

import java.util.Set;
import no.deling.core.command.Rejection;
import no.deling.posts.PostDecider.PostState;
import no.deling.posts.PostDecider.Status;
import no.deling.shares.ShareDecider.Share;
import no.deling.shares.ShareDecider.Unshare;
import no.deling.shares.ShareEvent.PostShared;
import no.deling.shares.ShareEvent.ShareWithdrawn;
import no.deling.support.DeciderSpec;
import no.deling.visibility.GroupFacts;
import org.junit.jupiter.api.Test;

class ShareDeciderTest {
  private static final String SHARE_ID = "0384036914845450999";
  private static final PostState PUBLIC = new PostState(Status.LIVE, POST_1, ALICE, "hi", POST_1, null);
  private static final PostState IN_SALES = new PostState(Status.LIVE, POST_1, ALICE, "hi", POST_1, SALES);
  private static final PostState IN_KOTLIN = new PostState(Status.LIVE, POST_1, ALICE, "hi", POST_1, KOTLIN);
  private static final GroupFacts SALES_WITH_ALICE_AND_BOB = new GroupFacts(SALES, true, true, false, Set.of(ALICE, BOB));
  private static final GroupFacts KOTLIN_OPEN = new GroupFacts(KOTLIN, true, false, false, Set.of(ALICE));
  private final DeciderSpec<ShareDecider.ShareCommand, String, ShareEvent> spec = DeciderSpec.of(new ShareDecider());

  @Test
  void share_aPublicPost_shares_once() {
    spec.given().when(new Share(POST_1, BOB, PUBLIC, null, SHARE_ID, T0)).then(new PostShared(POST_1, ALICE, BOB, SHARE_ID, T0));
    spec.given(new PostShared(POST_1, ALICE, BOB, SHARE_ID, T0)).when(new Share(POST_1, BOB, PUBLIC, null, "0384036914845451000", T1)).thenNothing();
  }

  @Test
  void share_aPrivateGroupsPost_isRefused_evenForAMember() {
    spec.given().when(new Share(POST_1, BOB, IN_SALES, SALES_WITH_ALICE_AND_BOB, SHARE_ID, T0)).thenInvalid("id", "private-group-post");
  }

  @Test
  void share_aPrivateGroupsPost_byANonMember_isNotFound() {
    spec.given().when(new Share(POST_1, CAROL, IN_SALES, SALES_WITH_ALICE_AND_BOB, SHARE_ID, T0)).thenRejected(Rejection.NotFound.class);
  }

  @Test
  void share_anOpenGroupsPost_isAllowed() {
    spec.given().when(new Share(POST_1, BOB, IN_KOTLIN, KOTLIN_OPEN, SHARE_ID, T0)).then(new PostShared(POST_1, ALICE, BOB, SHARE_ID, T0));
  }

  @Test
  void share_ownPost_isInvalid_andUnshare_isIdempotent() {
    spec.given().when(new Share(POST_1, ALICE, PUBLIC, null, SHARE_ID, T0)).thenInvalid("id", "not-own-post");
    spec.given().when(new Unshare(POST_1, BOB, PUBLIC, T0)).thenNothing();
    spec.given(new PostShared(POST_1, ALICE, BOB, SHARE_ID, T0)).when(new Unshare(POST_1, BOB, PUBLIC, T1))
        .then(new ShareWithdrawn(POST_1, ALICE, BOB, SHARE_ID, T1));
  }
}
