package no.deling.pulse;

import java.time.Instant;
import java.util.List;
import no.deling.core.command.Recorder;
import no.deling.core.command.Rejection;
import no.deling.pulse.PulseEvent.PulseViewed;

/**
 * Recording a question to a topic's pulse: its owners ask it (the subject owners of the product's
 * brief), and leaders and admins; written down before it is answered, as every pulse question is.
 */
public final class TopicAuditDecider implements Recorder<TopicAuditDecider.Record, PulseEvent> {
  /**
   * @param owner whether {@code by} looks after {@code topic} now
   */
  public record Record(String by, String topic, boolean owner, boolean leader, boolean admin, String query, Instant at) {}

  @Override
  public List<PulseEvent> record(Record c) {
    if (!c.owner() && !c.leader() && !c.admin()) {
      throw new Rejection.Forbidden("the pulse of #" + c.topic() + " is for those who look after it, leaders and admins");
    }
    return List.of(new PulseViewed(c.by(), c.query(), c.at()));
  }
}
