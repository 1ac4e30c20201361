package no.deling.links;

import static no.deling.support.Fixtures.*;

import java.util.List;
import java.util.Set;
import no.deling.core.command.Rejection;
import no.deling.links.BookmarkDecider.Remove;
import no.deling.links.BookmarkDecider.Save;
import no.deling.links.LinkEvent.BookmarkRemoved;
import no.deling.links.LinkEvent.BookmarkSaved;
import no.deling.support.DeciderSpec;
import no.deling.visibility.GroupFacts;
import org.junit.jupiter.api.Test;

class BookmarkDeciderTest {
  private static final String URL = "https://wiki.example.org/onboarding";
  private static final GroupFacts SALES_ALICE = new GroupFacts(SALES, true, true, false, Set.of(ALICE));
  private final DeciderSpec<BookmarkDecider.BookmarkCommand, BookmarkSaved, LinkEvent> spec = DeciderSpec.of(new BookmarkDecider());

  @Test
  void saving_normalisesTags_andSavingTheSameAgain_changesNothing() {
    spec.given().when(new Save(URL, ALICE, List.of("#HR", "hr", "Onboarding"), "  Start here ", null, null, T0))
        .then(new BookmarkSaved(URL, ALICE, List.of("hr", "onboarding"), "Start here", null, T0));
    spec.given(new BookmarkSaved(URL, ALICE, List.of("hr"), "Start here", null, T0))
        .when(new Save(URL, ALICE, List.of("hr"), "Start here", null, null, T1)).thenNothing();
    spec.given(new BookmarkSaved(URL, ALICE, List.of("hr"), "Start here", null, T0))
        .when(new Save(URL, ALICE, List.of("people"), null, null, null, T1)).then(new BookmarkSaved(URL, ALICE, List.of("people"), null, null, T1));
  }

  @Test
  void inAGroup_onlyAMemberSaves_andAPrivateGroupIsNotNamedToOthers() {
    spec.given().when(new Save(URL, ALICE, List.of(), null, SALES, SALES_ALICE, T0)).then(new BookmarkSaved(URL, ALICE, List.of(), null, SALES, T0));
    spec.given().when(new Save(URL, BOB, List.of(), null, SALES, SALES_ALICE, T0)).thenInvalid("group", "existing-group");
    GroupFacts open = new GroupFacts(SALES, true, false, false, Set.of(ALICE));
    spec.given().when(new Save(URL, BOB, List.of(), null, SALES, open, T0)).thenRejected(Rejection.Forbidden.class);
  }

  @Test
  void badInput_isRefused_andRemovingIsIdempotent() {
    spec.given().when(new Save(null, ALICE, List.of(), null, null, null, T0)).thenInvalid("url", "http-url");
    spec.given().when(new Save(URL, ALICE, List.of("no spaces"), null, null, null, T0)).thenInvalid("tags", "hashtag");
    spec.given().when(new Save(URL, ALICE, List.of(), "x".repeat(501), null, null, T0)).thenInvalid("comment", "max-length");
    spec.given().when(new Remove(URL, ALICE, T0)).thenNothing();
    spec.given(new BookmarkSaved(URL, ALICE, List.of(), null, null, T0)).when(new Remove(URL, ALICE, T1)).then(new BookmarkRemoved(URL, ALICE, T1));
  }
}
