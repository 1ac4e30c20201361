package no.deling.pulse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import no.deling.core.command.Rejection;
import no.deling.pulse.PulseEvent.PulseViewed;
import org.junit.jupiter.api.Test;

/** Who may ask a topic's pulse: its owners, leaders and admins; each question is one audit event. */
class TopicAuditDeciderTest {
  private static final TopicAuditDecider DECIDER = new TopicAuditDecider();
  private static final Instant AT = Instant.parse("2026-12-08T10:00:00Z");

  private static TopicAuditDecider.Record asking(boolean owner, boolean leader, boolean admin) {
    return new TopicAuditDecider.Record("bob", "kotlin", owner, leader, admin, "GET /api/topics/kotlin/pulse", AT);
  }

  @Test
  void anOwnerALeaderOrAnAdminAsks_andTheQuestionIsRecorded() {
    for (TopicAuditDecider.Record r : new TopicAuditDecider.Record[] {asking(true, false, false), asking(false, true, false), asking(false, false, true)}) {
      assertThat(DECIDER.decide(r, DECIDER.initialState())).containsExactly(new PulseViewed("bob", "GET /api/topics/kotlin/pulse", AT));
    }
  }

  @Test
  void anyoneElseIsRefused_andNothingIsRecorded() {
    assertThatThrownBy(() -> DECIDER.decide(asking(false, false, false), DECIDER.initialState()))
        .isInstanceOf(Rejection.Forbidden.class).hasMessageContaining("#kotlin");
  }
}
