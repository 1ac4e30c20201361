package no.deling.users;

import static no.deling.support.Fixtures.*;

import no.deling.users.PhotoDecider.PhotoCommand;
import no.deling.users.PhotoDecider.RemovePhoto;
import no.deling.users.PhotoDecider.SetPhoto;
import no.deling.users.PhotoEvent.ProfilePhotoRemoved;
import no.deling.users.PhotoEvent.ProfilePhotoSet;
import no.deling.support.DeciderSpec;
import org.junit.jupiter.api.Test;

class PhotoDeciderTest {
  private static final String IMG = "0384036914845450111";
  private static final String OTHER = "0384036914845450222";
  private final DeciderSpec<PhotoCommand, String, PhotoEvent> spec = DeciderSpec.of(new PhotoDecider());

  @Test
  void oneChoosesAnImageOfOnesOwn_andTheSameAgainChangesNothing() {
    spec.given().when(new SetPhoto(ALICE, IMG, ALICE, true, T1)).then(new ProfilePhotoSet(ALICE, IMG, T1));
    spec.given(new ProfilePhotoSet(ALICE, IMG, T0)).when(new SetPhoto(ALICE, IMG, ALICE, true, T1)).thenNothing();
    spec.given(new ProfilePhotoSet(ALICE, IMG, T0)).when(new SetPhoto(ALICE, OTHER, ALICE, true, T1)).then(new ProfilePhotoSet(ALICE, OTHER, T1));
  }

  @Test
  void anothersFile_noFile_orNoImage_isRefused() {
    spec.given().when(new SetPhoto(ALICE, IMG, BOB, true, T1)).thenInvalid("file", "own-upload");
    spec.given().when(new SetPhoto(ALICE, IMG, null, false, T1)).thenInvalid("file", "own-upload");
    spec.given().when(new SetPhoto(ALICE, IMG, ALICE, false, T1)).thenInvalid("file", "image");
  }

  @Test
  void removingThePhoto_once() {
    spec.given(new ProfilePhotoSet(ALICE, IMG, T0)).when(new RemovePhoto(ALICE, T1)).then(new ProfilePhotoRemoved(ALICE, T1));
    spec.given(new ProfilePhotoSet(ALICE, IMG, T0), new ProfilePhotoRemoved(ALICE, T0)).when(new RemovePhoto(ALICE, T1)).thenNothing();
    spec.given().when(new RemovePhoto(ALICE, T1)).thenNothing();
  }
}
