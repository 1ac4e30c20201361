package no.deling.users;

import static no.deling.support.Fixtures.ALICE;
import static no.deling.support.Fixtures.T0;
import static no.deling.support.Fixtures.T1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import no.deling.core.command.Rejection;
import no.deling.support.DeciderSpec;
import no.deling.users.PersonDecider.ChangeEntry;
import no.deling.users.PersonDecider.Deprovision;
import no.deling.users.PersonDecider.Entry;
import no.deling.users.PersonDecider.PersonCommand;
import no.deling.users.PersonDecider.Provision;
import no.deling.users.PersonDecider.RecordClaims;
import no.deling.users.UserEvent.PersonDeactivated;
import no.deling.users.UserEvent.PersonDeprovisioned;
import no.deling.users.UserEvent.PersonProvisioned;
import no.deling.users.UserEvent.PersonReactivated;
import no.deling.users.UserEvent.PersonUpdated;
import no.deling.users.UserEvent.ProfileRecorded;
import org.junit.jupiter.api.Test;

class PersonDeciderTest {
  private final DeciderSpec<PersonCommand, Person, UserEvent> spec = DeciderSpec.of(new PersonDecider());
  private static final DirectoryEntry SALES = new DirectoryEntry("e1", "Alice Berg", "Alice", "Berg", "alice@example.com", "Seller", "Sales",
      "Oslo", "bob");

  @Test
  void erase_byAnAdmin_recordsTheErasure_andAnErasedPersonCannotComeBackThroughClaims() {
    spec.given(new ProfileRecorded(ALICE, "Alice", "Sales", "Oslo", null, T0))
        .when(new PersonDecider.Erase(ALICE, "root", true, T1))
        .then(new UserEvent.PersonErased(ALICE, "root", T1));
    spec.given(new ProfileRecorded(ALICE, "Alice", "Sales", "Oslo", null, T0), new UserEvent.PersonErased(ALICE, "root", T1))
        .when(new RecordClaims(ALICE, "Alice", "Sales", null, null, T1)).thenRejected(Rejection.Forbidden.class);
  }

  @Test
  void erase_byANonAdmin_isRefused_ofSomeoneUnknown_isNotFound_andTwice_changesNothing() {
    spec.given(new ProfileRecorded(ALICE, "Alice", "Sales", "Oslo", null, T0))
        .when(new PersonDecider.Erase(ALICE, "bob", false, T1)).thenRejected(Rejection.Forbidden.class);
    spec.given().when(new PersonDecider.Erase(ALICE, "root", true, T1)).thenRejected(Rejection.NotFound.class);
    spec.given(new ProfileRecorded(ALICE, "Alice", "Sales", "Oslo", null, T0), new UserEvent.PersonErased(ALICE, "root", T1))
        .when(new PersonDecider.Erase(ALICE, "root", true, T1)).thenNothing();
  }

  @Test
  void anErasedPerson_isKnownByIdOnly_andInactive() {
    Person p = Person.unknown(ALICE).evolve(new PersonProvisioned(ALICE, SALES, true, T0)).evolve(new UserEvent.PersonErased(ALICE, "root", T1));
    assertThat(p.erased()).isTrue();
    assertThat(p.active()).isFalse();
    assertThat(p.name()).isEqualTo(ALICE);
    assertThat(p.department()).isNull();
    assertThat(p.directory()).isNull();
    assertThat(p.provisioned()).isFalse();
  }

  @Test
  void claims_ofSomeoneNew_recordAProfile() {
    spec.given().when(new RecordClaims(ALICE, "Alice", "Sales", "Oslo", null, T0))
        .then(new ProfileRecorded(ALICE, "Alice", "Sales", "Oslo", null, T0, null, List.of()));
  }

  @Test
  void claims_thatSayNothingNew_recordNothing() {
    spec.given(new ProfileRecorded(ALICE, "Alice", "Sales", "Oslo", null, T0))
        .when(new RecordClaims(ALICE, "Alice", "Sales", "Oslo", null, T1)).thenNothing();
  }

  @Test
  void claims_ofATokenIssuedBeforeTheLastRecordedOne_recordNothing_butANewerOrUndatedOneDoes() {
    java.time.Instant morning = T0.minusSeconds(3_600);
    ProfileRecorded byNewToken = new ProfileRecorded(ALICE, "Alice", "Sales", null, null, T0, null, List.of("leader"), T0);
    spec.given(byNewToken).when(new RecordClaims(ALICE, "Alice", "Finance", null, null, null, Roles.NONE, morning, T1)).thenNothing();
    spec.given(byNewToken).when(new RecordClaims(ALICE, "Alice", "Finance", null, null, null, Roles.NONE, T1, T1))
        .then(new ProfileRecorded(ALICE, "Alice", "Finance", null, null, T1, null, List.of(), T1));
    spec.given(byNewToken).when(new RecordClaims(ALICE, "Alice", "Finance", null, null, null, Roles.NONE, null, T1))
        .then(new ProfileRecorded(ALICE, "Alice", "Finance", null, null, T1, null, List.of(), null));
    // a token without an issue time leaves the newest known one in place
    Person p = Person.unknown(ALICE).evolve(byNewToken).evolve(new ProfileRecorded(ALICE, "Alice", "Finance", null, null, T1, null, List.of(), null));
    assertThat(p.olderThanRecordedClaims(morning)).isTrue();
    assertThat(p.olderThanRecordedClaims(T0)).as("issued in the same second").isFalse();
  }

  @Test
  void claims_thatLeaveAFieldOut_doNotEraseWhatTheDirectorySaid() {
    spec.given(new PersonProvisioned(ALICE, SALES, true, T0))
        .when(new RecordClaims(ALICE, null, null, null, null, T1)).thenNothing();
  }

  @Test
  void claims_thatDiffer_recordANewProfile() {
    spec.given(new ProfileRecorded(ALICE, "Alice", "Sales", "Oslo", null, T0))
        .when(new RecordClaims(ALICE, "Alice", "Marketing", null, null, T1))
        .then(new ProfileRecorded(ALICE, "Alice", "Marketing", null, null, T1, null, List.of()));
  }

  @Test
  void aTokensRoles_areRecordedWhenTheyChange_noneIncluded_andAnEventBeforeRolesLeavesThemAsTheyWere() {
    Roles admin = new Roles(false, true);
    spec.given(new ProfileRecorded(ALICE, "Alice", "Sales", null, null, T0))
        .when(new RecordClaims(ALICE, "Alice", "Sales", null, null, null, admin, T1))
        .then(new ProfileRecorded(ALICE, "Alice", "Sales", null, null, T1, null, List.of("admin")));
    spec.given(new ProfileRecorded(ALICE, "Alice", "Sales", null, null, T0, null, List.of("admin")))
        .when(new RecordClaims(ALICE, "Alice", "Sales", null, null, null, admin, T1)).thenNothing();
    spec.given(new ProfileRecorded(ALICE, "Alice", "Sales", null, null, T0, null, List.of("admin")))
        .when(new RecordClaims(ALICE, "Alice", "Sales", null, null, T1))
        .then(new ProfileRecorded(ALICE, "Alice", "Sales", null, null, T1, null, List.of()));
    spec.given(new ProfileRecorded(ALICE, "Alice", "Sales", null, null, T0))
        .when(new RecordClaims(ALICE, "Alice", "Sales", null, null, T1)).thenNothing(); // no roles before, none now
    Person p = Person.unknown(ALICE).evolve(new ProfileRecorded(ALICE, "Alice", "Sales", null, null, T0, null, List.of("admin", "leader")))
        .evolve(new ProfileRecorded(ALICE, "Alice", "Marketing", null, null, T1));
    assertThat(p.roles()).as("an event from before roles were recorded says nothing of them").isEqualTo(new Roles(true, true));
    assertThat(p.evolve(new UserEvent.PersonDeactivated(ALICE, T1)).roles()).as("kept while away").isEqualTo(new Roles(true, true));
    assertThat(p.evolve(new UserEvent.PersonErased(ALICE, "admin", T1)).roles()).as("erased").isEqualTo(Roles.NONE);
  }

  @Test
  void aTokensEmailAddress_isRecordedWhenNew_keptWhenLeftOut_andTheDirectorysComesFirst() {
    spec.given(new ProfileRecorded(ALICE, "Alice", "Sales", null, null, T0))
        .when(new RecordClaims(ALICE, "Alice", "Sales", null, null, "alice@example.org", T1))
        .then(new ProfileRecorded(ALICE, "Alice", "Sales", null, null, T1, "alice@example.org", List.of()));
    spec.given(new ProfileRecorded(ALICE, "Alice", "Sales", null, null, T0, "alice@example.org"))
        .when(new RecordClaims(ALICE, "Alice", "Sales", null, null, "alice@example.org", T1)).thenNothing();
    Person p = Person.unknown(ALICE).evolve(new ProfileRecorded(ALICE, "Alice", "Sales", null, null, T0, "alice@example.org"))
        .evolve(new ProfileRecorded(ALICE, "Alice", "Marketing", null, null, T1));
    assertThat(p.emailAddress()).as("a token without the claim leaves the address").isEqualTo("alice@example.org");
    Person provisioned = p.evolve(new PersonProvisioned(ALICE, SALES.withEmail("a.aas@corp.example.org"), true, T1));
    assertThat(provisioned.emailAddress()).as("the directory's first").isEqualTo("a.aas@corp.example.org");
    assertThat(p.evolve(new UserEvent.PersonErased(ALICE, "admin", T1)).emailAddress()).as("erased").isNull();
  }

  @Test
  void claims_ofADeactivatedPerson_areRefused() {
    spec.given(new PersonProvisioned(ALICE, SALES, true, T0), new PersonDeactivated(ALICE, T0))
        .when(new RecordClaims(ALICE, "Alice", null, null, null, T1)).thenRejected(Rejection.Forbidden.class);
  }

  @Test
  void provision_adoptsSomeoneWhoOnlyLoggedIn_butNotTwice() {
    spec.given(new ProfileRecorded(ALICE, "Alice", null, null, null, T0))
        .when(new Provision(ALICE, SALES, true, T1)).then(new PersonProvisioned(ALICE, SALES, true, T1));
    spec.given(new PersonProvisioned(ALICE, SALES, true, T0))
        .when(new Provision(ALICE, SALES, true, T1)).thenRejected(Rejection.Duplicate.class);
  }

  @Test
  void provision_afterADelete_bringsThePersonBack() {
    spec.given(new PersonProvisioned(ALICE, SALES, true, T0), new PersonDeprovisioned(ALICE, T0))
        .when(new Provision(ALICE, SALES, true, T1)).then(new PersonProvisioned(ALICE, SALES, true, T1));
  }

  @Test
  void change_emitsAnUpdateForAttributes_andDeactivationForActive() {
    DirectoryEntry marketing = SALES.withDepartment("Marketing");
    spec.given(new PersonProvisioned(ALICE, SALES, true, T0))
        .when(new ChangeEntry(ALICE, e -> new Entry(e.entry().withDepartment("Marketing"), false), T1))
        .then(new PersonUpdated(ALICE, marketing, T1), new PersonDeactivated(ALICE, T1));
    spec.given(new PersonProvisioned(ALICE, SALES, false, T0))
        .when(new ChangeEntry(ALICE, e -> new Entry(e.entry(), true), T1)).then(new PersonReactivated(ALICE, T1));
  }

  @Test
  void change_thatChangesNothing_isIdempotent() {
    spec.given(new PersonProvisioned(ALICE, SALES, true, T0)).when(new ChangeEntry(ALICE, e -> e, T1)).thenNothing();
  }

  @Test
  void change_ofSomeoneNotInTheDirectory_isNotFound() {
    spec.given(new ProfileRecorded(ALICE, "Alice", null, null, null, T0))
        .when(new ChangeEntry(ALICE, e -> e, T1)).thenRejected(Rejection.NotFound.class);
    spec.given().when(new Deprovision(ALICE, T1)).thenRejected(Rejection.NotFound.class);
  }

  @Test
  void change_cannotLeaveThePersonWithoutAName() {
    spec.given(new PersonProvisioned(ALICE, SALES, true, T0))
        .when(new ChangeEntry(ALICE, e -> new Entry(e.entry().withDisplayName(" "), true), T1)).thenInvalid("displayName", "required");
  }

  @Test
  void fold_latestWordOfEitherSourceWins_andDeleteDeactivates() {
    Person p = new PersonDecider().fold(java.util.List.of(new PersonProvisioned(ALICE, SALES, true, T0),
        new ProfileRecorded(ALICE, "Ali", null, "Bergen", null, T1)));
    assertThat(p.displayName()).isEqualTo("Ali");
    assertThat(p.department()).isEqualTo("Sales");
    assertThat(p.location()).isEqualTo("Bergen");
    assertThat(p.created()).isEqualTo(T0);
    assertThat(p.lastModified()).isEqualTo(T1);
    assertThat(p.version()).isEqualTo(2);
    Person gone = p.evolve(new PersonDeprovisioned(ALICE, T1));
    assertThat(gone.active()).isFalse();
    assertThat(gone.provisioned()).isFalse();
    assertThat(gone.displayName()).as("a former colleague keeps their name").isEqualTo("Ali");
  }
}
