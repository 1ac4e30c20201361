package no.deling.core.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Answers to appends wait for the read side to apply them, but never stand still with it. */
class AppliedGateTest {
  private final AtomicLong applied = new AtomicLong();
  private final List<String> answered = new ArrayList<>();

  @Test
  void anAnswerWaitsUntilItsPositionIsApplied_andAnswersGoInOrder() {
    AppliedGate gate = new AppliedGate(applied::get, 60_000);
    gate.whenApplied(3, () -> answered.add("3"));
    gate.whenApplied(5, () -> answered.add("5"));
    assertThat(answered).isEmpty();
    assertThat(gate.holding()).isEqualTo(2);
    applied.set(4);
    gate.release();
    assertThat(answered).containsExactly("3");
    applied.set(9);
    gate.release();
    assertThat(answered).containsExactly("3", "5");
    assertThat(gate.holding()).isZero();
  }

  @Test
  void anAnswerForWhatIsAppliedAlready_goesAtOnce() {
    AppliedGate gate = new AppliedGate(applied::get, 60_000);
    applied.set(7);
    gate.whenApplied(7, () -> answered.add("7"));
    assertThat(answered).containsExactly("7");
    assertThat(gate.holding()).isZero();
  }

  @Test
  void whileApplyingStandsStill_heldAnswersGo_andNewOnesAtOnce_untilItGoesOn() {
    AppliedGate gate = new AppliedGate(applied::get, 60_000);
    gate.whenApplied(2, () -> answered.add("held"));
    gate.open();
    assertThat(answered).containsExactly("held");
    gate.whenApplied(3, () -> answered.add("during"));
    assertThat(answered).containsExactly("held", "during");
    gate.close();
    gate.whenApplied(4, () -> answered.add("after"));
    assertThat(answered).containsExactly("held", "during");
    assertThat(gate.holding()).isEqualTo(1);
  }

  @Test
  void aReadSideThatIsBehindHoldsNoAnswerLongerThanTheBound() throws InterruptedException {
    AppliedGate gate = new AppliedGate(applied::get, 50);
    gate.whenApplied(10, () -> answered.add("late"));
    gate.release();
    assertThat(answered).isEmpty();
    Thread.sleep(80);
    gate.release(); // the server's timer calls this every 100 ms
    assertThat(answered).containsExactly("late");
    // so read-your-writes need not wait again, until an answer goes because it was applied
    assertThat(gate.lagging()).isTrue();
    gate.whenApplied(12, () -> answered.add("held"));
    applied.set(12);
    gate.release();
    assertThat(answered).containsExactly("late", "held");
    assertThat(gate.lagging()).isFalse();
    gate.whenApplied(20, () -> answered.add("late again"));
    Thread.sleep(80);
    gate.release();
    assertThat(gate.lagging()).isTrue();
    applied.set(25);
    gate.whenApplied(21, () -> answered.add("applied already"));
    assertThat(gate.lagging()).isFalse();
  }

  @Test
  void onceTheLogCloses_everythingHeldGoes_andLaterAnswersGoAtOnce() {
    AppliedGate gate = new AppliedGate(applied::get, 60_000);
    gate.whenApplied(1, () -> answered.add("held"));
    gate.stop();
    assertThat(answered).containsExactly("held");
    gate.close(); // a snapshot ending after the log closed does not hold answers again
    gate.whenApplied(2, () -> answered.add("after"));
    assertThat(answered).containsExactly("held", "after");
  }
}
