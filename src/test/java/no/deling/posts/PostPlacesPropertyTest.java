package no.deling.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The packed posts' id index answers as a plain map would, through growing, collisions that wrap
 * around the end of the table, and removals in the middle of a run of collided ids (which must
 * not hide the ids after them).
 */
class PostPlacesPropertyTest {
  @Property(tries = 200)
  void answersAsAMapWould(@ForAll long seed, @ForAll @IntRange(min = 0, max = 64) int expected, @ForAll @IntRange(min = 1, max = 3_000) int steps,
      @ForAll @IntRange(min = 1, max = 400) int idRange) {
    Random random = new Random(seed);
    PostPlaces places = new PostPlaces(expected);
    Map<Long, Long> map = new HashMap<>();
    for (int i = 0; i < steps; i++) {
      long id = 1 + random.nextInt(idRange) * (random.nextBoolean() ? 1L : 1L << 40); // few distinct ids: many collisions
      int what = random.nextInt(3);
      if (what == 0) {
        long place = random.nextLong() & Long.MAX_VALUE;
        boolean fresh = !map.containsKey(id);
        assertThat(places.put(id, place)).isEqualTo(fresh);
        if (fresh) map.put(id, place);
      } else if (what == 1) {
        assertThat(places.remove(id)).isEqualTo(map.containsKey(id) ? map.remove(id) : -1L);
      } else {
        assertThat(places.get(id)).isEqualTo(map.getOrDefault(id, -1L));
      }
      assertThat(places.size()).isEqualTo(map.size());
    }
    for (Map.Entry<Long, Long> e : map.entrySet()) assertThat(places.get(e.getKey())).isEqualTo(e.getValue());
  }
}
