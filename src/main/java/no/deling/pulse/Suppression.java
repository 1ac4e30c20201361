package no.deling.pulse;

/**
 * The pulse's privacy floor: no aggregate over people is shown when it covers fewer than k
 * distinct people, and a table's suppressed cells cannot be worked back out of what is shown.
 * Pure functions; every figure the pulse returns about people passes through here.
 */
public final class Suppression {
  /** The smallest k an organisation may configure: five, as statistical offices use for small areas. */
  public static final int MIN_K = 5;

  private Suppression() {}

  /** The configured k, never below {@link #MIN_K}. */
  public static int k(int configured) {
    return Math.max(MIN_K, configured);
  }

  /** @return true when a figure about {@code people} distinct people may be shown */
  public static boolean mayShow(int people, int k) {
    return people >= k(k);
  }

  /**
   * Which cells of a unit × unit table to withhold. A cell is withheld when either unit has fewer
   * than k people; then, so that no withheld cell can be recovered by subtracting the shown cells
   * of its row or column from a total published elsewhere, every row and column with exactly one
   * withheld cell has its smallest shown cell withheld too, until none is left alone.
   *
   * @param cells the figures, rows and columns in the same unit order
   * @param unitSizes people per unit
   * @return withheld[i][j]
   */
  public static boolean[][] table(long[][] cells, int[] unitSizes, int k) {
    int n = unitSizes.length;
    boolean[][] withheld = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) withheld[i][j] = !mayShow(unitSizes[i], k) || !mayShow(unitSizes[j], k);
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = 0; i < n; i++) changed |= complement(cells, withheld, i, true);
      for (int j = 0; j < n; j++) changed |= complement(cells, withheld, j, false);
    }
    return withheld;
  }

  /** Withholds the smallest shown cell of a row (or column) that has exactly one withheld cell. */
  private static boolean complement(long[][] cells, boolean[][] withheld, int line, boolean row) {
    int n = withheld.length;
    int count = 0;
    int smallest = -1;
    for (int x = 0; x < n; x++) {
      boolean w = row ? withheld[line][x] : withheld[x][line];
      long v = row ? cells[line][x] : cells[x][line];
      if (w) count++;
      else if (smallest < 0 || v < (row ? cells[line][smallest] : cells[smallest][line])) smallest = x;
    }
    if (count != 1 || smallest < 0) return false;
    if (row) withheld[line][smallest] = true;
    else withheld[smallest][line] = true;
    return true;
  }

  /**
   * Which cells of a breakdown to withhold, when the total over all cells is (or may be) shown:
   * each cell covering fewer than k people is withheld; then, while the withheld cells together
   * cover more than none but fewer than k people (or none at all although a cell is withheld, which
   * would tell that every withheld cell is empty), the smallest shown cell is withheld too, so
   * "total minus what is shown" never isolates fewer than k people.
   *
   * <p>An empty cell is withheld too when the cells are groups of people known beforehand (a
   * department's "none" says something about each of its members). When the cells split the
   * counted things themselves (questions by age, ideas by status), an empty cell covers nobody and
   * is shown: pass {@code emptyIsSafe}.
   *
   * @param cells the people each cell covers
   * @return withheld[i]; the total may be shown when it covers k or more people
   */
  public static boolean[] cells(java.util.List<? extends java.util.Set<String>> cells, int k) {
    return cells(cells, k, false);
  }

  public static boolean[] cells(java.util.List<? extends java.util.Set<String>> cells, int k, boolean emptyIsSafe) {
    int n = cells.size();
    boolean[] withheld = new boolean[n];
    for (int i = 0; i < n; i++) withheld[i] = !(emptyIsSafe && cells.get(i).isEmpty()) && !mayShow(cells.get(i).size(), k);
    while (true) {
      java.util.Set<String> residue = new java.util.HashSet<>();
      boolean any = false;
      for (int i = 0; i < n; i++) {
        if (withheld[i]) {
          any = true;
          residue.addAll(cells.get(i));
        }
      }
      if (!any || mayShow(residue.size(), k)) return withheld;
      int smallest = -1;
      for (int i = 0; i < n; i++) {
        if (withheld[i] || (emptyIsSafe && cells.get(i).isEmpty())) continue;
        if (smallest < 0 || cells.get(i).size() < cells.get(smallest).size()) smallest = i;
      }
      if (smallest < 0) return withheld; // all withheld: the total alone is shown, if it covers k
      withheld[smallest] = true;
    }
  }
}
