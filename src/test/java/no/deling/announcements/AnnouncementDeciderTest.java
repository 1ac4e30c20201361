package no.deling.announcements;

import static no.deling.support.Fixtures.ALICE;
import static no.deling.support.Fixtures.BOB;
import static no.deling.support.Fixtures.T0;
import static no.deling.support.Fixtures.T1;

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
}
