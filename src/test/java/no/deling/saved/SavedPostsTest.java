package no.deling.saved;

import static no.deling.support.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import no.deling.core.collections.Interner;
import no.deling.saved.SavedEvent.PostSaved;
import no.deling.saved.SavedEvent.PostUnsaved;
import no.deling.users.UserEvent.PersonErased;
import org.junit.jupiter.api.Test;

class SavedPostsTest {
  private static final String POST_2 = "0384036914845450241";
  private final SavedPosts saved = new SavedPosts(new Interner());

  private List<Long> latestFirst(String user, long before) {
    List<Long> out = new ArrayList<>();
    saved.latestFirst(user, before, (position, post) -> out.add(position) || true);
    return out;
  }

  @Test
  void aSaveAppliedTwice_afterARestart_isOneEntry_atItsPosition() {
    saved.on(new PostSaved(BOB, POST_1, T0), 10);
    saved.on(new PostSaved(BOB, POST_2, T0), 11);
    saved.on(new PostSaved(BOB, POST_1, T0), 10);
    assertThat(latestFirst(BOB, Long.MAX_VALUE)).containsExactly(11L, 10L);
    assertThat(latestFirst(BOB, 11)).containsExactly(10L);
  }

  @Test
  void unsaving_andErasure_forgetTheirEntries() {
    saved.on(new PostSaved(BOB, POST_1, T0), 10);
    saved.on(new PostSaved(BOB, POST_2, T0), 11);
    saved.on(new PostSaved(ALICE, POST_1, T0), 12);
    saved.on(new PostUnsaved(BOB, POST_1, T1), 13);
    assertThat(saved.savedBy(BOB, no.deling.core.ids.PostIds.parse(POST_1))).isFalse();
    assertThat(latestFirst(BOB, Long.MAX_VALUE)).containsExactly(11L);
    saved.on(new PersonErased(BOB, ALICE, T1), 14);
    assertThat(latestFirst(BOB, Long.MAX_VALUE)).isEmpty();
    assertThat(saved.savedBy(BOB, no.deling.core.ids.PostIds.parse(POST_2))).isFalse();
    assertThat(saved.savedBy(ALICE, no.deling.core.ids.PostIds.parse(POST_1))).as("others' lists stay").isTrue();
  }
}
