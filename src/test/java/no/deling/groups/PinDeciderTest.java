package no.deling.groups;

import static no.deling.support.Fixtures.*;

import java.util.List;
import java.util.Map;
import java.util.Set;
import no.deling.core.command.Rejection;
import no.deling.groups.GroupState.Role;
import no.deling.groups.PinDecider.PinCommand;
import no.deling.groups.PinEvent.GroupPostPinned;
import no.deling.groups.PinEvent.GroupPostUnpinned;
import no.deling.posts.PostDecider.PostState;
import no.deling.posts.PostDecider.Status;
import no.deling.support.DeciderSpec;
import org.junit.jupiter.api.Test;

class PinDeciderTest {
  private static final String P1 = "0384036914845450241";
  private static final String P2 = "0384036914845450242";
  private static final String P3 = "0384036914845450243";
  private static final String P4 = "0384036914845450244";
  private static final GroupState SALES_GROUP = new GroupState(true, SALES, "Sales", true, false, Map.of(ALICE, Role.OWNER, BOB, Role.MEMBER));
  private final DeciderSpec<PinCommand, List<String>, PinEvent> spec = DeciderSpec.of(new PinDecider());

  private static PostState inSales(String id) {
    return new PostState(Status.LIVE, id, BOB, "Read this first", id, SALES);
  }

  private static PinCommand pin(String actor, GroupState group, String id, PostState post) {
    return new PinCommand(actor, SALES, group, id, post, true, Set.of(), T1);
  }

  @Test
  void anOwnerPins_upToThree_theSamePostOnce_andUnpins() {
    spec.given().when(pin(ALICE, SALES_GROUP, P1, inSales(P1))).then(new GroupPostPinned(SALES, P1, ALICE, T1));
    spec.given(new GroupPostPinned(SALES, P1, ALICE, T0)).when(pin(ALICE, SALES_GROUP, P1, inSales(P1))).thenNothing();
    List<PinEvent> three = List.of(new GroupPostPinned(SALES, P1, ALICE, T0), new GroupPostPinned(SALES, P2, ALICE, T0),
        new GroupPostPinned(SALES, P3, ALICE, T0));
    spec.given(three.toArray(PinEvent[]::new)).when(pin(ALICE, SALES_GROUP, P4, inSales(P4))).thenInvalid("postId", "max-pinned");
    spec.given(three.toArray(PinEvent[]::new)).when(new PinCommand(ALICE, SALES, SALES_GROUP, P4, inSales(P4), true, Set.of(P2), T1))
        .then(new GroupPostPinned(SALES, P4, ALICE, T1)); // a deleted pinned post holds no place
    spec.given(new GroupPostPinned(SALES, P1, ALICE, T0)).when(new PinCommand(ALICE, SALES, SALES_GROUP, P1, null, false, Set.of(), T1))
        .then(new GroupPostUnpinned(SALES, P1, ALICE, T1));
    spec.given().when(new PinCommand(ALICE, SALES, SALES_GROUP, P1, null, false, Set.of(), T1)).thenNothing();
  }

  @Test
  void onlyAnOwner_ofAGroupTheyMaySee_pinsATopLevelPostOfThatGroup() {
    spec.given().when(pin(BOB, SALES_GROUP, P1, inSales(P1))).thenRejected(Rejection.Forbidden.class);
    spec.given().when(pin("carol", SALES_GROUP, P1, inSales(P1))).thenRejected(Rejection.NotFound.class);
    spec.given().when(pin(ALICE, null, P1, inSales(P1))).thenRejected(Rejection.NotFound.class);
    spec.given().when(pin(ALICE, SALES_GROUP, P1, new PostState(Status.LIVE, P1, BOB, "Elsewhere", P1, null))).thenInvalid("postId", "group-post");
    spec.given().when(pin(ALICE, SALES_GROUP, P1, new PostState(Status.DELETED, P1, BOB, null, P1, SALES))).thenInvalid("postId", "group-post");
    spec.given().when(pin(ALICE, SALES_GROUP, P2, new PostState(Status.LIVE, P2, BOB, "A reply", P1, SALES, P1, null)))
        .thenInvalid("postId", "top-level");
    GroupState archived = new GroupState(true, SALES, "Sales", true, true, Map.of(ALICE, Role.OWNER));
    spec.given().when(pin(ALICE, archived, P1, inSales(P1))).thenRejected(Rejection.Forbidden.class);
  }
}
