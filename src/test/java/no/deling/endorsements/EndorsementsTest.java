package no.deling.endorsements;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.deling.core.collections.Interner;
import no.deling.core.ids.PostIds;
import no.deling.endorsements.EndorsementEvent.EndorsementWithdrawn;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import org.junit.jupiter.api.Test;

/** The endorsements read model, through one endorser, several, and back to one and none. */
class EndorsementsTest {
  private static final long POST = 1234567L;
  private final Endorsements endorsements = new Endorsements(new Interner());

  @Test
  void endorsersAndTimes_stayInStep_whileEndorsersComeAndGo() {
    assertThat(endorse("ann", 10)).isTrue();
    assertState(new String[] {"ann"}, new long[] {10});
    assertThat(endorse("ann", 11)).as("twice by one person").isFalse();
    assertThat(endorse("bob", 20)).isTrue();
    assertThat(endorse("cid", 30)).isTrue();
    assertState(new String[] {"ann", "bob", "cid"}, new long[] {10, 20, 30});

    assertThat(withdraw("bob")).isTrue();
    assertState(new String[] {"ann", "cid"}, new long[] {10, 30});
    assertThat(withdraw("ann")).isTrue();
    assertState(new String[] {"cid"}, new long[] {30});
    assertThat(withdraw("ann")).as("not among them").isFalse();
    assertThat(endorse("dan", 40)).isTrue();
    assertState(new String[] {"cid", "dan"}, new long[] {30, 40});
    assertThat(withdraw("dan")).isTrue();
    assertThat(withdraw("cid")).isTrue();
    assertState(new String[0], new long[0]);
    assertThat(withdraw("cid")).isFalse();
  }

  @Test
  void theFirstEndorser_ofTwo_canLeave_andTheSecondRemains() {
    endorse("ann", 10);
    endorse("bob", 20);
    withdraw("ann");
    assertState(new String[] {"bob"}, new long[] {20});
    assertThat(endorsements.endorsedBy(POST, "ann")).isFalse();
  }

  private void assertState(String[] who, long[] at) {
    assertThat(endorsements.count(POST)).isEqualTo(who.length);
    assertThat(endorsements.endorsers(POST)).containsExactly(who);
    assertThat(endorsements.times(POST)).containsExactly(at);
    for (String w : who) assertThat(endorsements.endorsedBy(POST, w)).isTrue();
    List<String> visited = new ArrayList<>();
    endorsements.forEach((post, endorser, atMillis) -> visited.add(PostIds.format(post) + " " + endorser + " " + atMillis));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < who.length; i++) expected.add(PostIds.format(POST) + " " + who[i] + " " + at[i]);
    assertThat(visited).containsExactlyElementsOf(expected);
  }

  private boolean endorse(String who, long at) {
    return endorsements.on(new PostEndorsed(PostIds.format(POST), "author", who, Instant.ofEpochMilli(at)));
  }

  private boolean withdraw(String who) {
    return endorsements.on(new EndorsementWithdrawn(PostIds.format(POST), "author", who, Instant.ofEpochMilli(99)));
  }
}
