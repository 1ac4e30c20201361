package no.deling.files;

import static no.deling.support.Fixtures.*;

import no.deling.core.command.Rejection;
import no.deling.files.FileDecider.UploadFile;
import no.deling.files.FileEvent.FileUploaded;
import no.deling.support.DeciderSpec;
import org.junit.jupiter.api.Test;

class FileDeciderTest {
  private static final String FILE = "0384036914845450777";
  private static final String SHA = "b".repeat(64);
  private final DeciderSpec<FileDecider.FileCommand, FileDecider.FileState, FileEvent> spec = DeciderSpec.of(new FileDecider());

  private static UploadFile upload(String by, String name, long size) {
    return new UploadFile(FILE, by, name, "image/png", size, 1_000, SHA, 40, 30, false, T1);
  }

  @Test
  void aPersonsUpload_isRecordedOnce_withItsNameAsKept() {
    spec.given().when(upload(ALICE, " plans/Skisse.png ", 10)).then(new FileUploaded(FILE, ALICE, "Skisse.png", "image/png", 10, SHA, 40, 30, false, T1));
    spec.given(new FileUploaded(FILE, ALICE, "a.png", "image/png", 10, SHA, 40, 30, false, T0)).when(upload(ALICE, "a.png", 10))
        .thenRejected(Rejection.Conflict.class);
  }

  @Test
  void noName_anEmptyOrOversizedFile_orATool_isRefused() {
    spec.given().when(upload(ALICE, " ", 10)).thenInvalid("name", "required");
    spec.given().when(upload(ALICE, "x".repeat(201), 10)).thenInvalid("name", "maxLength");
    spec.given().when(upload(ALICE, "a\tb.png", 10)).thenInvalid("name", "file-name");
    spec.given().when(upload(ALICE, "a/..", 10)).thenInvalid("name", "file-name");
    spec.given().when(upload(ALICE, "a.png", 0)).thenInvalid("body", "minLength");
    spec.given().when(upload(ALICE, "a.png", 1_001)).thenInvalid("body", "maxLength");
    spec.given().when(upload("app.0384036914845450300", "a.png", 10)).thenRejected(Rejection.Forbidden.class);
    spec.given().when(upload("deling", "a.png", 10)).thenRejected(Rejection.Forbidden.class);
  }

  @Test
  void onlyItsUploaderDeletesAFile_once() {
    FileUploaded up = new FileUploaded(FILE, ALICE, "a.png", "image/png", 10, SHA, 40, 30, false, T0);
    spec.given(up).when(new FileDecider.DeleteFile(FILE, ALICE, true, T1)).then(new FileEvent.FileDeleted(FILE, ALICE, T1));
    spec.given(up, new FileEvent.FileDeleted(FILE, ALICE, T0)).when(new FileDecider.DeleteFile(FILE, ALICE, true, T1)).thenNothing();
    spec.given(up).when(new FileDecider.DeleteFile(FILE, BOB, true, T1)).thenRejected(Rejection.Forbidden.class);
    spec.given(up).when(new FileDecider.DeleteFile(FILE, BOB, false, T1)).thenRejected(Rejection.NotFound.class);
    spec.given(up, new FileEvent.FileDeleted(FILE, ALICE, T0)).when(new FileDecider.DeleteFile(FILE, BOB, true, T1)).thenRejected(Rejection.NotFound.class);
    spec.given().when(new FileDecider.DeleteFile(FILE, ALICE, false, T1)).thenRejected(Rejection.NotFound.class);
  }

  @Test
  void onlyItsUploaderDescribesAFile_withinTheLimit_andTheSameWordsAgainChangeNothing() {
    FileUploaded up = new FileUploaded(FILE, ALICE, "a.png", "image/png", 10, SHA, 40, 30, false, T0);
    spec.given(up).when(new FileDecider.DescribeFile(FILE, ALICE, true, " A cat ", T1)).then(new FileEvent.FileDescribed(FILE, ALICE, "A cat", T1));
    spec.given(up, new FileEvent.FileDescribed(FILE, ALICE, "A cat", T0)).when(new FileDecider.DescribeFile(FILE, ALICE, true, "A cat", T1)).thenNothing();
    spec.given(up).when(new FileDecider.DescribeFile(FILE, ALICE, true, "", T1)).thenNothing();
    spec.given(up).when(new FileDecider.DescribeFile(FILE, ALICE, true, "x".repeat(1_001), T1)).thenInvalid("description", "maxLength");
    spec.given(up).when(new FileDecider.DescribeFile(FILE, BOB, true, "mine", T1)).thenRejected(Rejection.Forbidden.class);
    spec.given(up).when(new FileDecider.DescribeFile(FILE, BOB, false, "mine", T1)).thenRejected(Rejection.NotFound.class);
    spec.given(up, new FileEvent.FileDeleted(FILE, ALICE, T0)).when(new FileDecider.DescribeFile(FILE, ALICE, true, "late", T1))
        .thenRejected(Rejection.NotFound.class);
  }

  @Test
  void theServerDeletesAnUploadNeverPutToUse_once_andNotOneInUse() {
    FileUploaded up = new FileUploaded(FILE, ALICE, "a.png", "image/png", 10, SHA, 40, 30, false, T0);
    spec.given(up).when(new FileDecider.DeleteUnused(FILE, true, T1)).then(new FileEvent.FileDeleted(FILE, ALICE, T1));
    spec.given(up).when(new FileDecider.DeleteUnused(FILE, false, T1)).thenNothing();
    spec.given(up, new FileEvent.FileDeleted(FILE, ALICE, T0)).when(new FileDecider.DeleteUnused(FILE, true, T1)).thenNothing();
    spec.given().when(new FileDecider.DeleteUnused(FILE, true, T1)).thenNothing();
  }
}
