package no.deling.pulse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import no.deling.core.ids.PostIds;
import no.deling.endorsements.EndorsementEvent.EndorsementWithdrawn;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.groups.GroupEvent;
import no.deling.posts.PostEvent.PostDeleted;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.readmodel.ReadModel;
import no.deling.users.UserEvent.ProfileRecorded;
import org.junit.jupiter.api.Test;

/**
 * The pulse's own read models fed event by event, with values worked out by hand: trending topics
 * against their baselines across weeks, activity counted when it happened, days made of shown
 * hours, and new voices by department with the residue rule.
 */
class PulseProjectionsTest {
  /** Monday 2026-11-02 00:00 UTC. */
  static final long MONDAY = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
  static final long HOUR = ActivityLog.HOUR;
  static final long WEEK = 7 * 24 * HOUR;

  final ReadModel m = new ReadModel(100, 1000);
  final PostIds ids = new PostIds(1);
  long position;

  String post(String author, long at, String... tags) {
    return post(author, at, null, null, tags);
  }

  String asked(String author, long at, String kind) {
    return post(author, at, null, kind, new String[0]);
  }

  String post(String author, long at, String group, String kind, String[] tags) {
    String id = PostIds.format(ids.next(at));
    m.applyDecoded(new PostPublished(id, author, "text " + String.join(" #", tags), null, id, List.of(tags), List.of(), List.of(),
        Instant.ofEpochMilli(at), group, kind), ++position, null);
    return id;
  }

  String reply(String author, String parent, long at) {
    String id = PostIds.format(ids.next(at));
    m.applyDecoded(new PostPublished(id, author, "a reply", parent, parent, List.of(), List.of(), List.of(), Instant.ofEpochMilli(at)),
        ++position, null);
    return id;
  }

  void person(String id, String department) {
    m.applyDecoded(new ProfileRecorded(id, id, department, null, null, Instant.ofEpochMilli(MONDAY)), ++position, null);
  }

  /** {@code n} distinct authors use #topic in the hour starting at {@code hourStart}. */
  void authors(int n, String topic, long hourStart) {
    for (int i = 0; i < n; i++) post("a" + i, hourStart + 60_000L * i, topic);
  }

  @Test
  void trends_aNewTopicWithFiveAuthors_scoresAgainstThePrior_andFadesWithAFourHourHalfLife() {
    authors(5, "kotlin", MONDAY + 10 * HOUR);
    // baseline for an hour never seen is the prior, 1: (5 − 1)² / 1 = 16, within its own hour
    List<TopicTrends.Trend> now = m.read(() -> m.trends.at(MONDAY + 10 * HOUR + 30 * 60_000L, 5, 10));
    assertThat(now).hasSize(1);
    assertThat(now.get(0).score()).isCloseTo(16, within(1e-9));
    assertThat(now.get(0).authorsInPeakHour()).isEqualTo(5);
    // four hours after the hour ended: half
    assertThat(m.read(() -> m.trends.at(MONDAY + 15 * HOUR, 5, 10)).get(0).score()).isCloseTo(8, within(1e-9));
    // four authors are never a trend, whatever the baseline
    authors(4, "scala", MONDAY + 11 * HOUR);
    assertThat(m.read(() -> m.trends.at(MONDAY + 11 * HOUR + 59 * 60_000L, 5, 10))).extracting(TopicTrends.Trend::topic).containsExactly("kotlin");
  }

  @Test
  void trends_theSameHourNextWeek_isMeasuredAgainstAnExponentiallyWeightedBaseline() {
    authors(10, "release", MONDAY + 9 * HOUR);
    // a week later, an event moves time past the kept 48 hours: last week's 10 authors fold in:
    // E = 0.3 · 10 + 0.7 · 1 = 3.7
    authors(10, "release", MONDAY + WEEK + 9 * HOUR);
    double expected = 0.3 * 10 + 0.7 * 1;
    TopicTrends.Trend t = m.read(() -> m.trends.at(MONDAY + WEEK + 9 * HOUR + 59 * 60_000L, 5, 10)).get(0);
    assertThat(t.expected()).isCloseTo(expected, within(1e-9));
    assertThat(t.score()).isCloseTo((10 - expected) * (10 - expected) / expected, within(1e-9));
    // two silent weeks later the baseline has shrunk by 0.7 per week missed: 3.7·0.7 (week 1 folded with 10 → 0.3·10+0.7·3.7)
    authors(6, "release", MONDAY + 3 * WEEK + 9 * HOUR);
    double afterWeek1 = 0.3 * 10 + 0.7 * expected;
    double inWeek3 = afterWeek1 * 0.7;
    TopicTrends.Trend later = m.read(() -> m.trends.at(MONDAY + 3 * WEEK + 9 * HOUR + 59 * 60_000L, 5, 10)).get(0);
    assertThat(later.expected()).isCloseTo(inWeek3, within(1e-9));
    assertThat(later.score()).isCloseTo((6 - inWeek3) * (6 - inWeek3) / inWeek3, within(1e-9));
  }

  @Test
  void trends_neverCountPrivateGroupPosts() {
    m.applyDecoded(new GroupEvent.GroupCreated("g1", "Board", "", List.of(), "private", "a0", Instant.ofEpochMilli(MONDAY)), ++position, null);
    for (int i = 0; i < 6; i++) post("a" + i, MONDAY + HOUR + i, "g1", null, new String[] {"merger"});
    assertThat(m.read(() -> m.trends.at(MONDAY + HOUR + 600_000, 5, 10))).isEmpty();
  }

  @Test
  void activity_isCountedWhenItHappened_andAPastHourNeverChanges() {
    for (int i = 0; i < 5; i++) person("p" + i, "Sales");
    String q = asked("p0", MONDAY + 30_000, "question");
    reply("p1", q, MONDAY + 60_000); // an answer: someone else replying to a question
    reply("p0", q, MONDAY + 90_000); // the asker's own reply is a reply
    String plain = post("p2", MONDAY + 120_000);
    asked("p3", MONDAY + 150_000, "idea");
    m.applyDecoded(new PostEndorsed(plain, "p2", "p4", Instant.ofEpochMilli(MONDAY + 180_000)), ++position, null);
    m.applyDecoded(new PostEndorsed(plain, "p2", "p4", Instant.ofEpochMilli(MONDAY + 190_000)), ++position, null); // seen twice: once
    List<Activity.Slot> before = m.read(() -> Activity.hours(m.activity, MONDAY, MONDAY + HOUR, 5));
    Activity.Counts c = before.get(0).counts();
    assertThat(c).isEqualTo(new Activity.Counts(1, 1, 1, 1, 1, 1, 0, 5, 0));
    // a later delete and withdrawal leave the hour as it was
    m.applyDecoded(new PostDeleted(plain, "p2", Instant.ofEpochMilli(MONDAY + 2 * HOUR)), ++position, null);
    m.applyDecoded(new EndorsementWithdrawn(plain, "p2", "p4", Instant.ofEpochMilli(MONDAY + 2 * HOUR)), ++position, null);
    assertThat(m.read(() -> Activity.hours(m.activity, MONDAY, MONDAY + HOUR, 5))).isEqualTo(before);
    // with k = 6 the hour's five people are too few
    assertThat(m.read(() -> Activity.hours(m.activity, MONDAY, MONDAY + HOUR, 6)).get(0).counts()).isNull();
  }

  @Test
  void aGroupsIntegration_isNotAPerson_notCounted_notTrending_andNoNewVoice() {
    String bot = no.deling.integrations.Integrations.author("0384036914845450300");
    for (int i = 0; i < 4; i++) post("t" + i, MONDAY + 10 * HOUR + i, "release");
    for (int i = 0; i < 50; i++) post(bot, MONDAY + 10 * HOUR + 100 + i, "release");
    assertThat(m.read(() -> m.trends.at(MONDAY + 10 * HOUR + 30 * 60_000L, 5, 10))).as("four people and a tool are not five").isEmpty();
    post("t4", MONDAY + 10 * HOUR + 200);
    Activity.Counts hour = m.read(() -> Activity.hours(m.activity, MONDAY + 10 * HOUR, MONDAY + 11 * HOUR, 5)).get(0).counts();
    assertThat(hour.posts()).as("the people's five, not the tool's fifty").isEqualTo(5);
    assertThat(hour.activePeople()).isEqualTo(5);
    List<String> firsts = new java.util.ArrayList<>();
    m.read(() -> {
      m.activity.forEachFirst(f -> firsts.add(f.person()));
      return null;
    });
    assertThat(firsts).contains("t0").doesNotContain(bot);
  }

  @Test
  void activity_aDayIsMadeOfItsShownHoursOnly() {
    for (int i = 0; i < 5; i++) post("d" + i, MONDAY + i * 1000); // hour 0: five people
    for (int i = 0; i < 3; i++) post("d" + i, MONDAY + 3 * HOUR + i * 1000); // hour 3: three people, withheld
    for (int i = 0; i < 6; i++) post("e" + i, MONDAY + 5 * HOUR + i * 1000); // hour 5: six others
    Activity.Counts day = m.read(() -> Activity.days(m.activity, MONDAY, MONDAY + 1, 5)).get(0).counts();
    assertThat(day.posts()).as("5 + 6; hour 3's three posts are left out").isEqualTo(11);
    assertThat(day.activePeople()).isEqualTo(11);
    assertThat(day.withheldHours()).as("22 hours under k, quiet ones included").isEqualTo(22);
    // a day with no hour shown is withheld whole
    post("x", MONDAY + 24 * HOUR);
    assertThat(m.read(() -> Activity.days(m.activity, MONDAY + 24 * HOUR, MONDAY + 24 * HOUR + 1, 5)).get(0).counts()).isNull();
  }

  @Test
  void newVoices_byTheDepartmentTheyWereIn_withTheResidueNeverUnderK() {
    // 6 newcomers in Sales, 5 in Ops, 2 in Legal, during the week of MONDAY
    for (int i = 0; i < 6; i++) person("s" + i, "Sales");
    for (int i = 0; i < 5; i++) person("o" + i, "Ops");
    for (int i = 0; i < 2; i++) person("l" + i, "Legal");
    person("h0", "HR");
    for (int i = 0; i < 6; i++) post("s" + i, MONDAY + HOUR * i);
    for (int i = 0; i < 5; i++) post("o" + i, MONDAY + HOUR * i);
    for (int i = 0; i < 2; i++) post("l" + i, MONDAY + HOUR * i);
    // a second post the next week is not a first contribution
    post("s0", MONDAY + WEEK + HOUR);
    NewVoices.Week w = m.read(() -> NewVoices.of(m.activity, Set.of("Sales", "Ops", "Legal", "HR"), MONDAY, MONDAY + WEEK, 5));
    assertThat(w.total()).isEqualTo(13);
    // Legal (2) and HR (0) are under k; together 2 people: so the smallest shown, Ops (5), goes too → 7
    assertThat(w.departments()).containsExactly(new NewVoices.Department("HR", null), new NewVoices.Department("Legal", null),
        new NewVoices.Department("Ops", null), new NewVoices.Department("Sales", 6));
    // the week still running shows its total only
    NewVoices.Week running = m.read(() -> NewVoices.of(m.activity, Set.of("Sales"), MONDAY, MONDAY + 3 * 24 * HOUR, 5));
    assertThat(running.complete()).isFalse();
    assertThat(running.departments()).isEmpty();
    assertThat(NewVoices.weekStart(MONDAY + 6 * 24 * HOUR + 5)).isEqualTo(MONDAY);
  }
}
