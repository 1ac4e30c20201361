package no.deling.core.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class EventIdsTest {
  @Test
  void idsAreVersion7_inTheRfcVariant_andCarryTheirMillisecond() {
    long before = System.currentTimeMillis();
    UUID id = EventIds.next();
    long after = System.currentTimeMillis();
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
  }

  @Test
  void idsFromManyThreadsAtOnceAreAllDistinct_andEachThreadsAreTimeOrdered() throws InterruptedException {
    Set<UUID> all = ConcurrentHashMap.newKeySet();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(new Thread(() -> {
        long lastMillis = 0;
        Set<UUID> mine = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
          UUID id = EventIds.next();
          long millis = id.getMostSignificantBits() >>> 16;
          if (millis < lastMillis) synchronized (failures) { failures.add(new AssertionError("went back in time: " + id)); }
          lastMillis = millis;
          mine.add(id);
        }
        all.addAll(mine);
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) t.join();
    assertThat(failures).isEmpty();
    assertThat(all).hasSize(200_000);
  }
}
