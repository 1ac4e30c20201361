package no.deling.topics;

import static no.deling.support.Fixtures.*;

import java.util.Set;
import no.deling.core.command.Rejection;
import no.deling.posts.PostDecider.PostState;
import no.deling.posts.PostDecider.Status;
import no.deling.support.DeciderSpec;
import no.deling.visibility.GroupFacts;
import no.deling.topics.TopicDecider.AppointOwner;
import no.deling.topics.TopicDecider.Describe;
import no.deling.topics.TopicDecider.DismissOwner;
import no.deling.topics.TopicDecider.Offer;
import no.deling.topics.TopicDecider.WithdrawOffer;
import no.deling.topics.TopicDecider.Pin;
import no.deling.topics.TopicEvent.TopicDescribed;
import no.deling.topics.TopicEvent.TopicOwnerAppointed;
import no.deling.topics.TopicEvent.TopicOwnerDismissed;
import no.deling.topics.TopicEvent.TopicOwnershipOfferWithdrawn;
import no.deling.topics.TopicEvent.TopicOwnershipOffered;
import no.deling.topics.TopicEvent.TopicPostPinned;
import no.deling.topics.TopicEvent.TopicPostUnpinned;
import org.junit.jupiter.api.Test;

class TopicDeciderTest {
  private static final String TOPIC = "kotlin";
  private static final String ADMIN = "admin1";
  private static final String P4 = "0384036914845450243";
  private final DeciderSpec<TopicDecider.TopicCommand, TopicState, TopicEvent> spec = DeciderSpec.of(new TopicDecider());

  private static AppointOwner appoint(String actor, boolean admin, String user) {
    return new AppointOwner(TOPIC, actor, admin, user, true, true, T1);
  }

  private static PostState post(String id, String text) {
    return new PostState(Status.LIVE, id, BOB, text, id, null);
  }

  private static Pin pin(String actor, String id, PostState post) {
    return new Pin(TOPIC, actor, false, id, post, null, true, Set.of(), T1);
  }

  @Test
  void onlyAnAdminAppoints_anActiveColleague_once_andAtMostFive() {
    spec.given().when(appoint(ADMIN, true, ALICE)).then(new TopicOwnerAppointed(TOPIC, ALICE, ADMIN, T1));
    spec.given(new TopicOwnerAppointed(TOPIC, ALICE, ADMIN, T0)).when(appoint(ADMIN, true, ALICE)).thenNothing();
    spec.given(new TopicOwnerAppointed(TOPIC, ALICE, ADMIN, T0)).when(appoint(ALICE, false, BOB)).thenRejected(Rejection.Forbidden.class);
    spec.given().when(new AppointOwner(TOPIC, ADMIN, true, "nobody", false, false, T1)).thenRejected(Rejection.NotFound.class);
    spec.given().when(new AppointOwner(TOPIC, ADMIN, true, CAROL, true, false, T1)).thenInvalid("userId", "active");
    spec.given(new TopicOwnerAppointed(TOPIC, "o1", ADMIN, T0), new TopicOwnerAppointed(TOPIC, "o2", ADMIN, T0),
            new TopicOwnerAppointed(TOPIC, "o3", ADMIN, T0), new TopicOwnerAppointed(TOPIC, "o4", ADMIN, T0),
            new TopicOwnerAppointed(TOPIC, "o5", ADMIN, T0))
        .when(appoint(ADMIN, true, ALICE)).thenInvalid("userId", "max-owners");
  }

  @Test
  void anyoneOffersToLookAfterATopic_onceWithItsNote_butNotAnOwner_andAtMostTwentyWait() {
    spec.given().when(new Offer(TOPIC, ALICE, false, "  I run the Kotlin guild\n", Set.of(), T1))
        .then(new TopicOwnershipOffered(TOPIC, ALICE, "I run the Kotlin guild", T1));
    spec.given().when(new Offer(TOPIC, ALICE, false, null, Set.of(), T1)).then(new TopicOwnershipOffered(TOPIC, ALICE, "", T1));
    TopicOwnershipOffered offered = new TopicOwnershipOffered(TOPIC, ALICE, "guild", T0);
    spec.given(offered).when(new Offer(TOPIC, ALICE, false, "guild ", Set.of(), T1)).thenNothing();
    spec.given(offered).when(new Offer(TOPIC, ALICE, false, "guild lead", Set.of(), T1)).then(new TopicOwnershipOffered(TOPIC, ALICE, "guild lead", T1));
    spec.given(new TopicOwnerAppointed(TOPIC, ALICE, ADMIN, T0)).when(new Offer(TOPIC, ALICE, false, "", Set.of(), T1)).thenInvalid("tag", "not-owner");
    spec.given().when(new Offer(TOPIC, ALICE, false, "x".repeat(TopicDecider.MAX_NOTE + 1), Set.of(), T1)).thenInvalid("note", "maxLength");
    spec.given().when(new Offer(TOPIC, ALICE, false, "me\u202Eevil", Set.of(), T1)).thenInvalid("note", "printable");
    TopicEvent[] twenty = new TopicEvent[TopicDecider.MAX_OFFERS];
    for (int i = 0; i < twenty.length; i++) twenty[i] = new TopicOwnershipOffered(TOPIC, "p" + i, "", T0);
    spec.given(twenty).when(new Offer(TOPIC, ALICE, false, "", Set.of(), T1)).thenInvalid("tag", "max-offers");
    spec.given(twenty).when(new Offer(TOPIC, "p3", false, "now with a note", Set.of(), T1)).then(new TopicOwnershipOffered(TOPIC, "p3", "now with a note", T1));
    // those who left hold no place: nobody sees their offers to answer them
    spec.given(twenty).when(new Offer(TOPIC, ALICE, false, "", Set.of("p7"), T1)).then(new TopicOwnershipOffered(TOPIC, ALICE, "", T1));
  }

  @Test
  void anOfferIsWithdrawnByItsMaker_declinedByAnAdmin_andEndedByTheAppointment() {
    TopicOwnershipOffered offered = new TopicOwnershipOffered(TOPIC, ALICE, "guild", T0);
    spec.given(offered).when(new WithdrawOffer(TOPIC, ALICE, false, ALICE, T1)).then(new TopicOwnershipOfferWithdrawn(TOPIC, ALICE, ALICE, T1));
    spec.given(offered).when(new WithdrawOffer(TOPIC, ADMIN, true, ALICE, T1)).then(new TopicOwnershipOfferWithdrawn(TOPIC, ALICE, ADMIN, T1));
    spec.given(offered).when(new WithdrawOffer(TOPIC, BOB, false, ALICE, T1)).thenRejected(Rejection.Forbidden.class);
    spec.given(offered, new TopicOwnershipOfferWithdrawn(TOPIC, ALICE, ALICE, T0)).when(new WithdrawOffer(TOPIC, ALICE, false, ALICE, T1)).thenNothing();
    spec.given().when(new WithdrawOffer(TOPIC, ADMIN, true, ALICE, T1)).thenNothing();
    // appointed, the offer is answered: nothing is left to withdraw, and a new one would be an owner's
    spec.given(offered, new TopicOwnerAppointed(TOPIC, ALICE, ADMIN, T1)).when(new WithdrawOffer(TOPIC, ALICE, false, ALICE, T1)).thenNothing();
    // a new note keeps the offer's date
    TopicState state = new TopicDecider().evolve(new TopicDecider().evolve(TopicState.NONE, offered), new TopicOwnershipOffered(TOPIC, ALICE, "lead", T1));
    org.assertj.core.api.Assertions.assertThat(state.offers()).containsExactly(new TopicState.Offer(ALICE, "lead", T0));
  }

  @Test
  void anAdminDismisses_anOwnerStepsDown_andNobodyElseRemovesAnOwner() {
    TopicOwnerAppointed alice = new TopicOwnerAppointed(TOPIC, ALICE, ADMIN, T0);
    spec.given(alice).when(new DismissOwner(TOPIC, ADMIN, true, ALICE, T1)).then(new TopicOwnerDismissed(TOPIC, ALICE, ADMIN, T1));
    spec.given(alice).when(new DismissOwner(TOPIC, ALICE, false, ALICE, T1)).then(new TopicOwnerDismissed(TOPIC, ALICE, ALICE, T1));
    spec.given(alice, new TopicOwnerAppointed(TOPIC, BOB, ADMIN, T0)).when(new DismissOwner(TOPIC, BOB, false, ALICE, T1))
        .thenRejected(Rejection.Forbidden.class);
    spec.given(alice, new TopicOwnerDismissed(TOPIC, ALICE, ADMIN, T0)).when(new DismissOwner(TOPIC, ADMIN, true, ALICE, T1)).thenNothing();
  }

  @Test
  void ownersAndAdminsDescribe_withinFiveHundredPrintableCharacters_andTheSameWordsChangeNothing() {
    TopicOwnerAppointed alice = new TopicOwnerAppointed(TOPIC, ALICE, ADMIN, T0);
    spec.given(alice).when(new Describe(TOPIC, ALICE, false, "  Kotlin on the JVM and Android.\nAsk here.  ", T1))
        .then(new TopicDescribed(TOPIC, "Kotlin on the JVM and Android.\nAsk here.", ALICE, T1));
    spec.given().when(new Describe(TOPIC, ADMIN, true, "Kotlin", T1)).then(new TopicDescribed(TOPIC, "Kotlin", ADMIN, T1));
    spec.given(alice).when(new Describe(TOPIC, BOB, false, "Mine now", T1)).thenRejected(Rejection.Forbidden.class);
    spec.given(alice, new TopicDescribed(TOPIC, "Kotlin", ALICE, T0)).when(new Describe(TOPIC, ALICE, false, "Kotlin ", T1)).thenNothing();
    spec.given(alice, new TopicDescribed(TOPIC, "Kotlin", ALICE, T0)).when(new Describe(TOPIC, ALICE, false, "", T1))
        .then(new TopicDescribed(TOPIC, "", ALICE, T1));
    spec.given(alice).when(new Describe(TOPIC, ALICE, false, "x".repeat(501), T1)).thenInvalid("description", "maxLength");
    spec.given(alice).when(new Describe(TOPIC, ALICE, false, "evil\u202Etxt.exe", T1)).thenInvalid("description", "printable");
    // a former owner is nobody here
    spec.given(alice, new TopicOwnerDismissed(TOPIC, ALICE, ADMIN, T0)).when(new Describe(TOPIC, ALICE, false, "Still mine", T1))
        .thenRejected(Rejection.Forbidden.class);
  }

  @Test
  void anOwnerPins_publicTopLevelPostsCarryingTheTopic_upToThree_andUnpins() {
    TopicOwnerAppointed alice = new TopicOwnerAppointed(TOPIC, ALICE, ADMIN, T0);
    spec.given(alice).when(pin(ALICE, POST_1, post(POST_1, "Start here #Kotlin"))).then(new TopicPostPinned(TOPIC, POST_1, ALICE, T1));
    spec.given(alice, new TopicPostPinned(TOPIC, POST_1, ALICE, T0)).when(pin(ALICE, POST_1, post(POST_1, "Start here #kotlin"))).thenNothing();
    spec.given(alice).when(pin(BOB, POST_1, post(POST_1, "#kotlin"))).thenRejected(Rejection.Forbidden.class);
    spec.given(alice).when(pin(ALICE, POST_1, post(POST_1, "No tag here"))).thenInvalid("postId", "hashtag");
    PostState inSales = new PostState(Status.LIVE, POST_1, BOB, "#kotlin", POST_1, SALES);
    spec.given(alice).when(new Pin(TOPIC, ALICE, false, POST_1, inSales, new GroupFacts(SALES, true, true, false, Set.of(ALICE, BOB)), true, Set.of(), T1))
        .thenInvalid("postId", "public");
    spec.given(alice).when(pin(ALICE, POST_2, new PostState(Status.LIVE, POST_2, BOB, "#kotlin", POST_1, null, POST_1, null)))
        .thenInvalid("postId", "top-level");
    // a private group's post is not there for someone outside it: no word of it being a group's
    spec.given(alice).when(new Pin(TOPIC, ALICE, false, POST_1, inSales, new GroupFacts(SALES, true, true, false, Set.of(BOB)), true, Set.of(), T1))
        .thenRejected(Rejection.NotFound.class);
    spec.given(alice).when(pin(ALICE, POST_1, new PostState(Status.DELETED, POST_1, BOB, "#kotlin", POST_1, null)))
        .thenRejected(Rejection.NotFound.class);
    TopicEvent[] three = {alice, new TopicPostPinned(TOPIC, POST_1, ALICE, T0), new TopicPostPinned(TOPIC, POST_2, ALICE, T0),
        new TopicPostPinned(TOPIC, POST_3, ALICE, T0)};
    spec.given(three).when(pin(ALICE, P4, post(P4, "#kotlin"))).thenInvalid("postId", "max-pinned");
    spec.given(three).when(new Pin(TOPIC, ALICE, false, P4, post(P4, "#kotlin"), null, true, Set.of(POST_2), T1))
        .then(new TopicPostPinned(TOPIC, P4, ALICE, T1)); // a deleted pinned post holds no place
    spec.given(three).when(new Pin(TOPIC, ADMIN, true, POST_2, null, null, false, Set.of(), T1)).then(new TopicPostUnpinned(TOPIC, POST_2, ADMIN, T1));
    spec.given(alice).when(new Pin(TOPIC, ALICE, false, POST_2, null, null, false, Set.of(), T1)).thenNothing();
  }
}
