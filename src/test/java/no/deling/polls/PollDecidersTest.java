package no.deling.polls;

import static no.deling.support.Fixtures.*;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import no.deling.core.command.Rejection;
import no.deling.polls.PollEvent.PollVoteWithdrawn;
import no.deling.polls.PollEvent.PollVoted;
import no.deling.polls.VoteDecider.Vote;
import no.deling.polls.VoteDecider.VoteCommand;
import no.deling.polls.VoteDecider.Withdraw;
import no.deling.posts.PostDecider;
import no.deling.posts.PostDecider.PostState;
import no.deling.posts.PostDecider.PublishPost;
import no.deling.posts.PostDecider.Status;
import no.deling.posts.PostEvent;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.support.DeciderSpec;
import no.deling.visibility.GroupFacts;
import org.junit.jupiter.api.Test;

/** Asking a poll (the post's rules) and voting in one. */
class PollDecidersTest {
  private static final Instant IN_A_DAY = T0.plusSeconds(86_400);
  private static final PostEvent.Poll LUNCH = new PostEvent.Poll(List.of("Pizza", "Sushi", "Salad"), IN_A_DAY);
  private static final PostState POLL = new PostState(Status.LIVE, POST_1, ALICE, "Lunch?", POST_1, null, null, PostDecider.POLL, LUNCH);
  private static final PostState PLAIN = new PostState(Status.LIVE, POST_1, ALICE, "Lunch?", POST_1, null);
  private static final PostState IN_SALES = new PostState(Status.LIVE, POST_1, ALICE, "Lunch?", POST_1, SALES, null, PostDecider.POLL, LUNCH);
  private static final GroupFacts SALES_FACTS = new GroupFacts(SALES, true, true, false, Set.of(ALICE));
  private final DeciderSpec<PostDecider.PostCommand, PostState, PostEvent> posts = DeciderSpec.of(new PostDecider());
  private final DeciderSpec<VoteCommand, Integer, PollEvent> votes = DeciderSpec.of(new VoteDecider());

  private static PublishPost ask(PostEvent.Poll poll, String kind) {
    return new PublishPost(POST_1, ALICE, "Lunch?", null, null, null, null, kind, poll, T0);
  }

  @Test
  void aPoll_isAPostOfKindPoll_withItsOptionsTrimmed() {
    posts.given().when(ask(new PostEvent.Poll(List.of(" Pizza ", "Sushi", "Salad"), IN_A_DAY), null))
        .then(new PostPublished(POST_1, ALICE, "Lunch?", null, POST_1, List.of(), List.of(), List.of(), T0, null, "poll", LUNCH));
    posts.given().when(ask(new PostEvent.Poll(List.of("Yes", "No"), null), "poll"))
        .then(new PostPublished(POST_1, ALICE, "Lunch?", null, POST_1, List.of(), List.of(), List.of(), T0, null, "poll",
            new PostEvent.Poll(List.of("Yes", "No"), null)));
  }

  @Test
  void aPollsOptions_andClosingTime_areChecked() {
    posts.given().when(ask(new PostEvent.Poll(List.of("Only one"), null), null)).thenInvalid("poll.options", "size");
    posts.given().when(ask(new PostEvent.Poll(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"), null), null))
        .thenInvalid("poll.options", "size");
    posts.given().when(ask(new PostEvent.Poll(List.of("Yes", "   "), null), null)).thenInvalid("poll.options", "length");
    posts.given().when(ask(new PostEvent.Poll(List.of("Yes", "y".repeat(101)), null), null)).thenInvalid("poll.options", "length");
    posts.given().when(ask(new PostEvent.Poll(List.of("Yes", "yes "), null), null)).thenInvalid("poll.options", "unique");
    posts.given().when(ask(new PostEvent.Poll(List.of("Yes", "N\u0007o"), null), null)).thenInvalid("poll.options", "no-control-characters");
    posts.given().when(ask(new PostEvent.Poll(List.of("Yes", "No"), T0.plusSeconds(60)), null)).thenInvalid("poll.closesAt", "range");
    posts.given().when(ask(new PostEvent.Poll(List.of("Yes", "No"), T0.minusSeconds(60)), null)).thenInvalid("poll.closesAt", "range");
    posts.given().when(ask(new PostEvent.Poll(List.of("Yes", "No"), T0.plusSeconds(367L * 86_400)), null)).thenInvalid("poll.closesAt", "range");
    posts.given().when(ask(new PostEvent.Poll(List.of("Yes", "No"), null), "question")).thenInvalid("poll", "kind");
    posts.given().when(ask(null, "poll")).thenInvalid("poll", "required");
    PostState parent = new PostState(Status.LIVE, POST_2, BOB, "q", POST_2, null);
    posts.given().when(new PublishPost(POST_1, ALICE, "Vote!", POST_2, parent, null, null, null, new PostEvent.Poll(List.of("Yes", "No"), null), T0))
        .thenInvalid("kind", "top-level");
  }

  @Test
  void aVote_isRecorded_changed_andWithdrawn_eachOnceOnly() {
    votes.given().when(new Vote(BOB, POST_1, POLL, null, null, 1, T0)).then(new PollVoted(POST_1, BOB, 1, T0));
    votes.given(new PollVoted(POST_1, BOB, 1, T0)).when(new Vote(BOB, POST_1, POLL, null, null, 1, T1)).thenNothing();
    votes.given(new PollVoted(POST_1, BOB, 1, T0)).when(new Vote(BOB, POST_1, POLL, null, null, 2, T1)).then(new PollVoted(POST_1, BOB, 2, T1));
    votes.given(new PollVoted(POST_1, BOB, 1, T0)).when(new Withdraw(BOB, POST_1, POLL, null, null, T1)).then(new PollVoteWithdrawn(POST_1, BOB, T1));
    votes.given(new PollVoted(POST_1, BOB, 1, T0), new PollVoteWithdrawn(POST_1, BOB, T1)).when(new Withdraw(BOB, POST_1, POLL, null, null, T1)).thenNothing();
    votes.given().when(new Vote(ALICE, POST_1, POLL, null, null, 0, T0)).then(new PollVoted(POST_1, ALICE, 0, T0));
  }

  @Test
  void itsAuthor_endsAPoll_once_andNoVoteCountsAfter() {
    DeciderSpec<PollCloseDecider.CloseCommand, Instant, PollEvent> ending = DeciderSpec.of(new PollCloseDecider());
    ending.given().when(new PollCloseDecider.EndPoll(ALICE, POST_1, POLL, null, T1)).then(new PollEvent.PollClosed(POST_1, ALICE, T1));
    ending.given(new PollEvent.PollClosed(POST_1, ALICE, T1)).when(new PollCloseDecider.EndPoll(ALICE, POST_1, POLL, null, T1.plusSeconds(5))).thenNothing();
    ending.given().when(new PollCloseDecider.EndPoll(ALICE, POST_1, POLL, null, IN_A_DAY)).thenNothing(); // closed by its time already
    ending.given().when(new PollCloseDecider.EndPoll(BOB, POST_1, POLL, null, T1)).thenRejected(Rejection.Forbidden.class);
    ending.given().when(new PollCloseDecider.EndPoll(BOB, POST_1, IN_SALES, SALES_FACTS, T1)).thenRejected(Rejection.NotFound.class);
    ending.given().when(new PollCloseDecider.EndPoll(ALICE, POST_1, PLAIN, null, T1)).thenInvalid("id", "poll");
    votes.given().when(new Vote(BOB, POST_1, POLL, null, T1, 0, T1)).thenInvalid("id", "poll-open");
    votes.given().when(new Vote(BOB, POST_1, POLL, null, T1, 0, T0)).then( // decided before it ended
        new PollVoted(POST_1, BOB, 0, T0));
    votes.given(new PollVoted(POST_1, BOB, 1, T0)).when(new Withdraw(BOB, POST_1, POLL, null, T1, T1.plusSeconds(1))).thenInvalid("id", "poll-open");
  }

  @Test
  void noVote_outsideItsOptions_afterItCloses_onAPlainPost_orOnePollOneMayNotSee() {
    votes.given().when(new Vote(BOB, POST_1, POLL, null, null, 3, T0)).thenInvalid("option", "range");
    votes.given().when(new Vote(BOB, POST_1, POLL, null, null, -1, T0)).thenInvalid("option", "range");
    votes.given().when(new Vote(BOB, POST_1, POLL, null, null, 0, IN_A_DAY)).thenInvalid("id", "poll-open");
    votes.given(new PollVoted(POST_1, BOB, 1, T0)).when(new Withdraw(BOB, POST_1, POLL, null, null, IN_A_DAY)).thenInvalid("id", "poll-open");
    votes.given().when(new Vote(BOB, POST_1, PLAIN, null, null, 0, T0)).thenInvalid("id", "poll");
    votes.given().when(new Vote(BOB, POST_1, IN_SALES, SALES_FACTS, null, 0, T0)).thenRejected(Rejection.NotFound.class);
    votes.given().when(new Vote(ALICE, POST_1, IN_SALES, SALES_FACTS, null, 0, T0)).then(new PollVoted(POST_1, ALICE, 0, T0));
    PostState deleted = new PostState(Status.DELETED, POST_1, ALICE, null, POST_1, null, null, PostDecider.POLL, null);
    votes.given().when(new Vote(BOB, POST_1, deleted, null, null, 0, T0)).thenRejected(Rejection.NotFound.class);
  }

  @Test
  void aPollsTimeComes_andTheServerRecordsItClosedAtThatTime_once() {
    DeciderSpec<PollCloseDecider.CloseCommand, Instant, PollEvent> ending = DeciderSpec.of(new PollCloseDecider());
    Instant later = IN_A_DAY.plusSeconds(30);
    ending.given().when(new PollCloseDecider.CloseAtItsTime(POST_1, POLL, later)).then(new PollEvent.PollClosed(POST_1, PollCloseDecider.SERVER, IN_A_DAY));
    ending.given().when(new PollCloseDecider.CloseAtItsTime(POST_1, POLL, T1)).thenNothing(); // not yet
    ending.given(new PollEvent.PollClosed(POST_1, ALICE, T1)).when(new PollCloseDecider.CloseAtItsTime(POST_1, POLL, later)).thenNothing(); // its author did
    ending.given(new PollEvent.PollClosed(POST_1, PollCloseDecider.SERVER, IN_A_DAY)).when(new PollCloseDecider.CloseAtItsTime(POST_1, POLL, later))
        .thenNothing(); // another instance did
    ending.given().when(new PollCloseDecider.CloseAtItsTime(POST_1, PLAIN, later)).thenNothing();
    ending.given().when(new PollCloseDecider.CloseAtItsTime(POST_1, null, later)).thenNothing();
    ending.given().when(new PollCloseDecider.CloseAtItsTime(POST_1, new PostState(Status.DELETED, POST_1, ALICE, null, POST_1, null, null,
        PostDecider.POLL, null), later)).thenNothing();
  }
}
