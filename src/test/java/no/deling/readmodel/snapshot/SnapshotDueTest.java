package no.deling.readmodel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a periodic snapshot is due: {@link SnapshotTaker#due}. */
class SnapshotDueTest {
  @Test
  void fewerThanEvery_isNeverDue() {
    assertThat(SnapshotTaker.due(99_999, true, 100_000, 300_000)).isFalse();
    assertThat(SnapshotTaker.due(99_999, false, 100_000, 50_000)).as("a bound below every does not bring it forward").isFalse();
  }

  @Test
  void afterEvery_itWaitsForTheSpacing() {
    assertThat(SnapshotTaker.due(100_000, false, 100_000, 300_000)).isFalse();
    assertThat(SnapshotTaker.due(100_000, true, 100_000, 300_000)).isTrue();
  }

  @Test
  void atTheBound_itNoLongerWaits() {
    assertThat(SnapshotTaker.due(299_999, false, 100_000, 300_000)).isFalse();
    assertThat(SnapshotTaker.due(300_000, false, 100_000, 300_000)).isTrue();
  }

  @Test
  void withoutABound_itWaitsAsLongAsTheSpacingSays() {
    assertThat(SnapshotTaker.due(50_000_000, false, 100_000, 0)).isFalse();
  }
}
