package no.deling.pulse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import no.deling.posts.PostView;
import no.deling.questions.Questions;
import no.deling.readmodel.ReadModel;

/**
 * How the organisation's questions fare, for leaders: unanswered questions by topic and age (public
 * questions only: a breakdown must not reveal a private group's), and per week, over every
 * question including private groups', how many were answered and accepted and how fast the first
 * answer came. Each figure covers at least k distinct askers or is withheld.
 */
public final class PulseQuestions {
  private PulseQuestions() {}

  /** Age buckets of an unanswered question. */
  public static final List<String> AGES = List.of("underADay", "oneToSevenDays", "overAWeek");

  /** @param counts per {@link #AGES}, null where withheld; {@code total} null when the topic is under k askers */
  public record Topic(String topic, Integer total, Integer[] counts) {}

  /** One week's figures; all null but {@code start} and {@code complete} under k askers. */
  public record Week(long startMillis, boolean complete, Integer asked, Double answeredShare, Double acceptedShare,
      Long medianSecondsToFirstAnswer) {}

  public record Result(List<Topic> unanswered, int withheldTopics, List<Week> weeks) {}

  /** Under the read lock. */
  /** One topic's unanswered questions of one age: how many, and who asked them. */
  private static final class Cell {
    int questions;
    final Set<String> askers = new HashSet<>();
  }

  public static Result of(ReadModel m, long nowMillis, int weeks, int k) {
    Map<String, Cell[]> byTopic = new TreeMap<>();
    List<Questions.Question> all = new ArrayList<>();
    long firstWeek = NewVoices.weekStart(nowMillis) - (weeks - 1) * NewVoices.WEEK;
    m.questions.forEach(q -> {
      boolean recent = q.askedAt >= firstWeek;
      boolean unanswered = m.questions.status(q) == Questions.Status.UNANSWERED;
      if (!recent && !unanswered) return; // neither counted nor listed: its post need not be looked up (most questions)
      PostView post = m.posts.get(q.id);
      if (post == null || post.deleted) return;
      if (recent) all.add(q);
      if (!unanswered) return;
      if (post.group != null && m.groups.isPrivate(post.group)) return;
      long age = nowMillis - q.askedAt;
      int bucket = age < Activity.DAY ? 0 : age < 7 * Activity.DAY ? 1 : 2;
      for (String tag : post.hashtags) {
        Cell cell = byTopic.computeIfAbsent(tag, t -> new Cell[] {new Cell(), new Cell(), new Cell()})[bucket];
        cell.questions++;
        cell.askers.add(q.asker);
      }
    });
    List<Topic> topics = new ArrayList<>();
    int withheldTopics = 0;
    for (Map.Entry<String, Cell[]> t : byTopic.entrySet()) {
      List<Set<String>> askers = new ArrayList<>();
      Set<String> everyone = new HashSet<>();
      int total = 0;
      for (Cell cell : t.getValue()) {
        askers.add(cell.askers);
        everyone.addAll(cell.askers);
        total += cell.questions;
      }
      if (!Suppression.mayShow(everyone.size(), k)) {
        withheldTopics++;
        continue;
      }
      boolean[] withheld = Suppression.cells(askers, k, true);
      Integer[] counts = new Integer[AGES.size()];
      for (int i = 0; i < counts.length; i++) counts[i] = withheld[i] ? null : t.getValue()[i].questions;
      topics.add(new Topic(t.getKey(), total, counts));
    }
    topics.sort((a, b) -> Integer.compare(b.total(), a.total()));
    List<Week> out = new ArrayList<>();
    for (int w = 0; w < weeks; w++) out.add(week(m, all, firstWeek + w * NewVoices.WEEK, nowMillis, k));
    return new Result(topics, withheldTopics, out);
  }

  private static Week week(ReadModel m, List<Questions.Question> all, long start, long now, int k) {
    long end = start + NewVoices.WEEK;
    Set<String> askers = new HashSet<>();
    int asked = 0, answered = 0, accepted = 0;
    List<Long> firstAnswer = new ArrayList<>();
    for (Questions.Question q : all) {
      if (q.askedAt < start || q.askedAt >= end) continue;
      askers.add(q.asker);
      asked++;
      if (q.firstAnswerAt > 0) {
        answered++;
        firstAnswer.add((q.firstAnswerAt - q.askedAt) / 1000);
      }
      if (m.questions.status(q) == Questions.Status.ACCEPTED) accepted++;
    }
    boolean complete = end <= now;
    if (!Suppression.mayShow(askers.size(), k)) return new Week(start, complete, null, null, null, null);
    return new Week(start, complete, asked, (double) answered / asked, (double) accepted / asked, median(firstAnswer));
  }

  /** The median of {@code values} (of the middle two, their mean, rounded down), null for none. */
  static Long median(List<Long> values) {
    if (values.isEmpty()) return null;
    long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
