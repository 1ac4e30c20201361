package no.deling.ideas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import no.deling.core.collections.Interner;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.endorsements.EndorsementEvent.EndorsementWithdrawn;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.endorsements.Endorsements;
import no.deling.posts.PostDecider;
import no.deling.posts.PostEvent.PostPublished;

/**
 * Whatever ideas come and whoever endorses them or takes it back, and however many board reads fall
 * between (mending the order each time, or working it out whole when too much changed), the board's
 * order is the one its rising scores give at that moment: highest first, ties newest first.
 */
class RisingOrderPropertyTest {
  private static final String[] PEOPLE = {"ada", "bo", "cy", "di", "ed", "fay"};
  private static final long HOUR = 3_600_000L;

  @Property(tries = 200)
  void theMendedOrder_isTheOrderOfTheRisingScoresNow(@ForAll long seed, @ForAll @IntRange(min = 1, max = 600) int steps,
      @ForAll @IntRange(min = 1, max = 300) int readEvery) {
    Random random = new Random(seed);
    Endorsements endorsements = new Endorsements(new Interner());
    Ideas ideas = new Ideas();
    List<Long> all = new ArrayList<>();
    long now = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    long position = 0;
    RisingOrder order = null;
    int mended = 0;
    int whole = 0;
    for (int i = 0; i < steps; i++) {
      now += random.nextInt(4) == 0 ? 0 : random.nextInt(12) * HOUR + random.nextInt(1000); // same moments too
      DomainEvent event;
      if (all.isEmpty() || random.nextInt(6) == 0) {
        long id = 1 + i;
        all.add(id);
        event = new PostPublished(PostIds.format(id), "ada", "idea " + id, null, PostIds.format(id), List.of(), List.of(), List.of(),
            Instant.ofEpochMilli(now), null, PostDecider.IDEA);
      } else {
        String idea = PostIds.format(all.get(random.nextInt(all.size())));
        String who = PEOPLE[random.nextInt(PEOPLE.length)];
        event = random.nextInt(4) > 0 ? new PostEndorsed(idea, "ada", who, Instant.ofEpochMilli(now))
            : new EndorsementWithdrawn(idea, "ada", who, Instant.ofEpochMilli(now));
      }
      if (event instanceof no.deling.endorsements.EndorsementEvent e) endorsements.on(e);
      ideas.on(event, ++position, endorsements::count);

      if (random.nextInt(readEvery) == 0 || i == steps - 1) {
        boolean couldMend = order != null && ideas.changedSince(order.version) != null;
        order = RisingOrder.asOf(order, ideas, endorsements::times);
        if (couldMend) mended++;
        else whole++;
        assertThat(order.version).isEqualTo(ideas.rankVersion());
        long[] fresh = RisingOrder.of(ideas.rankVersion(), all.stream().mapToLong(Long::longValue).toArray(), endorsements::times).ids();
        assertThat(order.ids()).as("mended %d times, worked out whole %d", mended, whole).containsExactly(fresh);
        assertRisingFirst(order.ids(), endorsements, now);
        assertRisingFirst(order.ids(), endorsements, now + random.nextInt(2_000) * HOUR); // time alone changes nothing
      }
    }
  }

  private static void assertRisingFirst(long[] ids, Endorsements endorsements, long at) {
    for (int i = 1; i < ids.length; i++) {
      double before = Ideas.rising(endorsements.times(ids[i - 1]), at);
      double after = Ideas.rising(endorsements.times(ids[i]), at);
      // equal scores may differ in the last bits by the way they are summed: those are ties
      boolean tie = Math.abs(before - after) <= 1e-9 * Math.max(before, after);
      if (tie) assertThat(ids[i - 1]).as("a tie, newest first").isGreaterThan(ids[i]);
      else assertThat(before).as("rising first at %d", i).isGreaterThan(after);
    }
  }
}
