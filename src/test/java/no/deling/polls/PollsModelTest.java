package no.deling.polls;

import static no.deling.support.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.StringWriter;
import java.util.List;
import no.deling.core.collections.Interner;
import no.deling.core.ids.PostIds;
import no.deling.core.json.Json;
import no.deling.polls.PollEvent.PollClosed;
import no.deling.polls.PollEvent.PollVoteWithdrawn;
import no.deling.polls.PollEvent.PollVoted;
import no.deling.posts.PostEvent;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.users.UserEvent.PersonErased;
import org.junit.jupiter.api.Test;

class PollsModelTest {
  private final Polls polls = new Polls(new Interner());

  private JsonObject json(String viewer) throws Exception {
    StringWriter out = new StringWriter();
    try (var g = Json.MAPPER.getFactory().createGenerator(out)) {
      polls.write(g, PostIds.parse(POST_1), viewer, T1.plusSeconds(3_600));
    }
    return new JsonObject(out.toString());
  }

  @Test
  void votesAfterThePollEnded_countForNothing_andAnErasedVoterLeavesTheCounts() throws Exception {
    polls.on(new PostPublished(POST_1, ALICE, "Lunch?", null, POST_1, List.of(), List.of(), List.of(), T0, null, "poll",
        new PostEvent.Poll(List.of("Pizza", "Sushi"), null)));
    polls.on(new PollVoted(POST_1, BOB, 0, T0));
    polls.on(new PollVoted(POST_1, ALICE, 1, T0));
    polls.on(new PollVoted(POST_1, BOB, 1, T0)); // changed
    polls.on(new PollVoted(POST_1, ALICE, 1, T0)); // seen again after a restart
    polls.on(new PollClosed(POST_1, ALICE, T1));
    polls.on(new PollVoted(POST_1, "carol", 0, T1)); // decided just before the end, stored after it
    polls.on(new PollVoteWithdrawn(POST_1, BOB, T1.plusSeconds(1)));
    JsonObject asBob = json(BOB);
    assertThat(asBob.getJsonArray("options").stream().map(o -> ((JsonObject) o).getInteger("votes"))).containsExactly(0, 2);
    assertThat(asBob.getInteger("myVote")).isEqualTo(1);
    assertThat(asBob.getBoolean("closed")).isTrue();
    assertThat(asBob.getString("closesAt")).isEqualTo(T1.toString());
    polls.on(new PersonErased(BOB, ALICE, T1));
    assertThat(json(null).getInteger("votes")).isEqualTo(1);
    assertThat(json(null).containsKey("myVote")).as("the stream's rendering for everyone").isFalse();
  }

  @Test
  void pollsWithATime_areDueOnceItComes_untilClosedOrDeleted() {
    java.time.Instant closes = T0.plusSeconds(3_600);
    polls.on(new PostPublished(POST_1, ALICE, "Lunch?", null, POST_1, List.of(), List.of(), List.of(), T0, null, "poll",
        new PostEvent.Poll(List.of("Pizza", "Sushi"), closes)));
    polls.on(new PostPublished(POST_2, ALICE, "Dinner?", null, POST_2, List.of(), List.of(), List.of(), T0, null, "poll",
        new PostEvent.Poll(List.of("Pizza", "Sushi"), closes)));
    polls.on(new PostPublished(POST_3, ALICE, "Open-ended?", null, POST_3, List.of(), List.of(), List.of(), T0, null, "poll",
        new PostEvent.Poll(List.of("Yes", "No"), null)));
    polls.on(new PollVoted(POST_1, BOB, 0, T0));
    assertThat(polls.due(closes.toEpochMilli() - 1)).isEmpty();
    assertThat(polls.due(closes.toEpochMilli())).containsExactlyInAnyOrder(PostIds.parse(POST_1), PostIds.parse(POST_2));
    polls.on(new PollClosed(POST_1, "deling", closes));
    polls.on(new no.deling.posts.PostEvent.PostDeleted(POST_2, ALICE, T1));
    assertThat(polls.due(closes.toEpochMilli() + 86_400_000L)).as("one closed, one deleted, one without a time").isEmpty();
    assertThat(polls.voters(PostIds.parse(POST_1))).containsExactly(BOB);
  }
}
