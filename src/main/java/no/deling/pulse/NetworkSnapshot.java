package no.deling.pulse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The relationship figures at one refresh, as leaders may see them: per department and location,
 * and organisation-wide. Every figure over people that covers fewer than k of them is withheld
 * (null), and so are the matrix cells {@link Suppression#table} withholds. Interactions inside
 * private groups count in organisation-wide figures only. Pure: computed from copies, off any lock.
 */
public record NetworkSnapshot(long refreshedAt, int k, int people, Double reciprocity, Double gini, List<Unit> departments,
    List<Unit> locations, List<String> matrixUnits, Long[][] matrix) {

  static final long WINDOW_MS = 28 * 86_400_000L;

  /**
   * A unit's figures; null where withheld.
   *
   * @param people the unit's size (the directory shows it anyway)
   */
  public record Unit(String name, int people, Double reciprocity, Double eiIndex, Double shareWithOutsideTie) {}

  /** One person as the computation needs them: their department and location (either may be null). */
  public record Member(String department, String location) {}

  public static NetworkSnapshot compute(List<Interactions.Interaction> interactions, Map<String, Member> members, long now, int k) {
    long from = now - WINDOW_MS;
    List<Network.Interaction> all = new ArrayList<>();
    List<Network.Interaction> breakdown = new ArrayList<>();
    for (Interactions.Interaction i : interactions) {
      if (!members.containsKey(i.from()) || !members.containsKey(i.to())) continue; // former colleagues leave the figures
      Network.Interaction n = new Network.Interaction(i.from(), i.to(), i.atMillis());
      all.add(n);
      if (!i.inPrivateGroup()) breakdown.add(n);
    }
    Set<String> allTies = Network.ties(all, from);
    Set<String> ties = Network.ties(breakdown, from);
    int kk = Suppression.k(k);
    Double reciprocity = Suppression.mayShow(distinctFrom(allTies), kk) ? finite(Network.reciprocity(allTies)) : null;
    Double gini = Suppression.mayShow(members.size(), kk) ? finite(Network.giniReceived(all, from, members.keySet())) : null;
    Map<String, String> department = new HashMap<>();
    Map<String, String> location = new HashMap<>();
    members.forEach((person, m) -> {
      if (m.department() != null) department.put(person, m.department());
      if (m.location() != null) location.put(person, m.location());
    });
    List<String> departments = new ArrayList<>(new TreeSet<>(department.values()));
    long[][] cells = Network.matrix(ties, department, departments);
    int[] sizes = new int[departments.size()];
    for (int i = 0; i < sizes.length; i++) sizes[i] = count(department, departments.get(i));
    boolean[][] withheld = Suppression.table(cells, sizes, kk);
    Long[][] matrix = new Long[cells.length][cells.length];
    for (int i = 0; i < cells.length; i++) for (int j = 0; j < cells.length; j++) matrix[i][j] = withheld[i][j] ? null : cells[i][j];
    return new NetworkSnapshot(now, kk, members.size(), reciprocity, gini, units(ties, department, kk), units(ties, location, kk), departments, matrix);
  }

  private static List<Unit> units(Set<String> ties, Map<String, String> unitOf, int k) {
    List<Unit> out = new ArrayList<>();
    for (String unit : new TreeSet<>(unitOf.values())) {
      int size = count(unitOf, unit);
      if (!Suppression.mayShow(size, k)) {
        out.add(new Unit(unit, size, null, null, null));
        continue;
      }
      Set<String> own = new HashSet<>();
      Set<String> involved = new HashSet<>();
      for (String t : ties) {
        boolean a = unit.equals(unitOf.get(Network.from(t)));
        boolean b = unit.equals(unitOf.get(Network.to(t)));
        if (a) {
          own.add(t);
          involved.add(Network.from(t));
        }
        if (b) involved.add(Network.to(t));
      }
      Set<String> froms = new HashSet<>();
      for (String t : own) froms.add(Network.from(t));
      int returned = 0;
      for (String t : own) if (ties.contains(Network.to(t) + "\n" + Network.from(t))) returned++;
      Double reciprocity = Suppression.mayShow(froms.size(), k) && !own.isEmpty() ? (double) returned / own.size() : null;
      Double ei = Suppression.mayShow(involved.size(), k) ? finite(Network.eiIndex(ties, unitOf, unit)) : null;
      out.add(new Unit(unit, size, reciprocity, ei, finite(Network.shareWithOutsideTie(ties, unitOf, unit))));
    }
    return out;
  }

  private static int distinctFrom(Set<String> ties) {
    Set<String> people = new HashSet<>();
    for (String t : ties) people.add(Network.from(t));
    return people.size();
  }

  private static int count(Map<String, String> unitOf, String unit) {
    int n = 0;
    for (String u : unitOf.values()) if (u.equals(unit)) n++;
    return n;
  }

  private static Double finite(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
