package no.deling.push;

import static no.deling.support.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import no.deling.core.command.Rejection;
import no.deling.push.PushDecider.Claim;
import no.deling.push.PushDecider.Gone;
import no.deling.push.PushDecider.PushCommand;
import no.deling.push.PushDecider.PushState;
import no.deling.push.PushDecider.Remove;
import no.deling.push.PushDecider.Subscribe;
import no.deling.push.PushEvent.NotificationsPushed;
import no.deling.push.PushEvent.PushSubscribed;
import no.deling.push.PushEvent.PushUnsubscribed;
import no.deling.support.DeciderSpec;
import org.junit.jupiter.api.Test;

class PushDeciderTest {
  private final DeciderSpec<PushCommand, PushState, PushEvent> spec = DeciderSpec.of(new PushDecider());
  private static final String FCM = "https://fcm.googleapis.com/fcm/send/abc";
  private static final PushTestDevice PHONE = PushTestDevice.create(), LAPTOP = PushTestDevice.create();

  private static Subscribe subscribe(String device, String endpoint, PushTestDevice keys) {
    return new Subscribe(ALICE, device, endpoint, keys.p256dh(), keys.auth(), "Chrome on Android", "nb", T1);
  }

  private static PushSubscribed subscribed(String device, String endpoint, PushTestDevice keys) {
    return new PushSubscribed(ALICE, device, endpoint, keys.p256dh(), keys.auth(), "Chrome on Android", "nb", T0);
  }

  @Test
  void aDeviceIsAdded_andTheSameSubscriptionAgainChangesNothing() {
    spec.given().when(subscribe("d1", FCM, PHONE)).then(new PushSubscribed(ALICE, "d1", FCM, PHONE.p256dh(), PHONE.auth(), "Chrome on Android", "nb", T1));
    spec.given(subscribed("d1", FCM, PHONE)).when(subscribe("d2", FCM, PHONE)).thenNothing();
  }

  @Test
  void keysWithPadding_areKeptAsTheLogKeepsThem_soTheSameSubscriptionStaysTheSame() {
    spec.given(subscribed("d1", FCM, PHONE))
        .when(new Subscribe(ALICE, "d2", FCM, PHONE.p256dh() + "=", PHONE.auth() + "==", "Chrome on Android", "nb", T1)).thenNothing();
  }

  @Test
  void theSameBrowserWithNewKeys_replacesItself() {
    spec.given(subscribed("d1", FCM, PHONE)).when(subscribe("d2", FCM, LAPTOP)).then(new PushUnsubscribed(ALICE, "d1", "replaced", T1),
        new PushSubscribed(ALICE, "d2", FCM, LAPTOP.p256dh(), LAPTOP.auth(), "Chrome on Android", "nb", T1));
  }

  @Test
  void anEleventhDevice_pushesOutTheOldest() {
    List<PushEvent> ten = new ArrayList<>();
    for (int i = 0; i < PushDecider.MAX_DEVICES; i++) ten.add(subscribed("d" + i, FCM + i, PHONE));
    spec.given(ten.toArray(PushEvent[]::new)).when(subscribe("new", FCM + "new", LAPTOP)).then(new PushUnsubscribed(ALICE, "d0", "limit", T1),
        new PushSubscribed(ALICE, "new", FCM + "new", LAPTOP.p256dh(), LAPTOP.auth(), "Chrome on Android", "nb", T1));
    PushState s = new PushDecider().fold(ten);
    assertThat(s.devices()).hasSize(10);
  }

  @Test
  void keysThatAreNotAP256PointAndA16ByteSecret_areRefused() {
    String notOnTheCurve = "BA" + "A".repeat(85); // 65 bytes, starts with 0x04 after decoding? not a point on P-256 either way
    spec.given().when(new Subscribe(ALICE, "d1", FCM, notOnTheCurve, PHONE.auth(), null, null, T1)).thenInvalid("keys.p256dh", "p256Point");
    spec.given().when(new Subscribe(ALICE, "d1", FCM, "not base64!", PHONE.auth(), null, null, T1)).thenInvalid("keys.p256dh", "p256Point");
    spec.given().when(new Subscribe(ALICE, "d1", FCM, PHONE.p256dh(), "c2hvcnQ", null, null, T1)).thenInvalid("keys.auth", "authSecret");
    spec.given().when(new Subscribe(ALICE, "d1", FCM, PHONE.p256dh(), "@@@", null, null, T1)).thenInvalid("keys.auth", "authSecret");
  }

  @Test
  void onlyOnesOwnDevicesAreRemoved_andAGoneDeviceGoesOnce() {
    spec.given(subscribed("d1", FCM, PHONE)).when(new Remove(ALICE, "d1", T1)).then(new PushUnsubscribed(ALICE, "d1", "removed", T1));
    spec.given(subscribed("d1", FCM, PHONE)).when(new Remove(ALICE, "other", T1)).thenRejected(Rejection.NotFound.class);
    spec.given().when(new Remove(ALICE, "d1", T1)).thenRejected(Rejection.NotFound.class);
    spec.given(subscribed("d1", FCM, PHONE)).when(new Gone(ALICE, "d1", T1)).then(new PushUnsubscribed(ALICE, "d1", "gone", T1));
    spec.given(subscribed("d1", FCM, PHONE), new PushUnsubscribed(ALICE, "d1", "gone", T0)).when(new Gone(ALICE, "d1", T1)).thenNothing();
    spec.given(subscribed("d1", FCM, PHONE)).when(new Gone(ALICE, "d1", "refused", T1)).then(new PushUnsubscribed(ALICE, "d1", "refused", T1));
  }

  @Test
  void notificationsAreClaimedForOnePushAtMost_andOnlyWithADeviceToPushTo() {
    spec.given(subscribed("d1", FCM, PHONE)).when(new Claim(ALICE, 40, 2, T1)).then(new NotificationsPushed(ALICE, 40, 2, T1));
    spec.given(subscribed("d1", FCM, PHONE), new NotificationsPushed(ALICE, 40, 2, T0)).when(new Claim(ALICE, 40, 2, T1)).thenNothing();
    spec.given(subscribed("d1", FCM, PHONE), new NotificationsPushed(ALICE, 40, 2, T0)).when(new Claim(ALICE, 30, 1, T1)).thenNothing();
    spec.given(subscribed("d1", FCM, PHONE), new NotificationsPushed(ALICE, 40, 2, T0)).when(new Claim(ALICE, 41, 1, T1))
        .then(new NotificationsPushed(ALICE, 41, 1, T1));
    spec.given().when(new Claim(ALICE, 40, 2, T1)).thenNothing();
    spec.given(subscribed("d1", FCM, PHONE), new PushUnsubscribed(ALICE, "d1", "removed", T0)).when(new Claim(ALICE, 40, 2, T1)).thenNothing();
  }

  @Test
  void everythingIsPushedUntilThePersonChoosesOnlyWhereSomeoneWaits_andChoosingWhatOneHasChangesNothing() {
    spec.given().when(new PushDecider.Choose(ALICE, "all", T1)).thenNothing();
    spec.given().when(new PushDecider.Choose(ALICE, "waiting", T1)).then(new PushEvent.PushChoiceSet(ALICE, "waiting", T1));
    spec.given(new PushEvent.PushChoiceSet(ALICE, "waiting", T0)).when(new PushDecider.Choose(ALICE, "waiting", T1)).thenNothing();
    spec.given(new PushEvent.PushChoiceSet(ALICE, "waiting", T0)).when(new PushDecider.Choose(ALICE, "all", T1))
        .then(new PushEvent.PushChoiceSet(ALICE, "all", T1));
    spec.given().when(new PushDecider.Choose(ALICE, "some", T1)).thenInvalid("only", "enum");
    assertThat(new PushDecider().fold(List.of(subscribed("d1", FCM, PHONE), new PushEvent.PushChoiceSet(ALICE, "waiting", T0),
        new NotificationsPushed(ALICE, 9, 1, T0))).onlyWaiting()).as("kept across pushes").isTrue();
  }
}
