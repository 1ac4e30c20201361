package no.deling.pulse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Relationship figures from interactions (a reply, mention, answer, endorsement or share from one
 * person to another). A tie from a to b is at least {@link #TIE_INTERACTIONS} interactions from a
 * to b within the window. Pure functions over the interactions they are handed.
 */
public final class Network {
  public static final int TIE_INTERACTIONS = 2;

  private Network() {}

  /** One directed interaction. */
  public record Interaction(String from, String to, long atMillis) {}

  /** Directed ties ("a\nb") among interactions at or after {@code fromMillis}; self-interactions do not count. */
  public static Set<String> ties(List<Interaction> interactions, long fromMillis) {
    Map<String, Integer> counts = new HashMap<>();
    for (Interaction i : interactions) {
      if (i.atMillis() < fromMillis || i.from().equals(i.to())) continue;
      counts.merge(i.from() + "\n" + i.to(), 1, Integer::sum);
    }
    Set<String> ties = new HashSet<>();
    counts.forEach((pair, n) -> {
      if (n >= TIE_INTERACTIONS) ties.add(pair);
    });
    return ties;
  }

  static String from(String tie) {
    return tie.substring(0, tie.indexOf('\n'));
  }

  static String to(String tie) {
    return tie.substring(tie.indexOf('\n') + 1);
  }

  /** The share of ties whose reverse is also a tie; NaN when there are none. */
  public static double reciprocity(Set<String> ties) {
    if (ties.isEmpty()) return Double.NaN;
    int returned = 0;
    for (String t : ties) if (ties.contains(to(t) + "\n" + from(t))) returned++;
    return (double) returned / ties.size();
  }

  /**
   * Krackhardt's E-I index of a unit: (external − internal) / (external + internal) over the ties
   * its members have (either direction), from −1 (all inside) to 1 (all outside); NaN when none.
   */
  public static double eiIndex(Set<String> ties, Map<String, String> unitOf, String unit) {
    int external = 0;
    int internal = 0;
    for (String t : ties) {
      String a = unitOf.get(from(t));
      String b = unitOf.get(to(t));
      if (!unit.equals(a) && !unit.equals(b)) continue;
      if (unit.equals(a) && unit.equals(b)) internal++;
      else external++;
    }
    return external + internal == 0 ? Double.NaN : (double) (external - internal) / (external + internal);
  }

  /** The share of a unit's people with at least one tie (either direction) to someone outside it. */
  public static double shareWithOutsideTie(Set<String> ties, Map<String, String> unitOf, String unit) {
    Set<String> people = new HashSet<>();
    unitOf.forEach((person, u) -> {
      if (unit.equals(u)) people.add(person);
    });
    if (people.isEmpty()) return Double.NaN;
    Set<String> bridging = new HashSet<>();
    for (String t : ties) {
      String a = from(t);
      String b = to(t);
      boolean aIn = unit.equals(unitOf.get(a));
      boolean bIn = unit.equals(unitOf.get(b));
      if (aIn && !bIn) bridging.add(a);
      if (bIn && !aIn) bridging.add(b);
    }
    return (double) bridging.size() / people.size();
  }

  /** Ties from each unit (rows) to each unit (columns), in the order of {@code units}. */
  public static long[][] matrix(Set<String> ties, Map<String, String> unitOf, List<String> units) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < units.size(); i++) index.put(units.get(i), i);
    long[][] m = new long[units.size()][units.size()];
    for (String t : ties) {
      Integer a = index.get(unitOf.get(from(t)));
      Integer b = index.get(unitOf.get(to(t)));
      if (a != null && b != null) m[a][b]++;
    }
    return m;
  }

  /**
   * The Gini coefficient of interactions received, over everyone in {@code people} (those who
   * received none count as 0): 0 when all receive alike, towards 1 when a few receive all.
   */
  public static double giniReceived(List<Interaction> interactions, long fromMillis, Set<String> people) {
    Map<String, Long> received = new HashMap<>();
    for (String p : people) received.put(p, 0L);
    for (Interaction i : interactions) {
      if (i.atMillis() >= fromMillis && !i.from().equals(i.to()) && received.containsKey(i.to())) received.merge(i.to(), 1L, Long::sum);
    }
    return gini(received.values().stream().mapToLong(Long::longValue).toArray());
  }

  /** Gini of non-negative values: Σ_i Σ_j |x_i − x_j| / (2 n² mean), computed on the sorted values. */
  public static double gini(long[] values) {
    int n = values.length;
    if (n == 0) return Double.NaN;
    long[] x = values.clone();
    Arrays.sort(x);
    double sum = 0;
    double weighted = 0;
    for (int i = 0; i < n; i++) {
      sum += x[i];
      weighted += (i + 1) * (double) x[i];
    }
    if (sum == 0) return 0;
    return (2 * weighted) / (n * sum) - (n + 1.0) / n;
  }

  /** A person's own figures (for them alone): how many they have ties with, how many outside their unit, how many returned. */
  public record Own(int networkSize, int outsideUnit, double reciprocity) {}

  public static Own own(Set<String> ties, Map<String, String> unitOf, String person) {
    Set<String> others = new HashSet<>();
    Set<String> outside = new HashSet<>();
    List<String> mine = new ArrayList<>();
    for (String t : ties) {
      String a = from(t);
      String b = to(t);
      if (!a.equals(person) && !b.equals(person)) continue;
      String other = a.equals(person) ? b : a;
      others.add(other);
      if (unitOf.get(other) == null || !unitOf.get(other).equals(unitOf.get(person))) outside.add(other);
      if (a.equals(person)) mine.add(t);
    }
    int returned = 0;
    for (String t : mine) if (ties.contains(to(t) + "\n" + from(t))) returned++;
    return new Own(others.size(), outside.size(), mine.isEmpty() ? Double.NaN : (double) returned / mine.size());
  }
}
