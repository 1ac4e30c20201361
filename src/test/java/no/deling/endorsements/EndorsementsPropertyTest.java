package no.deling.endorsements;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import no.deling.core.collections.Interner;
import no.deling.core.ids.PostIds;
import no.deling.endorsements.EndorsementEvent.EndorsementWithdrawn;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;

/**
 * Whatever the order of endorsing and withdrawing, endorsements answer as a plain map of each
 * post's endorsers in order, and so does a copy read back the way a snapshot reads them
 * ({@link Endorsements.Restoring}).
 */
class EndorsementsPropertyTest {
  private static final String[] PEOPLE = {"alice", "bob", "carol", "dave"};

  @Property(tries = 150)
  void answerAsAMapOfEachPostsEndorsersWould(@ForAll long seed, @ForAll @IntRange(min = 1, max = 2_000) int steps,
      @ForAll @IntRange(min = 1, max = 300) int posts) {
    Random random = new Random(seed);
    Endorsements model = new Endorsements(new Interner());
    Map<Long, LinkedHashMap<String, Long>> expected = new TreeMap<>();
    for (int i = 0; i < steps; i++) {
      long post = 1 + random.nextInt(posts) * (random.nextBoolean() ? 1L : 1L << 36);
      String who = PEOPLE[random.nextInt(PEOPLE.length)];
      long at = 1_000L * i;
      LinkedHashMap<String, Long> now = expected.computeIfAbsent(post, p -> new LinkedHashMap<>());
      if (random.nextInt(3) > 0) {
        boolean changes = !now.containsKey(who);
        assertThat(model.on(new PostEndorsed(PostIds.format(post), "author", who, Instant.ofEpochMilli(at)))).isEqualTo(changes);
        if (changes) now.put(who, at);
      } else {
        boolean changes = now.containsKey(who);
        assertThat(model.on(new EndorsementWithdrawn(PostIds.format(post), "author", who, Instant.ofEpochMilli(at)))).isEqualTo(changes);
        now.remove(who);
      }
      if (now.isEmpty()) expected.remove(post);
    }
    assertAnswersAs(model, expected, posts);

    Endorsements.Restoring restoring = new Endorsements.Restoring(model.posts());
    model.forEach(restoring::add);
    Endorsements restored = new Endorsements(new Interner());
    restored.restored(restoring);
    assertAnswersAs(restored, expected, posts);

    // read back in another order, with posts interleaved (by time): each post's endorsers still in their order
    List<Object[]> byTime = new ArrayList<>();
    model.forEach((post, who, at) -> byTime.add(new Object[] {post, who, at}));
    byTime.sort(java.util.Comparator.comparingLong(o -> (Long) o[2]));
    Endorsements.Restoring interleaved = new Endorsements.Restoring(model.posts());
    for (Object[] o : byTime) interleaved.add((Long) o[0], (String) o[1], (Long) o[2]);
    Endorsements again = new Endorsements(new Interner());
    again.restored(interleaved);
    assertAnswersAs(again, expected, posts);
  }

  private static void assertAnswersAs(Endorsements model, Map<Long, LinkedHashMap<String, Long>> expected, int posts) {
    assertThat(model.posts()).isEqualTo(expected.size());
    for (int n = 1; n <= posts; n++) {
      for (long post : new long[] {n, n * (1L << 36)}) {
        LinkedHashMap<String, Long> e = expected.getOrDefault(post, new LinkedHashMap<>());
        assertThat(model.count(post)).as("count of %d", post).isEqualTo(e.size());
        assertThat(model.endorsers(post)).containsExactlyElementsOf(e.keySet());
        assertThat(model.times(post)).containsExactly(e.values().stream().mapToLong(Long::longValue).toArray());
        for (String who : PEOPLE) assertThat(model.endorsedBy(post, who)).isEqualTo(e.containsKey(who));
      }
    }
    List<String> visited = new ArrayList<>();
    model.forEach((post, who, at) -> visited.add(post + " " + who + " " + at));
    List<String> all = new ArrayList<>();
    expected.forEach((post, e) -> e.forEach((who, at) -> all.add(post + " " + who + " " + at)));
    assertThat(visited).containsExactlyInAnyOrderElementsOf(all);
  }
}
