package no.deling.users;

import static no.deling.support.Fixtures.*;

import no.deling.support.DeciderSpec;
import no.deling.users.ProfileDecider.RecordProfile;
import no.deling.users.UserEvent.ProfileRecorded;
import org.junit.jupiter.api.Test;

class ProfileDeciderTest {
  private final DeciderSpec<RecordProfile, ProfileRecorded, UserEvent> spec = DeciderSpec.of(new ProfileDecider());

  @Test
  void firstSighting_recordsProfile() {
    spec.given().when(new RecordProfile(ALICE, "Alice", "Sales", "Oslo", null, T0))
        .then(new ProfileRecorded(ALICE, "Alice", "Sales", "Oslo", null, T0));
  }

  @Test
  void unchangedClaims_recordNothing() {
    spec.given(new ProfileRecorded(ALICE, "Alice", "Sales", "Oslo", null, T0))
        .when(new RecordProfile(ALICE, "Alice", "Sales", "Oslo", null, T1)).thenNothing();
  }

  @Test
  void changedClaim_recordsNewProfile() {
    spec.given(new ProfileRecorded(ALICE, "Alice", "Sales", "Oslo", null, T0))
        .when(new RecordProfile(ALICE, "Alice", "Marketing", "Oslo", null, T1))
        .then(new ProfileRecorded(ALICE, "Alice", "Marketing", "Oslo", null, T1));
  }
}
