package no.deling.saved;

import static no.deling.support.Fixtures.*;

import java.util.Set;
import no.deling.core.command.Rejection;
import no.deling.posts.PostDecider.PostState;
import no.deling.posts.PostDecider.Status;
import no.deling.saved.SaveDecider.Save;
import no.deling.saved.SaveDecider.SaveCommand;
import no.deling.saved.SaveDecider.Unsave;
import no.deling.saved.SavedEvent.PostSaved;
import no.deling.saved.SavedEvent.PostUnsaved;
import no.deling.support.DeciderSpec;
import no.deling.visibility.GroupFacts;
import org.junit.jupiter.api.Test;

class SaveDeciderTest {
  private static final java.time.Instant T2 = T1.plusSeconds(60);
  private static final PostState PUBLIC = new PostState(Status.LIVE, POST_1, ALICE, "Read this", null, null);
  private static final PostState IN_SALES = new PostState(Status.LIVE, POST_1, ALICE, "Pipeline", null, SALES);
  private static final GroupFacts SALES_FACTS = new GroupFacts(SALES, true, true, false, Set.of(ALICE));
  private final DeciderSpec<SaveCommand, Boolean, SavedEvent> spec = DeciderSpec.of(new SaveDecider());

  @Test
  void save_isIdempotent_andOneMaySaveOnesOwnPost() {
    spec.given().when(new Save(BOB, POST_1, PUBLIC, null, T0)).then(new PostSaved(BOB, POST_1, T0));
    spec.given(new PostSaved(BOB, POST_1, T0)).when(new Save(BOB, POST_1, PUBLIC, null, T1)).thenNothing();
    spec.given().when(new Save(ALICE, POST_1, PUBLIC, null, T0)).then(new PostSaved(ALICE, POST_1, T0));
    spec.given(new PostSaved(BOB, POST_1, T0), new PostUnsaved(BOB, POST_1, T1)).when(new Save(BOB, POST_1, PUBLIC, null, T2))
        .then(new PostSaved(BOB, POST_1, T2));
  }

  @Test
  void save_ofAPostOneMayNotSee_orThatIsGone_isRejectedAsUnknown() {
    spec.given().when(new Save(BOB, POST_1, IN_SALES, SALES_FACTS, T0)).thenRejected(Rejection.NotFound.class);
    spec.given().when(new Save(ALICE, POST_1, IN_SALES, SALES_FACTS, T0)).then(new PostSaved(ALICE, POST_1, T0));
    spec.given().when(new Save(BOB, POST_1, new PostState(Status.DELETED, POST_1, ALICE, null, null, null), null, T0))
        .thenRejected(Rejection.NotFound.class);
  }

  @Test
  void unsave_isIdempotent_andNeedsNoLookAtThePost() {
    spec.given(new PostSaved(BOB, POST_1, T0)).when(new Unsave(BOB, POST_1, T1)).then(new PostUnsaved(BOB, POST_1, T1));
    spec.given(new PostSaved(BOB, POST_1, T0), new PostUnsaved(BOB, POST_1, T1)).when(new Unsave(BOB, POST_1, T2)).thenNothing();
    spec.given().when(new Unsave(BOB, POST_1, T0)).thenNothing();
  }
}
