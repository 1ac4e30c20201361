package no.deling.email;

import static no.deling.support.Fixtures.*;

import no.deling.email.EmailDecider.Choose;
import no.deling.email.EmailDecider.Claim;
import no.deling.email.EmailDecider.EmailCommand;
import no.deling.email.EmailDecider.EmailState;
import no.deling.email.EmailDecider.GiveBack;
import no.deling.email.EmailEvent.EmailChoiceSet;
import no.deling.email.EmailEvent.NotificationEmailFailed;
import no.deling.email.EmailEvent.NotificationsEmailed;
import no.deling.support.DeciderSpec;
import org.junit.jupiter.api.Test;

class EmailDeciderTest {
  private final DeciderSpec<EmailCommand, EmailState, EmailEvent> spec = DeciderSpec.of(new EmailDecider());

  @Test
  void emailIsOnUntilTurnedOff_andChoosingWhatOneHasChangesNothing() {
    spec.given().when(new Choose(ALICE, true, T1)).thenNothing();
    spec.given().when(new Choose(ALICE, false, T1)).then(new EmailChoiceSet(ALICE, false, T1));
    spec.given(new EmailChoiceSet(ALICE, false, T0)).when(new Choose(ALICE, false, T1)).thenNothing();
    spec.given(new EmailChoiceSet(ALICE, false, T0)).when(new Choose(ALICE, true, T1)).then(new EmailChoiceSet(ALICE, true, T1));
  }

  @Test
  void aDelayMayBeChosen_fromTheFourOffered_andChoosingItAgainChangesNothing() {
    spec.given().when(new Choose(ALICE, true, 1440, T1)).then(new EmailChoiceSet(ALICE, true, 1440, T1));
    spec.given(new EmailChoiceSet(ALICE, true, 1440, T0)).when(new Choose(ALICE, true, 1440, T1)).thenNothing();
    spec.given(new EmailChoiceSet(ALICE, true, 1440, T0)).when(new Choose(ALICE, true, T1)).thenNothing(); // left out: as it is
    spec.given(new EmailChoiceSet(ALICE, true, 1440, T0)).when(new Choose(ALICE, false, T1)).then(new EmailChoiceSet(ALICE, false, null, T1));
    spec.given().when(new Choose(ALICE, true, 30, T1)).thenInvalid("afterMinutes", "enum");
    EmailDecider decider = new EmailDecider();
    EmailDecider.EmailState s = decider.fold(java.util.List.of(new EmailChoiceSet(ALICE, true, 240, T0), new EmailChoiceSet(ALICE, false, null, T1)));
    org.assertj.core.api.Assertions.assertThat(s.afterMinutes()).as("turning it off keeps the delay").isEqualTo(240);
  }

  @Test
  void notificationsAreClaimedForOneEmailAtMost_andNotAtAllWhenTurnedOff() {
    spec.given().when(new Claim(ALICE, 40, 2, T1)).then(new NotificationsEmailed(ALICE, 40, 2, T1));
    // a second server, or a second look, with the same or older notifications
    spec.given(new NotificationsEmailed(ALICE, 40, 2, T0)).when(new Claim(ALICE, 40, 2, T1)).thenNothing();
    spec.given(new NotificationsEmailed(ALICE, 40, 2, T0)).when(new Claim(ALICE, 30, 1, T1)).thenNothing();
    spec.given(new NotificationsEmailed(ALICE, 40, 2, T0)).when(new Claim(ALICE, 55, 1, T1)).then(new NotificationsEmailed(ALICE, 55, 1, T1));
    spec.given(new EmailChoiceSet(ALICE, false, T0)).when(new Claim(ALICE, 40, 2, T1)).thenNothing();
    spec.given().when(new Claim(ALICE, 40, 0, T1)).thenNothing();
  }

  @Test
  void aFailedEmail_givesItsClaimBack_soTheNextLookSendsItAgain_butNeverALaterClaim() {
    NotificationsEmailed first = new NotificationsEmailed(ALICE, 20, 1, T0);
    NotificationsEmailed second = new NotificationsEmailed(ALICE, 40, 2, T0);
    spec.given(first, second).when(new GiveBack(ALICE, 40, "connection refused", T1)).then(new NotificationEmailFailed(ALICE, 40, 20, "connection refused", T1));
    spec.given(first, second, new NotificationEmailFailed(ALICE, 40, 20, "connection refused", T1)).when(new Claim(ALICE, 40, 2, T1))
        .then(new NotificationsEmailed(ALICE, 40, 2, T1));
    spec.given(first, second).when(new GiveBack(ALICE, 20, "late", T1)).thenNothing(); // a claim made since stands
  }
}
