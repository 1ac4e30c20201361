package no.deling.posts;

import static no.deling.support.Fixtures.*;

import java.util.List;
import no.deling.core.command.Rejection;
import no.deling.posts.PostDecider.DeletePost;
import no.deling.posts.PostDecider.EditPost;
import no.deling.posts.PostDecider.PostState;
import no.deling.posts.PostDecider.PublishPost;
import no.deling.posts.PostDecider.Status;
import no.deling.posts.PostEvent.PostDeleted;
import no.deling.posts.PostEvent.PostEdited;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.support.DeciderSpec;
import org.junit.jupiter.api.Test;

class PostDeciderTest {
  private final DeciderSpec<PostDecider.PostCommand, PostState, PostEvent> spec = DeciderSpec.of(new PostDecider());

  private static PostPublished published(String id, String author, String text) {
    return new PostPublished(id, author, text, null, id, List.of(), List.of(), List.of(), T0);
  }

  @Test
  void publish_extractsHashtagsMentionsAndLinks_atWriteTime() {
    spec.given().when(new PublishPost(POST_1, ALICE, "Ship it #Kotlin #kotlin with @bob, see https://deling.no/x.", null, null, T0))
        .then(new PostPublished(POST_1, ALICE, "Ship it #Kotlin #kotlin with @bob, see https://deling.no/x.", null, POST_1,
            List.of("kotlin"), List.of("bob"), List.of("https://deling.no/x"), T0));
  }

  @Test
  void publish_reply_joinsTheParentsThread() {
    PostState parent = new PostState(Status.LIVE, POST_2, BOB, "q", POST_1, null);
    spec.given().when(new PublishPost(POST_3, ALICE, "answer", POST_2, parent, T0))
        .then(new PostPublished(POST_3, ALICE, "answer", POST_2, POST_1, List.of(), List.of(), List.of(), T0));
  }

  @Test
  void publish_replyToMissingOrDeletedPost_isInvalid() {
    spec.given().when(new PublishPost(POST_3, ALICE, "answer", POST_2, new PostState(Status.NONE, null, null, null, null, null), T0))
        .thenInvalid("inReplyTo", "existing-post");
    spec.given().when(new PublishPost(POST_3, ALICE, "answer", POST_2, new PostState(Status.DELETED, POST_2, BOB, null, POST_2, null), T0))
        .thenInvalid("inReplyTo", "existing-post");
  }

  @Test
  void publish_blankText_isInvalid() {
    spec.given().when(new PublishPost(POST_1, ALICE, "  \n ", null, null, T0)).thenInvalid("text", "not-blank");
  }

  @Test
  void publish_overLongText_isInvalid_countingCodePoints() {
    String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
    spec.given().when(new PublishPost(POST_1, ALICE, emoji.repeat(2_000), null, null, T0))
        .then(new PostPublished(POST_1, ALICE, emoji.repeat(2_000), null, POST_1, List.of(), List.of(), List.of(), T0));
    spec.given().when(new PublishPost(POST_1, ALICE, "x".repeat(2_001), null, null, T0)).thenInvalid("text", "max-length");
  }

  @Test
  void publish_controlCharactersOrLoneSurrogates_areInvalid() {
    spec.given().when(new PublishPost(POST_1, ALICE, "bell\u0007", null, null, T0)).thenInvalid("text", "no-control-characters");
    spec.given().when(new PublishPost(POST_1, ALICE, "half \uD83D", null, null, T0)).thenInvalid("text", "valid-unicode");
  }

  @Test
  void publish_sameIdTwice_conflicts() {
    spec.given(published(POST_1, ALICE, "hi")).when(new PublishPost(POST_1, ALICE, "hi", null, null, T0))
        .thenRejected(Rejection.Conflict.class);
  }

  @Test
  void edit_byAuthor_replacesTextAndReextracts() {
    spec.given(published(POST_1, ALICE, "hi")).when(new EditPost(POST_1, ALICE, "hi #java", T1))
        .then(new PostEdited(POST_1, ALICE, "hi #java", List.of("java"), List.of(), List.of(), T1));
  }

  @Test
  void edit_withSameText_changesNothing() {
    spec.given(published(POST_1, ALICE, "hi")).when(new EditPost(POST_1, ALICE, "hi", T1)).thenNothing();
  }

  @Test
  void edit_bySomeoneElse_isForbidden() {
    spec.given(published(POST_1, ALICE, "hi")).when(new EditPost(POST_1, BOB, "mine now", T1)).thenRejected(Rejection.Forbidden.class);
  }

  @Test
  void edit_ofMissingOrDeletedPost_isNotFound() {
    spec.given().when(new EditPost(POST_1, ALICE, "x", T1)).thenRejected(Rejection.NotFound.class);
    spec.given(published(POST_1, ALICE, "hi"), new PostDeleted(POST_1, ALICE, T1))
        .when(new EditPost(POST_1, ALICE, "x", T1)).thenRejected(Rejection.NotFound.class);
  }

  @Test
  void delete_byAuthor_deletes_andIsIdempotent() {
    spec.given(published(POST_1, ALICE, "hi")).when(new DeletePost(POST_1, ALICE, T1)).then(new PostDeleted(POST_1, ALICE, T1));
    spec.given(published(POST_1, ALICE, "hi"), new PostDeleted(POST_1, ALICE, T1))
        .when(new DeletePost(POST_1, ALICE, T1)).thenNothing();
  }

  @Test
  void delete_bySomeoneElse_isForbidden_evenAfterDeletion() {
    spec.given(published(POST_1, ALICE, "hi")).when(new DeletePost(POST_1, BOB, T1)).thenRejected(Rejection.Forbidden.class);
    spec.given(published(POST_1, ALICE, "hi"), new PostDeleted(POST_1, ALICE, T1))
        .when(new DeletePost(POST_1, BOB, T1)).thenRejected(Rejection.NotFound.class);
  }

  @Test
  void aModerator_removesSomeoneElsesPost_withAReason_once() {
    spec.given(published(POST_1, ALICE, "hi")).when(new PostDecider.RemovePost(POST_1, BOB, true, true, " Spam ", T1))
        .then(new PostDeleted(POST_1, ALICE, T1, BOB, "Spam"));
    spec.given(published(POST_1, ALICE, "hi"), new PostDeleted(POST_1, ALICE, T1, BOB, "Spam"))
        .when(new PostDecider.RemovePost(POST_1, BOB, true, true, "Spam", T1)).thenRejected(Rejection.NotFound.class);
  }

  @Test
  void removing_needsTheRight_aVisiblePost_andAReason() {
    spec.given(published(POST_1, ALICE, "hi")).when(new PostDecider.RemovePost(POST_1, BOB, true, false, "Spam", T1))
        .thenRejected(Rejection.Forbidden.class);
    spec.given(published(POST_1, ALICE, "hi")).when(new PostDecider.RemovePost(POST_1, BOB, false, true, "Spam", T1))
        .thenRejected(Rejection.NotFound.class);
    spec.given(published(POST_1, ALICE, "hi")).when(new PostDecider.RemovePost(POST_1, BOB, true, true, "  ", T1)).thenInvalid("reason", "required");
    spec.given(published(POST_1, ALICE, "hi")).when(new PostDecider.RemovePost(POST_1, BOB, true, true, "x".repeat(501), T1))
        .thenInvalid("reason", "maxLength");
    spec.given().when(new PostDecider.RemovePost(POST_1, BOB, true, true, "Spam", T1)).thenRejected(Rejection.NotFound.class);
  }

  @Test
  void delete_ofMissingPost_isNotFound() {
    spec.given().when(new DeletePost(POST_1, ALICE, T1)).thenRejected(Rejection.NotFound.class);
  }

  private static final no.deling.visibility.GroupFacts SALES_FACTS =
      new no.deling.visibility.GroupFacts(SALES, true, true, false, java.util.Set.of(ALICE));

  @Test
  void publish_inAGroup_asAMember_isAddressedToTheGroup() {
    spec.given().when(new PublishPost(POST_1, ALICE, "hi", null, null, SALES, SALES_FACTS, T0))
        .then(new PostPublished(POST_1, ALICE, "hi", null, POST_1, List.of(), List.of(), List.of(), T0, SALES));
  }

  @Test
  void publish_inAPrivateGroup_asANonMember_isAsIfItDidNotExist() {
    spec.given().when(new PublishPost(POST_1, BOB, "hi", null, null, SALES, SALES_FACTS, T0)).thenInvalid("group", "existing-group");
  }

  @Test
  void reply_inAPrivateThread_goesToTheGroup_andNonMembersCannotReply() {
    PostState parent = new PostState(Status.LIVE, POST_1, ALICE, "q", POST_1, SALES);
    spec.given().when(new PublishPost(POST_2, ALICE, "a", POST_1, parent, null, SALES_FACTS, T0))
        .then(new PostPublished(POST_2, ALICE, "a", POST_1, POST_1, List.of(), List.of(), List.of(), T0, SALES));
    spec.given().when(new PublishPost(POST_2, BOB, "a", POST_1, parent, null, SALES_FACTS, T0)).thenInvalid("inReplyTo", "existing-post");
    spec.given().when(new PublishPost(POST_2, ALICE, "a", POST_1, parent, KOTLIN, SALES_FACTS, T0)).thenInvalid("group", "thread-group");
  }

  @Test
  void publish_inAnArchivedGroup_isForbidden() {
    var archived = new no.deling.visibility.GroupFacts(SALES, true, true, true, java.util.Set.of(ALICE));
    spec.given().when(new PublishPost(POST_1, ALICE, "hi", null, null, SALES, archived, T0)).thenRejected(Rejection.Forbidden.class);
  }

  private static PublishPost withFiles(List<String> files, java.util.Map<String, String> uploaders) {
    return new PublishPost(POST_1, ALICE, "Diagrams", null, null, null, null, null, null, files, uploaders, T0);
  }

  @Test
  void publish_showsFilesItsAuthorUploaded_inOrder_atMostFour_eachOnce() {
    String f1 = "0384036914845450001";
    String f2 = "0384036914845450002";
    spec.given().when(withFiles(List.of(f2, f1), java.util.Map.of(f1, ALICE, f2, ALICE)))
        .then(new PostPublished(POST_1, ALICE, "Diagrams", null, POST_1, List.of(), List.of(), List.of(), T0, null, null, null, List.of(f2, f1)));
    spec.given().when(withFiles(List.of(), java.util.Map.of()))
        .then(new PostPublished(POST_1, ALICE, "Diagrams", null, POST_1, List.of(), List.of(), List.of(), T0));
    spec.given().when(withFiles(List.of(f1), java.util.Map.of(f1, BOB))).thenInvalid("attachments", "own-upload");
    spec.given().when(withFiles(List.of(f1), java.util.Map.of())).thenInvalid("attachments", "own-upload");
    spec.given().when(withFiles(List.of(f1, f1), java.util.Map.of(f1, ALICE))).thenInvalid("attachments", "uniqueItems");
    List<String> five = List.of("0384036914845450001", "0384036914845450002", "0384036914845450003", "0384036914845450004", "0384036914845450005");
    java.util.Map<String, String> mine = new java.util.HashMap<>();
    five.forEach(f -> mine.put(f, ALICE));
    spec.given().when(withFiles(five, mine)).thenInvalid("attachments", "maxItems");
    spec.given().when(withFiles(five.subList(0, 4), mine)).then(new PostPublished(POST_1, ALICE, "Diagrams", null, POST_1, List.of(), List.of(),
        List.of(), T0, null, null, null, five.subList(0, 4)));
  }

  @Test
  void edit_changesTheFilesShown_whenAsked_withTheSameRules_andTheSameFilesAreNoChange() {
    String f1 = "0384036914845450001";
    String f2 = "0384036914845450002";
    PostPublished post = published(POST_1, ALICE, "Slides");
    java.util.Map<String, String> mine = java.util.Map.of(f1, ALICE, f2, ALICE);
    spec.given(post).when(new EditPost(POST_1, ALICE, "Slides", List.of(f2, f1), mine, List.of(f1), T1))
        .then(new PostEdited(POST_1, ALICE, "Slides", List.of(), List.of(), List.of(), T1, List.of(f2, f1)));
    spec.given(post).when(new EditPost(POST_1, ALICE, "Slides", List.of(), mine, List.of(f1), T1))
        .then(new PostEdited(POST_1, ALICE, "Slides", List.of(), List.of(), List.of(), T1, List.of()));
    spec.given(post).when(new EditPost(POST_1, ALICE, "Slides", List.of(f1), mine, List.of(f1), T1)).thenNothing();
    spec.given(post).when(new EditPost(POST_1, ALICE, "Slides", List.of(), mine, List.of(), T1)).thenNothing();
    spec.given(post).when(new EditPost(POST_1, ALICE, "Slides", List.of(f1), java.util.Map.of(f1, BOB), List.of(), T1))
        .thenInvalid("attachments", "own-upload");
  }
}
