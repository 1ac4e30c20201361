package no.deling.pulse;

import java.time.Instant;
import java.util.List;
import no.deling.core.events.DomainEvent;

/**
 * The pulse's facts: every pulse query, before it is answered (stream {@code pulse-audit-<by>}),
 * and the relationship figures each scheduled refresh computed, exactly as leaders may see them
 * (stream {@value #NETWORK_STREAM}): their trend lines survive restarts, and the log shows a works
 * council what was ever shown.
 */
public sealed interface PulseEvent extends DomainEvent {
  String NETWORK_STREAM = "pulse-network";

  /** @param query what was asked: the route and its parameters */
  record PulseViewed(String by, String query, Instant at) implements PulseEvent {}

  /**
   * One refresh's figures, withheld ones null: what {@link NetworkSnapshot} holds.
   *
   * @param matrix department × department ties, rows and columns in {@code matrixUnits} order
   */
  record NetworkFiguresRecorded(Instant refreshedAt, int k, int people, Double reciprocity, Double gini, List<NetworkSnapshot.Unit> departments,
      List<NetworkSnapshot.Unit> locations, List<String> matrixUnits, List<List<Long>> matrix) implements PulseEvent {

    static NetworkFiguresRecorded of(NetworkSnapshot s) {
      List<List<Long>> rows = new java.util.ArrayList<>();
      for (Long[] row : s.matrix()) rows.add(java.util.Arrays.asList(row));
      return new NetworkFiguresRecorded(Instant.ofEpochMilli(s.refreshedAt()), s.k(), s.people(), s.reciprocity(), s.gini(), s.departments(),
          s.locations(), s.matrixUnits(), rows);
    }

    NetworkSnapshot snapshot() {
      Long[][] cells = new Long[matrix.size()][];
      for (int i = 0; i < cells.length; i++) cells[i] = matrix.get(i).toArray(new Long[0]);
      return new NetworkSnapshot(refreshedAt.toEpochMilli(), k, people, reciprocity, gini, departments, locations, matrixUnits, cells);
    }
  }

  static String stream(String by) {
    return "pulse-audit-" + by;
  }
}
