package no.deling.groups;

import static no.deling.support.Fixtures.*;

import java.util.List;
import no.deling.core.command.Rejection;
import no.deling.groups.GroupDecider.ArchiveGroup;
import no.deling.groups.GroupDecider.CreateGroup;
import no.deling.groups.GroupDecider.PassOwnership;
import no.deling.groups.GroupDecider.PutMember;
import no.deling.groups.GroupDecider.RemoveMember;
import no.deling.groups.GroupDecider.RequestToJoin;
import no.deling.groups.GroupEvent.GroupArchived;
import no.deling.groups.GroupEvent.GroupCreated;
import no.deling.groups.GroupEvent.GroupJoinRequested;
import no.deling.groups.GroupEvent.GroupMemberInvited;
import no.deling.groups.GroupEvent.GroupMemberJoined;
import no.deling.groups.GroupEvent.GroupMemberRemoved;
import no.deling.groups.GroupEvent.GroupOwnerChanged;
import no.deling.groups.GroupEvent.GroupOwnershipPassed;
import java.util.Set;
import no.deling.support.DeciderSpec;
import org.junit.jupiter.api.Test;

class GroupDeciderTest {
  private final DeciderSpec<GroupDecider.GroupCommand, GroupState, GroupEvent> spec = DeciderSpec.of(new GroupDecider());
  private static final GroupCreated SALES_BY_ALICE = new GroupCreated(SALES, "Sales", "", List.of(), "private", ALICE, T0);
  private static final GroupCreated KOTLIN_BY_ALICE = new GroupCreated(KOTLIN, "Kotlin", "", List.of("kotlin"), "open", ALICE, T0);

  @Test
  void create_normalisesTopics_andMakesTheCreatorOwner() {
    spec.given().when(new CreateGroup(SALES, " Sales ", null, List.of("#Deals", "deals"), "private", ALICE, T0))
        .then(new GroupCreated(SALES, "Sales", "", List.of("deals"), "private", ALICE, T0));
  }

  @Test
  void create_refusesABlankName_anUnknownAccess_andABadTopic() {
    spec.given().when(new CreateGroup(SALES, "  ", null, List.of(), "open", ALICE, T0)).thenInvalid("name", "group-name");
    spec.given().when(new CreateGroup(SALES, "Sales", null, List.of(), "secret", ALICE, T0)).thenInvalid("access", "enum");
    spec.given().when(new CreateGroup(SALES, "Sales", null, List.of("no spaces"), "open", ALICE, T0)).thenInvalid("topics", "hashtag");
  }

  @Test
  void anOwner_changesWhatTheGroupSaysOfItself_andWhatIsLeftOutStays() {
    spec.given(KOTLIN_BY_ALICE).when(new GroupDecider.DescribeGroup(KOTLIN, ALICE, null, " Coroutines and all ", null, T1))
        .then(new GroupEvent.GroupDetailsChanged(KOTLIN, "Kotlin", "Coroutines and all", List.of("kotlin"), ALICE, T1));
    spec.given(KOTLIN_BY_ALICE).when(new GroupDecider.DescribeGroup(KOTLIN, ALICE, "Kotlin guild", null, List.of("#Kotlin", "jvm"), T1))
        .then(new GroupEvent.GroupDetailsChanged(KOTLIN, "Kotlin guild", "", List.of("kotlin", "jvm"), ALICE, T1));
    spec.given(KOTLIN_BY_ALICE, new GroupEvent.GroupDetailsChanged(KOTLIN, "Kotlin guild", "", List.of("kotlin"), ALICE, T1))
        .when(new GroupDecider.DescribeGroup(KOTLIN, ALICE, " Kotlin guild", "", List.of("kotlin"), T1)).thenNothing();
  }

  @Test
  void describing_isForOwners_ofAGroupNotArchived_withSomethingValidToChange() {
    spec.given(KOTLIN_BY_ALICE, new GroupMemberJoined(KOTLIN, BOB, BOB, "open", T0))
        .when(new GroupDecider.DescribeGroup(KOTLIN, BOB, "Mine now", null, null, T1)).thenRejected(Rejection.Forbidden.class);
    spec.given(KOTLIN_BY_ALICE, new GroupEvent.GroupArchived(KOTLIN, ALICE, T0))
        .when(new GroupDecider.DescribeGroup(KOTLIN, ALICE, "Renamed", null, null, T1)).thenRejected(Rejection.Forbidden.class);
    spec.given(KOTLIN_BY_ALICE).when(new GroupDecider.DescribeGroup(KOTLIN, ALICE, null, null, null, T1)).thenInvalid("name", "required");
    spec.given(KOTLIN_BY_ALICE).when(new GroupDecider.DescribeGroup(KOTLIN, ALICE, " ", null, null, T1)).thenInvalid("name", "group-name");
    spec.given(KOTLIN_BY_ALICE).when(new GroupDecider.DescribeGroup(KOTLIN, ALICE, null, null, List.of("a b"), T1)).thenInvalid("topics", "hashtag");
    spec.given().when(new GroupDecider.DescribeGroup(KOTLIN, ALICE, "x", null, null, T1)).thenRejected(Rejection.NotFound.class);
  }

  @Test
  void join_openGroup_asYourself_joins() {
    spec.given(KOTLIN_BY_ALICE).when(new PutMember(KOTLIN, BOB, BOB, null, true, T1))
        .then(new GroupMemberJoined(KOTLIN, BOB, BOB, "open", T1));
  }

  @Test
  void join_privateGroup_uninvited_isForbidden() {
    spec.given(SALES_BY_ALICE).when(new PutMember(SALES, BOB, BOB, null, true, T1)).thenRejected(Rejection.Forbidden.class);
  }

  @Test
  void invitation_isAccepted_byTheInvitee() {
    spec.given(SALES_BY_ALICE, new GroupMemberInvited(SALES, BOB, ALICE, T0)).when(new PutMember(SALES, BOB, BOB, null, true, T1))
        .then(new GroupMemberJoined(SALES, BOB, BOB, "invitation", T1));
  }

  @Test
  void invite_byANonOwner_isForbidden() {
    spec.given(SALES_BY_ALICE, new GroupMemberJoined(SALES, BOB, ALICE, "invitation", T0))
        .when(new PutMember(SALES, BOB, CAROL, null, true, T1)).thenRejected(Rejection.Forbidden.class);
  }

  @Test
  void invite_anUnknownPerson_isNotFound() {
    spec.given(SALES_BY_ALICE).when(new PutMember(SALES, ALICE, "nobody", null, false, T1)).thenRejected(Rejection.NotFound.class);
  }

  @Test
  void request_isApproved_byAnOwner() {
    spec.given(SALES_BY_ALICE).when(new RequestToJoin(SALES, BOB, T0)).then(new GroupJoinRequested(SALES, BOB, T0));
    spec.given(SALES_BY_ALICE, new GroupJoinRequested(SALES, BOB, T0)).when(new PutMember(SALES, ALICE, BOB, null, true, T1))
        .then(new GroupMemberJoined(SALES, BOB, ALICE, "request", T1));
  }

  @Test
  void approve_asANonOwner_isForbidden() {
    spec.given(SALES_BY_ALICE, new GroupMemberJoined(SALES, CAROL, ALICE, "invitation", T0), new GroupJoinRequested(SALES, BOB, T0))
        .when(new PutMember(SALES, CAROL, BOB, null, true, T1)).thenRejected(Rejection.Forbidden.class);
  }

  @Test
  void request_toAnOpenGroup_isInvalid() {
    spec.given(KOTLIN_BY_ALICE).when(new RequestToJoin(KOTLIN, BOB, T0)).thenInvalid("group", "open-group");
  }

  @Test
  void removing_theLastOwner_isRefused_evenByThemselves() {
    spec.given(SALES_BY_ALICE, new GroupMemberInvited(SALES, BOB, ALICE, T0), new GroupMemberJoined(SALES, BOB, BOB, "invitation", T0))
        .when(new RemoveMember(SALES, ALICE, ALICE, T1)).thenInvalid("user", "last-owner");
    spec.given(SALES_BY_ALICE).when(new PutMember(SALES, ALICE, ALICE, "member", true, T1)).thenInvalid("role", "last-owner");
  }

  @Test
  void anOwner_canLeave_onceSomeoneElseIsOwner() {
    spec.given(SALES_BY_ALICE, new GroupMemberJoined(SALES, BOB, BOB, "invitation", T0)).when(new PutMember(SALES, ALICE, BOB, "owner", true, T1))
        .then(new GroupOwnerChanged(SALES, BOB, true, ALICE, T1));
    spec.given(SALES_BY_ALICE, new GroupMemberJoined(SALES, BOB, BOB, "invitation", T0), new GroupOwnerChanged(SALES, BOB, true, ALICE, T1))
        .when(new RemoveMember(SALES, ALICE, ALICE, T1)).then(new GroupMemberRemoved(SALES, ALICE, ALICE, "member", T1));
  }

  @Test
  void leave_isIdempotent_andRemovingOthers_needsAnOwner() {
    spec.given(KOTLIN_BY_ALICE).when(new RemoveMember(KOTLIN, BOB, BOB, T1)).thenNothing();
    spec.given(KOTLIN_BY_ALICE, new GroupMemberJoined(KOTLIN, BOB, BOB, "open", T0), new GroupMemberJoined(KOTLIN, CAROL, CAROL, "open", T0))
        .when(new RemoveMember(KOTLIN, BOB, CAROL, T1)).thenRejected(Rejection.Forbidden.class);
    spec.given(KOTLIN_BY_ALICE, new GroupMemberJoined(KOTLIN, CAROL, CAROL, "open", T0))
        .when(new RemoveMember(KOTLIN, ALICE, CAROL, T1)).then(new GroupMemberRemoved(KOTLIN, CAROL, ALICE, "member", T1));
  }

  @Test
  void archived_groups_takeNoNewMembers_andOnlyOwnersArchive() {
    spec.given(KOTLIN_BY_ALICE, new GroupMemberJoined(KOTLIN, BOB, BOB, "open", T0)).when(new ArchiveGroup(KOTLIN, BOB, T1))
        .thenRejected(Rejection.Forbidden.class);
    spec.given(KOTLIN_BY_ALICE).when(new ArchiveGroup(KOTLIN, ALICE, T1)).then(new GroupArchived(KOTLIN, ALICE, T1));
    spec.given(KOTLIN_BY_ALICE, new GroupArchived(KOTLIN, ALICE, T1)).when(new PutMember(KOTLIN, BOB, BOB, null, true, T1))
        .thenRejected(Rejection.Forbidden.class);
  }

  @Test
  void commands_onAnUnknownGroup_areNotFound() {
    spec.given().when(new PutMember(SALES, BOB, BOB, null, true, T1)).thenRejected(Rejection.NotFound.class);
  }

  // Succession: the directory took the last active owner away

  /** alice owns; dave was invited first, then bob, carol and erin joined in that order (erin by request). */
  private static final GroupEvent[] SALES_OF_FIVE = {SALES_BY_ALICE, new GroupMemberInvited(SALES, "dave", ALICE, T0),
      new GroupMemberInvited(SALES, BOB, ALICE, T0), new GroupMemberJoined(SALES, BOB, BOB, "invitation", T0),
      new GroupMemberInvited(SALES, CAROL, ALICE, T0), new GroupMemberJoined(SALES, CAROL, CAROL, "invitation", T0),
      new GroupJoinRequested(SALES, "erin", T0), new GroupMemberJoined(SALES, "erin", ALICE, "request", T0)};

  private static PassOwnership passWhenGone(String... gone) {
    Set<String> away = Set.of(gone);
    return new PassOwnership(SALES, u -> !away.contains(u), T1);
  }

  @Test
  void passOwnership_goesToTheActiveMemberInTheGroupLongest_onlyOnceNoOwnerIsActive() {
    spec.given(SALES_OF_FIVE).when(passWhenGone()).thenNothing();
    spec.given(SALES_OF_FIVE).when(passWhenGone(ALICE)).then(new GroupOwnershipPassed(SALES, BOB, List.of(ALICE), T1));
    spec.given(SALES_OF_FIVE).when(passWhenGone(ALICE, BOB)).then(new GroupOwnershipPassed(SALES, CAROL, List.of(ALICE), T1));
    // dave, invited before everyone, is not a member; nor is anyone once they all left the organisation
    spec.given(SALES_OF_FIVE).when(passWhenGone(ALICE, BOB, CAROL, "erin")).thenNothing();
  }

  @Test
  void passOwnership_isAskedOnce_whateverHowOften() {
    GroupEvent[] passed = java.util.Arrays.copyOf(SALES_OF_FIVE, SALES_OF_FIVE.length + 1);
    passed[SALES_OF_FIVE.length] = new GroupOwnershipPassed(SALES, BOB, List.of(ALICE), T1);
    spec.given(passed).when(passWhenGone(ALICE)).thenNothing();
  }

  @Test
  void passOwnership_keepsAnyActiveOwner_andLeavesArchivedOrUnknownGroupsAlone() {
    GroupEvent[] twoOwners = java.util.Arrays.copyOf(SALES_OF_FIVE, SALES_OF_FIVE.length + 1);
    twoOwners[SALES_OF_FIVE.length] = new GroupOwnerChanged(SALES, CAROL, true, ALICE, T0);
    spec.given(twoOwners).when(passWhenGone(ALICE)).thenNothing();
    GroupEvent[] archived = java.util.Arrays.copyOf(SALES_OF_FIVE, SALES_OF_FIVE.length + 1);
    archived[SALES_OF_FIVE.length] = new GroupArchived(SALES, ALICE, T0);
    spec.given(archived).when(passWhenGone(ALICE)).thenNothing();
    spec.given().when(passWhenGone(ALICE)).thenNothing();
  }

  @Test
  void aMemberWhoLeftAndCameBack_queuesAgainBehindThoseWhoStayed() {
    GroupEvent[] rejoined = java.util.Arrays.copyOf(SALES_OF_FIVE, SALES_OF_FIVE.length + 3);
    rejoined[SALES_OF_FIVE.length] = new GroupMemberRemoved(SALES, BOB, BOB, "member", T0);
    rejoined[SALES_OF_FIVE.length + 1] = new GroupMemberInvited(SALES, BOB, ALICE, T0);
    rejoined[SALES_OF_FIVE.length + 2] = new GroupMemberJoined(SALES, BOB, BOB, "invitation", T0);
    spec.given(rejoined).when(passWhenGone(ALICE)).then(new GroupOwnershipPassed(SALES, CAROL, List.of(ALICE), T1));
  }

  @Test
  void theLastOwnerStillHere_mayNotStepDownOrLeave_whileOwnersWhoLeftTheOrganisationDoNotCount() {
    GroupEvent[] twoOwners = java.util.Arrays.copyOf(SALES_OF_FIVE, SALES_OF_FIVE.length + 1);
    twoOwners[SALES_OF_FIVE.length] = new GroupOwnerChanged(SALES, BOB, true, ALICE, T0);
    java.util.function.Predicate<String> aliceGone = u -> !u.equals(ALICE);
    spec.given(twoOwners).when(new PutMember(SALES, BOB, BOB, "member", true, aliceGone, T1)).thenInvalid("role", "last-owner");
    spec.given(twoOwners).when(new RemoveMember(SALES, BOB, BOB, aliceGone, T1)).thenInvalid("user", "last-owner");
    // bob may still take the departed alice's ownership away, or step down while she is here
    spec.given(twoOwners).when(new PutMember(SALES, BOB, ALICE, "member", true, aliceGone, T1))
        .then(new GroupOwnerChanged(SALES, ALICE, false, BOB, T1));
    spec.given(twoOwners).when(new PutMember(SALES, BOB, BOB, "member", true, u -> true, T1)).then(new GroupOwnerChanged(SALES, BOB, false, BOB, T1));
  }
}
