package no.deling.announcements;

import static no.deling.support.Fixtures.ALICE;
import static no.deling.support.Fixtures.BOB;
import static no.deling.support.Fixtures.T0;
import static no.deling.support.Fixtures.T1;

import java.util.Map;
import java.util.Set;
import no.deling.announcements.AcknowledgementDecider.Acknowledge;
import no.deling.announcements.AnnouncementDecider.AnnouncementCommand;
import no.deling.announcements.AnnouncementDecider.Publish;
import no.deling.announcements.AnnouncementDecider.State;
import no.deling.announcements.AnnouncementDecider.Withdraw;
import no.deling.announcements.AnnouncementEvent.AnnouncementAcknowledged;
import no.deling.announcements.AnnouncementEvent.AnnouncementPublished;
import no.deling.announcements.AnnouncementEvent.AnnouncementWithdrawn;
import no.deling.core.command.Rejection;
import no.deling.groups.GroupState;
import no.deling.support.DeciderSpec;
import org.junit.jupiter.api.Test;

class AnnouncementDeciderTest {
  static final String ID = "0384036914845450240";
  static final Set<String> LEADER = Set.of("employee", "leader");
  static final Set<String> EMPLOYEE = Set.of("employee");
  static final AnnouncementPublished PUBLISHED = new AnnouncementPublished(ID, ALICE, "Office closed Friday", Audience.department("Sales"), T0);
  private final DeciderSpec<AnnouncementCommand, State, AnnouncementEvent> announcements = DeciderSpec.of(new AnnouncementDecider());
  private final DeciderSpec<Acknowledge, Boolean, AnnouncementEvent> acks = DeciderSpec.of(new AcknowledgementDecider());

  @Test
  void aLeader_announcesToADepartment() {
    announcements.given().when(new Publish(ID, ALICE, LEADER, "Office closed Friday", Audience.department("Sales"), 12, T0)).then(PUBLISHED);
  }

  @Test
  void onlyLeaders_announce_toEveryoneOrToADepartment() {
    announcements.given().when(new Publish(ID, BOB, EMPLOYEE, "Hello all", Audience.everyone(), 100, T0)).thenRejected(Rejection.Forbidden.class);
    announcements.given().when(new Publish(ID, BOB, Set.of("employee", "admin"), "Hi", Audience.department("Sales"), 5, T0))
        .thenRejected(Rejection.Forbidden.class);
  }

  @Test
  void anAnnouncement_toNobody_orWithBadText_isRefused() {
    announcements.given().when(new Publish(ID, ALICE, LEADER, "Hi", Audience.department("Nowhere"), 0, T0))
        .thenInvalid("audience.department", "known-department");
    announcements.given().when(new Publish(ID, ALICE, LEADER, "bad \u0007 text", Audience.everyone(), 3, T0)).thenRejected(Rejection.Invalid.class);
  }

  @Test
  void onlyTheAuthor_withdraws_once() {
    announcements.given(PUBLISHED).when(new Withdraw(ID, BOB, T1)).thenRejected(Rejection.Forbidden.class);
    announcements.given(PUBLISHED).when(new Withdraw(ID, ALICE, T1)).then(new AnnouncementWithdrawn(ID, ALICE, T1));
    announcements.given(PUBLISHED, new AnnouncementWithdrawn(ID, ALICE, T1)).when(new Withdraw(ID, ALICE, T1)).thenNothing();
    announcements.given().when(new Withdraw(ID, ALICE, T1)).thenRejected(Rejection.NotFound.class);
  }

  @Test
  void acknowledging_isIdempotent() {
    State live = new State(PUBLISHED, false);
    acks.given().when(new Acknowledge(ID, BOB, live, true, T1)).then(new AnnouncementAcknowledged(ID, BOB, T1));
    acks.given(new AnnouncementAcknowledged(ID, BOB, T0)).when(new Acknowledge(ID, BOB, live, true, T1)).thenNothing();
  }

  @Test
  void acknowledging_outsideTheAudience_orSomethingThatDoesNotExist_isNotFound() {
    acks.given().when(new Acknowledge(ID, BOB, new State(PUBLISHED, false), false, T1)).thenRejected(Rejection.NotFound.class);
    acks.given().when(new Acknowledge(ID, BOB, new State(null, false), true, T1)).thenRejected(Rejection.NotFound.class);
  }

  @Test
  void acknowledging_aWithdrawnAnnouncement_isRefused() {
    acks.given().when(new Acknowledge(ID, BOB, new State(PUBLISHED, true), true, T1)).thenInvalid("announcement", "not-withdrawn");
  }

  static final String GROUP = "0384036914845450999";
  static final String CAROL = "carol";

  private static GroupState group(boolean isPrivate, boolean archived) {
    return new GroupState(true, GROUP, "Sales", isPrivate, archived,
        Map.of(ALICE, GroupState.Role.OWNER, BOB, GroupState.Role.MEMBER, CAROL, GroupState.Role.INVITED));
  }

  private static Publish toGroup(String author, Set<String> roles, GroupState group) {
    return new Publish(ID, author, roles, "Q4 review moved", Audience.group(GROUP), 2, group, T0);
  }

  @Test
  void aGroupsOwner_announcesToTheGroup_withoutBeingALeader() {
    announcements.given().when(toGroup(ALICE, EMPLOYEE, group(true, false)))
        .then(new AnnouncementPublished(ID, ALICE, "Q4 review moved", Audience.group(GROUP), T0));
  }

  @Test
  void onlyTheGroupsOwners_announceToIt_aLeaderOrAMemberIsNotEnough() {
    announcements.given().when(toGroup(BOB, LEADER, group(false, false))).thenRejected(Rejection.Forbidden.class);
    announcements.given().when(toGroup(BOB, EMPLOYEE, group(true, false))).thenRejected(Rejection.Forbidden.class);
    // an invitee knows the private group exists, and still may not speak for it
    announcements.given().when(toGroup(CAROL, LEADER, group(true, false))).thenRejected(Rejection.Forbidden.class);
  }

  @Test
  void aPrivateGroup_isNotNamedToSomeoneWithNoRoleInIt_andAnUnknownOneDoesNotExist() {
    announcements.given().when(toGroup("dave", LEADER, group(true, false))).thenInvalid("audience.group", "existing-group");
    announcements.given().when(toGroup(ALICE, LEADER, null)).thenInvalid("audience.group", "existing-group");
    announcements.given().when(toGroup(ALICE, LEADER, new GroupState(false, GROUP, null, false, false, Map.of())))
        .thenInvalid("audience.group", "existing-group");
    announcements.given().when(new Publish(ID, ALICE, LEADER, "Hi", new Audience("group", null, null), 0, null, T0))
        .thenInvalid("audience.group", "required");
  }

  @Test
  void anArchivedGroup_takesNoAnnouncement() {
    announcements.given().when(toGroup(ALICE, EMPLOYEE, group(false, true))).thenRejected(Rejection.Forbidden.class);
  }

  @Test
  void aFieldOfAnotherKind_isRefused_soNobodyAnnouncesToEveryoneMeaningAGroup() {
    announcements.given().when(new Publish(ID, ALICE, LEADER, "Hi", new Audience("everyone", null, GROUP), 10, null, T0))
        .thenInvalid("audience.group", "kind-group");
    announcements.given().when(new Publish(ID, ALICE, LEADER, "Hi", new Audience("group", "Sales", GROUP), 2, group(false, false), T0))
        .thenInvalid("audience.department", "kind-department");
  }
}
