package no.deling.pulse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * New voices: how many people contributed for the first time in a week (Monday to Monday, UTC), by
 * the department they were in then. A department under k is withheld, and so are enough others
 * that the organisation's total minus the shown departments never isolates fewer than k people
 * ({@link Suppression#cells}). A week still running shows its total only: a breakdown that grows
 * while a leader watches could be differenced person by person.
 */
public final class NewVoices {
  private NewVoices() {}

  static final long WEEK = 7 * Activity.DAY;
  /** Shown for people whose department the directory did not say. */
  public static final String NO_DEPARTMENT = "(no department)";

  /** @param count null when withheld */
  public record Department(String name, Integer count) {}

  /** @param total null when under k; {@code departments} empty for a week still running */
  public record Week(long startMillis, boolean complete, Integer total, List<Department> departments) {}

  /** The Monday 00:00 UTC at or before {@code millis}. */
  public static long weekStart(long millis) {
    long day = Math.floorDiv(millis, Activity.DAY);
    return (Math.floorDiv(day + 3, 7) * 7 - 3) * Activity.DAY; // 1970-01-01 was a Thursday
  }

  /**
   * @param departments every department in the directory: each is listed, so a withheld one does not
   *     tell whether it had none or a few. Under the read lock.
   */
  public static Week of(ActivityLog log, Iterable<String> departments, long weekStartMillis, long nowMillis, int k) {
    long end = weekStartMillis + WEEK;
    Map<String, Set<String>> byDepartment = new TreeMap<>();
    for (String d : departments) byDepartment.put(d, new HashSet<>());
    Set<String> all = new HashSet<>();
    log.forEachFirst(f -> {
      if (f.atMillis() < weekStartMillis || f.atMillis() >= end) return;
      all.add(f.person());
      byDepartment.computeIfAbsent(f.department() == null ? NO_DEPARTMENT : f.department(), d -> new HashSet<>()).add(f.person());
    });
    Integer total = Suppression.mayShow(all.size(), k) ? all.size() : null;
    boolean complete = end <= nowMillis;
    List<Department> shown = new ArrayList<>();
    if (complete) {
      List<Set<String>> cells = new ArrayList<>(byDepartment.values());
      boolean[] withheld = Suppression.cells(cells, k);
      int i = 0;
      for (Map.Entry<String, Set<String>> d : byDepartment.entrySet()) {
        shown.add(new Department(d.getKey(), withheld[i] || total == null ? null : d.getValue().size()));
        i++;
      }
    }
    return new Week(weekStartMillis, complete, total, shown);
  }
}
