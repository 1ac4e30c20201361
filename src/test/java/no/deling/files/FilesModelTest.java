package no.deling.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import no.deling.core.ids.PostIds;
import no.deling.files.FileEvent.FileUploaded;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.privacy.RetentionEvent.RetentionApplied;
import no.deling.users.UserEvent.PersonErased;
import org.junit.jupiter.api.Test;

/** The read side's files: which posts show which, and what an erasure, a retention or a deletion forgets. */
class FilesModelTest {
  private static final String JAN = "0384036914845450001";
  private static final String MAR = "0384036914845450002";
  private static final String BOBS = "0384036914845450003";
  private static final String POST = "0384036914845459999";

  private static FileUploaded upload(String id, String by, String at) {
    return new FileUploaded(id, by, id + ".png", "image/png", 10, "c".repeat(64), 10, 10, false, Instant.parse(at));
  }

  private static Files model() {
    Files files = new Files();
    files.on(upload(JAN, "ann", "2026-01-15T10:00:00Z"));
    files.on(upload(MAR, "ann", "2026-03-15T10:00:00Z"));
    files.on(upload(BOBS, "bob", "2026-01-20T10:00:00Z"));
    files.on(new PostPublished(POST, "ann", "Two", null, POST, List.of(), List.of(), List.of(), Instant.parse("2026-03-16T10:00:00Z"), null, null, null,
        List.of(MAR, JAN)));
    return files;
  }

  @Test
  void aPostShowsItsFilesInOrder_andEachKnowsItsPosts() {
    Files files = model();
    assertThat(files.attachedTo(PostIds.parse(POST))).extracting(Files.FileInfo::id).containsExactly(MAR, JAN);
    assertThat(files.postsAttaching(PostIds.parse(JAN))).containsExactly(PostIds.parse(POST));
    assertThat(files.drainForgotten()).isEmpty();
  }

  @Test
  void retentionForgetsTheMonthsBefore_andTheirBytesAreToBeDeleted() {
    Files files = model();
    files.on(new RetentionApplied("2026-03", Instant.parse("2026-12-01T00:00:00Z")));
    assertThat(files.get(PostIds.parse(JAN))).isNull();
    assertThat(files.get(PostIds.parse(BOBS))).isNull();
    assertThat(files.attachedTo(PostIds.parse(POST))).extracting(Files.FileInfo::id).containsExactly(MAR);
    assertThat(files.drainForgotten()).containsExactlyInAnyOrder(JAN, BOBS);
    assertThat(files.drainForgotten()).as("handed over once").isEmpty();
  }

  @Test
  void anErasureForgetsThePersonsFilesOnly_andADeletionOneFile() {
    Files files = model();
    files.on(new PersonErased("bob", "admin", Instant.parse("2026-12-01T00:00:00Z")));
    assertThat(files.drainForgotten()).containsExactly(BOBS);
    assertThat(files.get(PostIds.parse(JAN))).isNotNull();
    files.on(new FileEvent.FileDeleted(MAR, "ann", Instant.parse("2026-12-02T00:00:00Z")));
    assertThat(files.drainForgotten()).containsExactly(MAR);
    assertThat(files.attachedTo(PostIds.parse(POST))).extracting(Files.FileInfo::id).containsExactly(JAN);
    assertThat(files.postsAttaching(PostIds.parse(MAR))).as("still listed, so the search index knows what to index again").containsExactly(PostIds.parse(POST));
  }
}
