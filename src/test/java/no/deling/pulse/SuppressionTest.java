package no.deling.pulse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SuppressionTest {
  @Test
  void kIsNeverBelowFive() {
    assertThat(Suppression.k(3)).isEqualTo(5);
    assertThat(Suppression.k(8)).isEqualTo(8);
    assertThat(Suppression.mayShow(4, 1)).isFalse();
    assertThat(Suppression.mayShow(5, 5)).isTrue();
  }

  @Test
  void aSmallUnitsCells_andEnoughOthers_areWithheld_soNoneCanBeRecovered() {
    long[][] cells = {{5, 2, 7}, {1, 0, 4}, {6, 3, 9}};
    boolean[][] withheld = Suppression.table(cells, new int[] {10, 3, 8}, 5);
    // worked by hand: unit 1's row and column go; row 0 then has one alone, so (0,0) goes (5 < 7);
    // row 2 likewise loses (2,0); column 2 then has one alone, so (0,2) goes (7 < 9)
    assertThat(withheld).isEqualTo(new boolean[][] {{true, true, true}, {true, true, true}, {true, true, false}});
    for (int i = 0; i < 3; i++) {
      int row = 0;
      int column = 0;
      for (int j = 0; j < 3; j++) {
        if (withheld[i][j]) row++;
        if (withheld[j][i]) column++;
      }
      assertThat(row).as("row %d", i).isNotEqualTo(1);
      assertThat(column).as("column %d", i).isNotEqualTo(1);
    }
  }

  @Test
  void unitsOfAtLeastK_areShownWhole() {
    boolean[][] withheld = Suppression.table(new long[][] {{1, 2}, {3, 4}}, new int[] {5, 9}, 5);
    assertThat(withheld).isEqualTo(new boolean[][] {{false, false}, {false, false}});
  }

  private static java.util.Set<String> people(String prefix, int n) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (int i = 0; i < n; i++) out.add(prefix + i);
    return out;
  }

  @Test
  void cells_aBreakdownsResidue_isNoneOrAtLeastK() {
    // one small cell of 2: alone it could be recovered as total − shown, so the smallest shown (5) goes too
    assertThat(Suppression.cells(java.util.List.of(people("a", 9), people("b", 2), people("c", 5), people("d", 7)), 5))
        .isEqualTo(new boolean[] {false, true, true, false});
    // two small cells of 3 each make a residue of 6: enough
    assertThat(Suppression.cells(java.util.List.of(people("a", 9), people("b", 3), people("c", 3)), 5))
        .isEqualTo(new boolean[] {false, true, true});
    // an empty cell is withheld too (so it does not tell "none" from "a few"), and its residue of 0 is not enough
    assertThat(Suppression.cells(java.util.List.of(people("a", 9), people("b", 0), people("c", 6)), 5))
        .isEqualTo(new boolean[] {false, true, true});
    // when cells split the counted things themselves, an empty one covers nobody and is shown
    assertThat(Suppression.cells(java.util.List.of(people("a", 9), people("b", 0), people("c", 6)), 5, true))
        .isEqualTo(new boolean[] {false, false, false});
    assertThat(Suppression.cells(java.util.List.of(people("a", 9), people("b", 0), people("c", 2)), 5, true))
        .isEqualTo(new boolean[] {true, false, true});
    // nothing small: everything shown
    assertThat(Suppression.cells(java.util.List.of(people("a", 5), people("b", 6)), 5)).isEqualTo(new boolean[] {false, false});
    // the same people in two cells count once in the residue
    assertThat(Suppression.cells(java.util.List.of(people("a", 4), people("a", 3), people("b", 8)), 5))
        .isEqualTo(new boolean[] {true, true, true});
  }
}
