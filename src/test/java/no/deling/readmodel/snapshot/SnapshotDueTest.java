package no.deling.readmodel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a periodic snapshot is due: {@link SnapshotTaker#due}; and when the disk has room for it: {@link Snapshots#leavesRoom}. */
class SnapshotDueTest {
  @Test
  void aSnapshotIsWrittenOnlyIfTheReserveIsLeftAfterIt() {
    long mb = 1 << 20;
    assertThat(Snapshots.leavesRoom(1_000 * mb, 700 * mb, 256 * mb)).isTrue();
    assertThat(Snapshots.leavesRoom(956 * mb, 700 * mb, 256 * mb)).as("exactly the reserve left").isTrue();
    assertThat(Snapshots.leavesRoom(955 * mb, 700 * mb, 256 * mb)).isFalse();
    assertThat(Snapshots.leavesRoom(100 * mb, 0, 256 * mb)).as("no snapshot yet: the reserve alone").isFalse();
    assertThat(Snapshots.leavesRoom(0, 0, 0)).as("no reserve asked for").isTrue();
  }

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
