package no.deling.pulse;

import java.time.Instant;
import java.util.List;
import no.deling.core.command.Recorder;
import no.deling.core.command.Rejection;
import no.deling.pulse.PulseEvent.PulseViewed;

/** Recording a pulse query: only leaders ask, and each question is written down before it is answered. */
public final class AuditDecider implements Recorder<AuditDecider.Record, PulseEvent> {
  /** @param leader whether the actor has the leader role */
  public record Record(String by, boolean leader, String query, Instant at) {}

  @Override
  public List<PulseEvent> record(Record c) {
    if (!c.leader()) throw new Rejection.Forbidden("the pulse is for leaders");
    return List.of(new PulseViewed(c.by(), c.query(), c.at()));
  }
}
