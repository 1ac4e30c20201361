package no.deling.follows;

import static no.deling.support.Fixtures.*;

import no.deling.core.command.Rejection;
import no.deling.follows.FollowDecider.FollowTopic;
import no.deling.follows.FollowDecider.FollowUser;
import no.deling.follows.FollowDecider.Following;
import no.deling.follows.FollowDecider.UnfollowTopic;
import no.deling.follows.FollowDecider.UnfollowUser;
import no.deling.follows.FollowEvent.TopicFollowed;
import no.deling.follows.FollowEvent.TopicUnfollowed;
import no.deling.follows.FollowEvent.UserFollowed;
import no.deling.follows.FollowEvent.UserUnfollowed;
import no.deling.support.DeciderSpec;
import org.junit.jupiter.api.Test;

class FollowDeciderTest {
  private final DeciderSpec<FollowDecider.FollowCommand, Following, FollowEvent> spec = DeciderSpec.of(new FollowDecider());

  @Test
  void follow_knownUser_follows() {
    spec.given().when(new FollowUser(ALICE, BOB, true, T0)).then(new UserFollowed(ALICE, BOB, T0));
  }

  @Test
  void follow_isIdempotent_whenAlreadyFollowing() {
    spec.given(new UserFollowed(ALICE, BOB, T0)).when(new FollowUser(ALICE, BOB, true, T1)).thenNothing();
  }

  @Test
  void follow_again_afterUnfollow_follows() {
    spec.given(new UserFollowed(ALICE, BOB, T0), new UserUnfollowed(ALICE, BOB, T0))
        .when(new FollowUser(ALICE, BOB, true, T1)).then(new UserFollowed(ALICE, BOB, T1));
  }

  @Test
  void follow_yourself_isInvalid() {
    spec.given().when(new FollowUser(ALICE, ALICE, true, T0)).thenInvalid("id", "not-yourself");
  }

  @Test
  void follow_unknownUser_isNotFound() {
    spec.given().when(new FollowUser(ALICE, "nobody", false, T0)).thenRejected(Rejection.NotFound.class);
  }

  @Test
  void unfollow_followed_unfollows_andStrangerIsNoop() {
    spec.given(new UserFollowed(ALICE, BOB, T0)).when(new UnfollowUser(ALICE, BOB, T1)).then(new UserUnfollowed(ALICE, BOB, T1));
    spec.given().when(new UnfollowUser(ALICE, BOB, T1)).thenNothing();
  }

  @Test
  void topics_followAndUnfollow_areIdempotent() {
    spec.given().when(new FollowTopic(ALICE, "kotlin", T0)).then(new TopicFollowed(ALICE, "kotlin", T0));
    spec.given(new TopicFollowed(ALICE, "kotlin", T0)).when(new FollowTopic(ALICE, "kotlin", T1)).thenNothing();
    spec.given(new TopicFollowed(ALICE, "kotlin", T0)).when(new UnfollowTopic(ALICE, "kotlin", T1))
        .then(new TopicUnfollowed(ALICE, "kotlin", T1));
    spec.given().when(new UnfollowTopic(ALICE, "kotlin", T1)).thenNothing();
  }

  @Test
  void muteGroup_keepsAGroupTheyMaySeeOffTheirHome_once_andUnmuteUndoesIt() {
    var sales = new no.deling.visibility.GroupFacts(SALES, true, true, false, java.util.Set.of(ALICE));
    var kotlin = new no.deling.visibility.GroupFacts(KOTLIN, true, false, false, java.util.Set.of(BOB));
    spec.given().when(new FollowDecider.MuteGroup(ALICE, SALES, sales, T0)).then(new FollowEvent.GroupMuted(ALICE, SALES, T0));
    spec.given(new FollowEvent.GroupMuted(ALICE, SALES, T0)).when(new FollowDecider.MuteGroup(ALICE, SALES, sales, T1)).thenNothing();
    spec.given().when(new FollowDecider.MuteGroup(ALICE, KOTLIN, kotlin, T0)).then( // an open group, not yet joined
        new FollowEvent.GroupMuted(ALICE, KOTLIN, T0));
    spec.given().when(new FollowDecider.MuteGroup(BOB, SALES, sales, T0)).thenRejected(no.deling.core.command.Rejection.NotFound.class);
    spec.given().when(new FollowDecider.MuteGroup(ALICE, SALES, no.deling.visibility.GroupFacts.unknown(SALES), T0))
        .thenRejected(no.deling.core.command.Rejection.NotFound.class);
    spec.given(new FollowEvent.GroupMuted(ALICE, SALES, T0)).when(new FollowDecider.UnmuteGroup(ALICE, SALES, T1))
        .then(new FollowEvent.GroupUnmuted(ALICE, SALES, T1));
    spec.given().when(new FollowDecider.UnmuteGroup(ALICE, SALES, T1)).thenNothing();
  }
}
