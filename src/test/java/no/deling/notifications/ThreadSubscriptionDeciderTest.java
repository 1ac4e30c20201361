package no.deling.notifications;

import static no.deling.support.Fixtures.*;

import java.util.Set;
import no.deling.core.command.Rejection;
import no.deling.notifications.NotificationEvent.ThreadSubscriptionSet;
import no.deling.notifications.ThreadSubscriptionDecider.Choose;
import no.deling.posts.PostDecider.PostState;
import no.deling.posts.PostDecider.Status;
import no.deling.support.DeciderSpec;
import no.deling.visibility.GroupFacts;
import org.junit.jupiter.api.Test;

class ThreadSubscriptionDeciderTest {
  /** A reply (POST_2) in the conversation POST_1 began. */
  private static final PostState REPLY = new PostState(Status.LIVE, POST_2, ALICE, "Yes", POST_1, null, POST_1, null);
  private static final PostState IN_SALES = new PostState(Status.LIVE, POST_2, ALICE, "Yes", POST_1, SALES, POST_1, null);
  private static final GroupFacts SALES_FACTS = new GroupFacts(SALES, true, true, false, Set.of(ALICE));
  private final DeciderSpec<Choose, Boolean, NotificationEvent> spec = DeciderSpec.of(new ThreadSubscriptionDecider());

  @Test
  void aChoice_isRecordedForTheConversation_once() {
    spec.given().when(new Choose(BOB, POST_2, REPLY, null, true, T0)).then(new ThreadSubscriptionSet(BOB, POST_1, true, T0));
    spec.given(new ThreadSubscriptionSet(BOB, POST_1, true, T0)).when(new Choose(BOB, POST_2, REPLY, null, true, T1)).thenNothing();
    spec.given(new ThreadSubscriptionSet(BOB, POST_1, true, T0)).when(new Choose(BOB, POST_2, REPLY, null, false, T1))
        .then(new ThreadSubscriptionSet(BOB, POST_1, false, T1));
  }

  @Test
  void aConversationOneMayNotSee_orThatIsGone_isNoConversation() {
    spec.given().when(new Choose(BOB, POST_2, IN_SALES, SALES_FACTS, true, T0)).thenRejected(Rejection.NotFound.class);
    spec.given().when(new Choose(ALICE, POST_2, IN_SALES, SALES_FACTS, false, T0)).then(new ThreadSubscriptionSet(ALICE, POST_1, false, T0));
    spec.given().when(new Choose(BOB, POST_2, new PostState(Status.DELETED, POST_2, ALICE, null, POST_1, null), null, true, T0))
        .thenRejected(Rejection.NotFound.class);
  }
}
