package no.deling.pulse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pulse of one topic, for those who look after it: week by week (Monday to Monday, UTC), how
 * many people took part in it, what they wrote, how its questions fared, from how many departments,
 * and how many took part for the first time; and which departments took part over the whole weeks.
 * Pure: the caller hands over the topic's public contributions and questions (nothing from a
 * private group), and every figure about people passes {@link Suppression}: a week with fewer than
 * k people taking part is withheld whole, and so is a count of first-timers under k.
 */
public final class TopicPulse {
  private TopicPulse() {}

  /** What someone did in the topic. */
  public enum Kind { POST, QUESTION, ANSWER }

  /**
   * One contribution: a public post or reply carrying the topic ({@code POST}, or {@code QUESTION}
   * for a question), or an answer to one of its questions, whatever it carries.
   *
   * @param department its author's department, null when the directory did not say
   */
  public record Contribution(String person, String department, long atMillis, Kind kind) {}

  /** One of the topic's public questions: when it was asked, when first answered (0: not yet), and whether an answer is accepted. */
  public record Question(long askedAtMillis, long firstAnswerAtMillis, boolean accepted) {}

  /**
   * One week; every figure null when {@code people} is (under k), {@code newPeople} null under k too;
   * the question figures null when no question was asked that week.
   */
  public record Week(long startMillis, boolean complete, Integer people, Integer posts, Integer questions, Integer answers,
      Integer departments, Integer newPeople, Double answeredShare, Double acceptedShare, Long medianSecondsToFirstAnswer) {}

  /** A department shown: at least k of its people took part. */
  public record Department(String name, int people) {}

  /**
   * @param departments over the complete weeks of the range, most people first, only those shown
   * @param otherDepartments how many further departments took part, their people withheld
   * @param otherPeople the people of those, null when not shown (so never fewer than k)
   */
  public record Result(List<Week> weeks, List<Department> departments, int otherDepartments, Integer otherPeople) {}

  /**
   * @param contributions every public contribution to the topic ever (the first ones tell who is new), in any order
   * @param questions the topic's public questions
   */
  public static Result of(List<Contribution> contributions, List<Question> questions, long nowMillis, int weeks, int k) {
    long first = NewVoices.weekStart(nowMillis) - (weeks - 1) * NewVoices.WEEK;
    Map<String, Long> firstTime = new HashMap<>();
    for (Contribution c : contributions) firstTime.merge(c.person(), c.atMillis(), Math::min);
    Tally[] tallies = new Tally[weeks];
    for (int w = 0; w < weeks; w++) tallies[w] = new Tally();
    // one pass over everything, each contribution to its week (most topics' history is longer than the range)
    long completeEnd = NewVoices.weekStart(nowMillis);
    Map<String, Set<String>> byDepartment = new TreeMap<>();
    for (Contribution c : contributions) {
      int w = weekOf(c.atMillis(), first, weeks);
      if (w < 0) continue;
      String department = c.department() == null ? NewVoices.NO_DEPARTMENT : c.department();
      tallies[w].add(c, department, firstTime.get(c.person()) == c.atMillis());
      // which departments took part, over the whole weeks only: a breakdown of a week still running could be differenced as it grows
      if (c.atMillis() < completeEnd) byDepartment.computeIfAbsent(department, d -> new HashSet<>()).add(c.person());
    }
    for (Question q : questions) {
      int w = weekOf(q.askedAtMillis(), first, weeks);
      if (w >= 0) tallies[w].questions.add(q);
    }
    List<Week> out = new ArrayList<>();
    for (int w = 0; w < weeks; w++) {
      long start = first + w * NewVoices.WEEK;
      out.add(tallies[w].week(start, start + NewVoices.WEEK <= nowMillis, k));
    }
    List<Set<String>> cells = new ArrayList<>(byDepartment.values());
    boolean[] withheld = Suppression.cells(cells, k);
    List<Department> shown = new ArrayList<>();
    Set<String> others = new HashSet<>();
    int otherDepartments = 0;
    int i = 0;
    for (Map.Entry<String, Set<String>> d : byDepartment.entrySet()) {
      if (withheld[i++]) {
        otherDepartments++;
        others.addAll(d.getValue());
      } else {
        shown.add(new Department(d.getKey(), d.getValue().size()));
      }
    }
    shown.sort((a, b) -> Integer.compare(b.people(), a.people()));
    return new Result(out, shown, otherDepartments, Suppression.mayShow(others.size(), k) ? others.size() : null);
  }

  /** The index of the week of the range holding {@code millis}, or -1 outside it. */
  private static int weekOf(long millis, long first, int weeks) {
    if (millis < first) return -1;
    long w = (millis - first) / NewVoices.WEEK;
    return w < weeks ? (int) w : -1;
  }

  /** One week's contributions and questions, as they are met. */
  private static final class Tally {
    final Set<String> people = new HashSet<>();
    final Set<String> departments = new HashSet<>();
    final Set<String> newPeople = new HashSet<>();
    final List<Question> questions = new ArrayList<>();
    int posts, asked, answers;

    void add(Contribution c, String department, boolean firstTime) {
      people.add(c.person());
      departments.add(department);
      if (firstTime) newPeople.add(c.person());
      switch (c.kind()) {
        case POST -> posts++;
        case QUESTION -> {
          posts++;
          asked++;
        }
        case ANSWER -> answers++;
      }
    }

    Week week(long start, boolean complete, int k) {
      if (!Suppression.mayShow(people.size(), k)) return new Week(start, complete, null, null, null, null, null, null, null, null, null);
      int answered = 0, accepted = 0;
      List<Long> waits = new ArrayList<>();
      for (Question q : questions) {
        if (q.firstAnswerAtMillis() > 0) {
          answered++;
          waits.add((q.firstAnswerAtMillis() - q.askedAtMillis()) / 1000);
        }
        if (q.accepted()) accepted++;
      }
      int n = questions.size();
      return new Week(start, complete, people.size(), posts, asked, answers, departments.size(),
          Suppression.mayShow(newPeople.size(), k) ? newPeople.size() : null, n == 0 ? null : (double) answered / n,
          n == 0 ? null : (double) accepted / n, PulseQuestions.median(waits));
    }
  }
}
