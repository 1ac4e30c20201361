package no.deling.core.collections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class LongListTest {
  /** In any order, with repeats: the list holds each value once, ascending, as a sorted set does. */
  @Property(tries = 300)
  void insertSorted_keepsEachValueOnce_inAscendingOrder(@ForAll @Size(max = 200) java.util.List<@LongRange(min = -50, max = 500) Long> values) {
    LongList list = new LongList();
    TreeSet<Long> expected = new TreeSet<>();
    for (long v : values) {
      list.insertSorted(v);
      expected.add(v);
    }
    assertThat(list.size()).isEqualTo(expected.size());
    int i = 0;
    for (long v : expected) assertThat(list.get(i++)).isEqualTo(v);
  }
}
