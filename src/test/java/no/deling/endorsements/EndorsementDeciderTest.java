package no.deling.endorsements;

import static no.deling.support.Fixtures.*;

import no.deling.core.command.Rejection;
import no.deling.endorsements.EndorsementDecider.Endorse;
import no.deling.endorsements.EndorsementDecider.Withdraw;
import no.deling.endorsements.EndorsementEvent.EndorsementWithdrawn;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.posts.PostDecider.PostState;
import no.deling.posts.PostDecider.Status;
import no.deling.support.DeciderSpec;
import org.junit.jupiter.api.Test;

class EndorsementDeciderTest {
  private static final PostState ALICES_POST = new PostState(Status.LIVE, POST_1, ALICE, "hi", POST_1, null);
  private static final PostState DELETED = new PostState(Status.DELETED, POST_1, ALICE, null, POST_1, null);
  private final DeciderSpec<EndorsementDecider.EndorsementCommand, Boolean, EndorsementEvent> spec =
      DeciderSpec.of(new EndorsementDecider());

  @Test
  void endorse_someoneElsesPost_endorses() {
    spec.given().when(new Endorse(POST_1, BOB, ALICES_POST, T0)).then(new PostEndorsed(POST_1, ALICE, BOB, T0));
  }

  @Test
  void endorse_isIdempotent_whenAlreadyEndorsed() {
    spec.given(new PostEndorsed(POST_1, ALICE, BOB, T0)).when(new Endorse(POST_1, BOB, ALICES_POST, T1)).thenNothing();
  }

  @Test
  void endorse_ownPost_isInvalid() {
    spec.given().when(new Endorse(POST_1, ALICE, ALICES_POST, T0)).thenInvalid("id", "not-own-post");
  }

  @Test
  void endorse_deletedPost_isNotFound() {
    spec.given().when(new Endorse(POST_1, BOB, DELETED, T0)).thenRejected(Rejection.NotFound.class);
  }

  @Test
  void withdraw_endorsed_withdraws_andIsIdempotent() {
    spec.given(new PostEndorsed(POST_1, ALICE, BOB, T0)).when(new Withdraw(POST_1, BOB, ALICES_POST, T1))
        .then(new EndorsementWithdrawn(POST_1, ALICE, BOB, T1));
    spec.given(new PostEndorsed(POST_1, ALICE, BOB, T0), new EndorsementWithdrawn(POST_1, ALICE, BOB, T1))
        .when(new Withdraw(POST_1, BOB, ALICES_POST, T1)).thenNothing();
  }

  @Test
  void withdraw_evenFromDeletedPost_isAllowed() {
    spec.given(new PostEndorsed(POST_1, ALICE, BOB, T0)).when(new Withdraw(POST_1, BOB, DELETED, T1))
        .then(new EndorsementWithdrawn(POST_1, ALICE, BOB, T1));
  }
}
