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
      // 0 is no post's id (a request may still ask for it): never the place of an empty slot
      assertThat(places.get(0)).isEqualTo(-1L);
    }
    for (Map.Entry<Long, Long> e : map.entrySet()) assertThat(places.get(e.getKey())).isEqualTo(e.getValue());
    assertThat(places.remove(0)).isEqualTo(-1L);
    assertThat(places.size()).isEqualTo(map.size());
  }

  /**
   * Made all at once (as a restart makes it, region by region), the table answers as a map of the
   * same ids would, also after removals and puts; an id given twice is refused.
   */
  @Property(tries = 200)
  void madeAllAtOnce_answersAsAMapWould(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2_000) int n,
      @ForAll @IntRange(min = 0, max = 6) int regionBits, @ForAll boolean twice) {
    Random random = new Random(seed);
    Map<Long, Long> map = new HashMap<>();
    long[] ids = new long[n + 1];
    long[] where = new long[n + 1];
    int count = 0;
    while (count < n) {
      long id = 1 + (random.nextLong() & Long.MAX_VALUE) % (4L * n + 1) * (random.nextBoolean() ? 1L : 1L << 20);
      if (map.containsKey(id)) continue;
      long place = random.nextLong() & Long.MAX_VALUE;
      map.put(id, place);
      ids[count] = id;
      where[count++] = place;
    }
    if (twice && n > 0) {
      ids[count] = ids[random.nextInt(n)];
      where[count++] = 7;
      int given = count;
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> PostPlaces.of(ids, where, given, regionBits))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
      return;
    }
    PostPlaces places = PostPlaces.of(ids, where, count, regionBits);
    assertThat(places.size()).isEqualTo(map.size());
    for (Map.Entry<Long, Long> e : map.entrySet()) assertThat(places.get(e.getKey())).isEqualTo(e.getValue());
    assertThat(places.get(4L * n + 2)).isEqualTo(-1L);
    for (int i = 0; i < n / 2; i++) {
      long id = ids[random.nextInt(n)];
      assertThat(places.remove(id)).isEqualTo(map.containsKey(id) ? map.remove(id) : -1L);
    }
    for (int i = 0; i < 50; i++) {
      long id = 1 + random.nextInt(1_000_000);
      boolean fresh = !map.containsKey(id);
      assertThat(places.put(id, i)).isEqualTo(fresh);
      if (fresh) map.put(id, (long) i);
    }
    for (Map.Entry<Long, Long> e : map.entrySet()) assertThat(places.get(e.getKey())).isEqualTo(e.getValue());
    assertThat(places.size()).isEqualTo(map.size());
  }
}
