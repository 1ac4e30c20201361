package no.deling.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Each person's notifications are kept field by field in a ring of arrays: whatever was added,
 * however it grew and wrapped, and whether it started from a snapshot, it must read back as the
 * newest {@link Notifications#PER_PERSON} in order, as a plain list keeping the newest would.
 */
class NotificationsRingTest {
  @Property(tries = 60)
  void keepsTheNewestInOrder_acrossGrowingAndWrapping_fromEmptyOrFromASnapshot(
      @ForAll @IntRange(min = 0, max = 1_300) int added, @ForAll @IntRange(min = 0, max = Notifications.PER_PERSON) int restored) {
    Notifications n = new Notifications();
    List<Notification> expected = new ArrayList<>();
    Notifications.Restoring ann = n.restore("ann", 3, restored);
    for (int i = 0; i < restored; i++) {
      Notification r = notification(i);
      ann.add(r.id(), r.kind(), r.from(), r.post(), r.group(), r.atMillis(), r.note());
      expected.add(r);
    }
    for (int i = restored; i < restored + added; i++) {
      Notification a = notification(i);
      n.handle(List.of(a), a.id());
      expected.add(a);
      if (expected.size() > Notifications.PER_PERSON) expected.remove(0);
    }

    assertThat(n.snapshot("ann")).containsExactlyElementsOf(expected);
    assertThat(n.readUpTo("ann")).isEqualTo(3);
    List<String> written = new ArrayList<>();
    n.forEachPerson((who, read, column) -> {
      for (int i = 0; i < column.size(); i++) written.add(who + column.id(i) + column.kind(i) + column.from(i) + column.note(i));
    });
    assertThat(written).containsExactlyElementsOf(expected.stream().map(e -> "ann" + e.id() + e.kind() + e.from() + e.note()).toList());
  }

  private static Notification notification(int i) {
    return new Notification(i + 1, "ann", i % 2 == 0 ? "mention" : "follow", "p" + (i % 7), i % 3 == 0 ? 0 : i, i % 5 == 0 ? "g" : null,
        1_000L * i, i % 4 == 0 ? "why " + i : null);
  }
}
