package no.deling.pulse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.deling.pulse.TopicPulse.Contribution;
import no.deling.pulse.TopicPulse.Kind;
import no.deling.pulse.TopicPulse.Question;
import no.deling.pulse.TopicPulse.Result;
import no.deling.pulse.TopicPulse.Week;
import org.junit.jupiter.api.Test;

/** The rules of a topic's pulse, on hand-made contributions: whole weeks, k, first-timers, questions, departments. */
class TopicPulseTest {
  private static final int K = 5;
  /** A Wednesday: this week began on Monday 7 December. */
  private static final long NOW = Instant.parse("2026-12-09T12:00:00Z").toEpochMilli();
  private static final long THIS_WEEK = Instant.parse("2026-12-07T00:00:00Z").toEpochMilli();
  private static final long LAST_WEEK = Instant.parse("2026-11-30T00:00:00Z").toEpochMilli();
  private static final long HOUR = 3_600_000L;

  private static Contribution post(String who, String department, long at) {
    return new Contribution(who, department, at, Kind.POST);
  }

  @Test
  void aWeekShowsItsFigures_fromKPeopleOn_andIsWithheldWholeUnder() {
    List<Contribution> cs = new ArrayList<>();
    // last week: five people from two departments; a question, two answers
    for (int i = 0; i < 4; i++) cs.add(post("p" + i, "Sales", LAST_WEEK + i * HOUR));
    cs.add(new Contribution("q", "Legal", LAST_WEEK + 10 * HOUR, Kind.QUESTION));
    cs.add(new Contribution("p0", "Sales", LAST_WEEK + 11 * HOUR, Kind.ANSWER));
    cs.add(new Contribution("p1", "Sales", LAST_WEEK + 12 * HOUR, Kind.ANSWER));
    // this week: four people
    for (int i = 0; i < 4; i++) cs.add(post("p" + i, "Sales", THIS_WEEK + i * HOUR));
    List<Question> qs = List.of(new Question(LAST_WEEK + 10 * HOUR, LAST_WEEK + 11 * HOUR, true));

    Result r = TopicPulse.of(cs, qs, NOW, 2, K);

    assertThat(r.weeks()).hasSize(2);
    Week last = r.weeks().get(0);
    assertThat(last.startMillis()).isEqualTo(LAST_WEEK);
    assertThat(last.complete()).isTrue();
    assertThat(last.people()).isEqualTo(5);
    assertThat(last.posts()).as("four posts and the question").isEqualTo(5);
    assertThat(last.questions()).isEqualTo(1);
    assertThat(last.answers()).isEqualTo(2);
    assertThat(last.departments()).isEqualTo(2);
    assertThat(last.answeredShare()).isEqualTo(1.0);
    assertThat(last.acceptedShare()).isEqualTo(1.0);
    assertThat(last.medianSecondsToFirstAnswer()).isEqualTo(3600);
    assertThat(last.newPeople()).as("all five were new to the topic").isEqualTo(5);

    Week now = r.weeks().get(1);
    assertThat(now.complete()).isFalse();
    assertThat(now.people()).as("four people: withheld").isNull();
    assertThat(now.posts()).isNull();
    assertThat(now.departments()).isNull();
  }

  @Test
  void firstTimers_areCountedOnlyInTheWeekOfTheirFirstContributionEver_andOnlyFromK() {
    List<Contribution> cs = new ArrayList<>();
    // three people took part long before the range; this week they come back with four newcomers
    for (int i = 0; i < 3; i++) cs.add(post("old" + i, "Ops", LAST_WEEK - 30 * 24 * HOUR));
    for (int i = 0; i < 3; i++) cs.add(post("old" + i, "Ops", THIS_WEEK + HOUR));
    for (int i = 0; i < 4; i++) cs.add(post("new" + i, "Ops", THIS_WEEK + 2 * HOUR));
    Week week = TopicPulse.of(cs, List.of(), NOW, 1, K).weeks().get(0);
    assertThat(week.people()).isEqualTo(7);
    assertThat(week.newPeople()).as("four newcomers: under k").isNull();

    cs.add(post("new4", "Ops", THIS_WEEK + 3 * HOUR));
    cs.add(post("new4", "Ops", THIS_WEEK + 4 * HOUR)); // a second post is no second first time
    week = TopicPulse.of(cs, List.of(), NOW, 1, K).weeks().get(0);
    assertThat(week.newPeople()).isEqualTo(5);
    assertThat(week.answeredShare()).as("no question asked this week").isNull();
  }

  @Test
  void questions_shareAnswered_shareAccepted_andTheMedianWait() {
    List<Contribution> cs = new ArrayList<>();
    for (int i = 0; i < 5; i++) cs.add(new Contribution("a" + i, "X", LAST_WEEK + i * HOUR, Kind.QUESTION));
    List<Question> qs = List.of(
        new Question(LAST_WEEK, LAST_WEEK + 60_000, true),
        new Question(LAST_WEEK + HOUR, LAST_WEEK + HOUR + 180_000, false),
        new Question(LAST_WEEK + 2 * HOUR, LAST_WEEK + 2 * HOUR + 120_000, false),
        new Question(LAST_WEEK + 3 * HOUR, LAST_WEEK + 3 * HOUR + 600_000, false),
        new Question(LAST_WEEK + 4 * HOUR, 0, false),
        // asked this week: not last week's
        new Question(THIS_WEEK + HOUR, 0, false));
    Week last = TopicPulse.of(cs, qs, NOW, 2, K).weeks().get(0);
    assertThat(last.questions()).isEqualTo(5);
    assertThat(last.answeredShare()).isEqualTo(0.8);
    assertThat(last.acceptedShare()).isEqualTo(0.2);
    assertThat(last.medianSecondsToFirstAnswer()).as("of 60, 120, 180 and 600 s").isEqualTo(150);
  }

  @Test
  void departments_coverTheWholeWeeksOnly_andTheFoldedOnesNeverCoverFewerThanK() {
    List<Contribution> cs = new ArrayList<>();
    for (int i = 0; i < 7; i++) cs.add(post("s" + i, "Sales", LAST_WEEK + HOUR));
    for (int i = 0; i < 6; i++) cs.add(post("e" + i, "Engineering", LAST_WEEK + HOUR));
    for (int i = 0; i < 2; i++) cs.add(post("l" + i, "Legal", LAST_WEEK + HOUR));
    // this week, still running: not in the breakdown
    for (int i = 0; i < 9; i++) cs.add(post("h" + i, "HR", THIS_WEEK + HOUR));

    Result r = TopicPulse.of(cs, List.of(), NOW, 2, K);
    // Legal's two alone would be worked out from the total: Engineering, the smallest shown, is folded in too
    assertThat(r.departments()).containsExactly(new TopicPulse.Department("Sales", 7));
    assertThat(r.otherDepartments()).isEqualTo(2);
    assertThat(r.otherPeople()).isEqualTo(8);

    // with only Sales and Legal, all are folded: their eight people are shown as a total only
    cs.removeIf(c -> c.person().startsWith("e"));
    cs.removeIf(c -> c.person().startsWith("s") && !c.person().equals("s0") && !c.person().equals("s1")
        && !c.person().equals("s2") && !c.person().equals("s3") && !c.person().equals("s4") && !c.person().equals("s5"));
    r = TopicPulse.of(cs, List.of(), NOW, 2, K);
    assertThat(r.departments()).isEmpty();
    assertThat(r.otherDepartments()).isEqualTo(2);
    assertThat(r.otherPeople()).isEqualTo(8);

    // and three people in all: nothing at all is shown of them
    r = TopicPulse.of(List.of(post("x", "A", LAST_WEEK), post("y", "B", LAST_WEEK), post("z", "B", LAST_WEEK)), List.of(), NOW, 2, K);
    assertThat(r.departments()).isEmpty();
    assertThat(r.otherPeople()).isNull();
  }

  @Test
  void theRangeEndsWithThisWeek_andContributionsBeforeItAreNotCounted() {
    List<Contribution> cs = new ArrayList<>();
    for (int i = 0; i < 5; i++) cs.add(post("p" + i, "X", LAST_WEEK - HOUR)); // the Sunday before last week
    Result r = TopicPulse.of(cs, List.of(), NOW, 2, K);
    assertThat(r.weeks()).extracting(Week::startMillis).containsExactly(LAST_WEEK, THIS_WEEK);
    assertThat(r.weeks()).allSatisfy(w -> assertThat(w.people()).isNull());
    assertThat(r.departments()).isEmpty();
    assertThat(r.otherDepartments()).isZero();
  }
}
