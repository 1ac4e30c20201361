package no.deling.pulse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Activity per hour and per day (UTC), organisation-wide, as leaders may see it. Only whole hours:
 * a range chooses which hours, never a new slice, and an hour that has ended always answers the
 * same (see {@link ActivityLog}), so two answers cannot be subtracted into a smaller one. An hour
 * with fewer than k active people is withheld whole, and a day is made of its shown hours only, so
 * a day minus its shown hours reveals nothing. Private groups' activity counts here, as counts.
 */
public final class Activity {
  private Activity() {}

  static final long HOUR = ActivityLog.HOUR;
  static final long DAY = 24 * HOUR;

  /** One hour or day; {@code counts} null when withheld. */
  public record Slot(long startMillis, Counts counts) {}

  /** For a day, {@code withheldHours} says how many of its hours are left out of the figures. */
  public record Counts(int posts, int questions, int ideas, int replies, int answers, int endorsements, int shares, int activePeople,
      int withheldHours) {}

  /** The whole hours from {@code fromMillis} (rounded down) up to {@code toMillis}, at most 31 days of them. Under the read lock. */
  public static List<Slot> hours(ActivityLog log, long fromMillis, long toMillis, int k) {
    long first = Math.floorDiv(fromMillis, HOUR);
    long n = Math.max(0, Math.min(24 * 31, Math.floorDiv(toMillis + HOUR - 1, HOUR) - first));
    List<Slot> out = new ArrayList<>((int) n);
    for (long h = first; h < first + n; h++) {
      Set<String> people = log.people(h);
      int[] c = log.counts(h);
      out.add(new Slot(h * HOUR, Suppression.mayShow(people.size(), k) ? counts(c, people.size(), 0) : null));
    }
    return out;
  }

  /** Whole UTC days from {@code fromMillis} (rounded down) up to {@code toMillis}, each made of its shown hours. Under the read lock. */
  public static List<Slot> days(ActivityLog log, long fromMillis, long toMillis, int k) {
    long firstDay = Math.floorDiv(fromMillis, DAY);
    long n = Math.max(0, Math.min(31, Math.floorDiv(toMillis + DAY - 1, DAY) - firstDay));
    List<Slot> out = new ArrayList<>((int) n);
    for (long d = firstDay; d < firstDay + n; d++) {
      int[] sum = new int[ActivityLog.KINDS];
      Set<String> people = new HashSet<>();
      int withheld = 0;
      for (long h = d * 24; h < d * 24 + 24; h++) {
        Set<String> active = log.people(h);
        if (!Suppression.mayShow(active.size(), k)) { // a quiet hour and a small one look alike
          withheld++;
          continue;
        }
        int[] c = log.counts(h);
        for (int i = 0; i < sum.length; i++) sum[i] += c[i];
        people.addAll(active);
      }
      // only shown hours contribute, so people.size() is 0 (no hour shown: the day is withheld) or at least k
      out.add(new Slot(d * DAY, people.isEmpty() ? null : counts(sum, people.size(), withheld)));
    }
    return out;
  }

  private static Counts counts(int[] c, int people, int withheldHours) {
    return new Counts(c[ActivityLog.POSTS], c[ActivityLog.QUESTIONS], c[ActivityLog.IDEAS], c[ActivityLog.REPLIES], c[ActivityLog.ANSWERS],
        c[ActivityLog.ENDORSEMENTS], c[ActivityLog.SHARES], people, withheldHours);
  }
}
