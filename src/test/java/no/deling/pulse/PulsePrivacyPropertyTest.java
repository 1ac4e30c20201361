package no.deling.pulse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import no.deling.core.ids.PostIds;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.groups.GroupEvent;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.readmodel.ReadModel;
import no.deling.shares.ShareEvent.PostShared;
import no.deling.users.UserEvent.ProfileRecorded;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The pulse's privacy rules over random organisations: people in departments of every size
 * (several under k), posts, questions, ideas, replies, mentions, endorsements and shares at random
 * times, some inside a private group. Every answer the pulse gives (the same JSON its routes and
 * stream send) is checked against the ground truth the script knows:
 *
 * <ul>
 *   <li>no answer names a person (no id, no display name);
 *   <li>no shown figure is computed from fewer than k people;
 *   <li>no two answers can be differenced below k: overlapping activity ranges agree hour by hour,
 *       a day equals the sum of its shown hours, a breakdown's total minus its shown cells covers
 *       none or at least k people, a matrix never has a lone withheld cell in a row or column;
 *   <li>a private group's posts never surface in a topic or as a representative post.
 * </ul>
 */
class PulsePrivacyPropertyTest {
  static final long START = Instant.parse("2026-10-05T00:00:00Z").toEpochMilli(); // a Monday
  static final long HOUR = ActivityLog.HOUR;
  static final long DAY = 24 * HOUR;

  /** What the script did, for the checks. */
  static final class Truth {
    final Map<String, String> department = new HashMap<>();
    final Map<String, String> name = new HashMap<>();
    final Map<Long, Set<String>> activeByHour = new HashMap<>();
    final Map<String, Set<String>> askersByTopic = new HashMap<>();
    final Set<String> privateTexts = new HashSet<>();
    final Map<String, Long> firstContribution = new HashMap<>();
    /** topic + "@" + hour → authors of posts everyone may read */
    final Map<String, Set<String>> publicAuthors = new HashMap<>();
    /** a public post's id → its topic */
    final Map<String, String> topicOfPublic = new HashMap<>();
    /** topic + "@" + week start → who took part in it in public: posted with its hashtag, or answered one of its questions */
    final Map<String, Set<String>> inTopicWeek = new HashMap<>();
  }

  @Property(tries = 400)
  void noAnswerNamesAPerson_orRestsOnFewerThanK(@ForAll @IntRange(min = 6, max = 45) int people, @ForAll @IntRange(min = 1, max = 6) int departments,
      @ForAll @IntRange(min = 5, max = 7) int k, @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long seed) {
    Random random = new Random(seed);
    ReadModel m = new ReadModel(100, 1000);
    Truth truth = new Truth();
    long[] position = {0};
    PostIds ids = new PostIds(3);
    List<String> everyone = new ArrayList<>();
    for (int i = 0; i < people; i++) {
      String id = "pp" + seed % 1000 + "x" + i;
      // skewed department sizes: the first departments are large, the last often tiny
      String dept = "Dept" + Math.min(departments - 1, (int) Math.floor(Math.pow(random.nextDouble(), 2) * departments));
      String name = "Name" + seed % 1000 + "y" + i;
      truth.department.put(id, dept);
      truth.name.put(id, name);
      everyone.add(id);
      m.applyDecoded(new ProfileRecorded(id, name, dept, "Loc" + random.nextInt(3), null, Instant.ofEpochMilli(START)), ++position[0], null);
    }
    String group = PostIds.format(ids.next(START));
    m.applyDecoded(new GroupEvent.GroupCreated(group, "Private", "", List.of(), "private", everyone.get(0), Instant.ofEpochMilli(START)),
        ++position[0], null);
    List<String> posts = new ArrayList<>();
    Map<String, String> authorOf = new HashMap<>();
    Map<String, Boolean> isQuestion = new HashMap<>();
    String[] topics = {"alpha", "beta", "gamma"};
    int steps = 40 + random.nextInt(200);
    long at = START + random.nextInt(12) * HOUR;
    int burstAt = random.nextBoolean() ? random.nextInt(steps) : -1;
    int burst = 0;
    for (int step = 0; step < steps; step++) {
      if (step == burstAt) burst = 5 + random.nextInt(15); // a topic takes off: many posts within minutes
      at += burst > 0 ? random.nextInt(60_000) : random.nextInt(4) == 0 ? HOUR * random.nextInt(30) : random.nextInt(600_000);
      String who = everyone.get(random.nextInt(people));
      int action = burst-- > 0 ? 0 : random.nextInt(10);
      long hour = Math.floorDiv(at, HOUR);
      if (action < 4 || posts.isEmpty()) {
        boolean inGroup = random.nextInt(5) == 0;
        String kind = random.nextInt(4) == 0 ? "question" : random.nextInt(6) == 0 ? "idea" : null;
        String topic = topics[random.nextInt(topics.length)];
        String id = PostIds.format(ids.next(at));
        String text = (inGroup ? "SECRET" + id : "open text") + " #" + topic;
        List<String> mentions = random.nextInt(3) == 0 ? List.of(everyone.get(random.nextInt(people))) : List.of();
        m.applyDecoded(new PostPublished(id, who, text, null, id, List.of(topic), mentions, List.of(), Instant.ofEpochMilli(at),
            inGroup ? group : null, kind), ++position[0], null);
        if (inGroup) truth.privateTexts.add("SECRET" + id);
        else truth.publicAuthors.computeIfAbsent(topic + "@" + hour, t -> new HashSet<>()).add(who);
        if (!inGroup) {
          truth.topicOfPublic.put(id, topic);
          truth.inTopicWeek.computeIfAbsent(topic + "@" + NewVoices.weekStart(at), t -> new HashSet<>()).add(who);
        }
        if ("question".equals(kind) && !inGroup) truth.askersByTopic.computeIfAbsent(topic, t -> new HashSet<>()).add(who);
        posts.add(id);
        authorOf.put(id, who);
        isQuestion.put(id, "question".equals(kind));
        truth.firstContribution.merge(who, at, Math::min);
      } else if (action < 7) {
        String parent = posts.get(random.nextInt(posts.size()));
        String id = PostIds.format(ids.next(at));
        m.applyDecoded(new PostPublished(id, who, "a reply", parent, parent, List.of(), List.of(), List.of(), Instant.ofEpochMilli(at)),
            ++position[0], null);
        String topicOfParent = truth.topicOfPublic.get(parent);
        if (topicOfParent != null && isQuestion.get(parent) && !who.equals(authorOf.get(parent))) {
          // an answer to one of the topic's public questions: its author takes part in the topic
          truth.inTopicWeek.computeIfAbsent(topicOfParent + "@" + NewVoices.weekStart(at), t -> new HashSet<>()).add(who);
        }
        truth.firstContribution.merge(who, at, Math::min);
      } else if (action < 9) {
        String post = posts.get(random.nextInt(posts.size()));
        if (m.endorsements.endorsedBy(PostIds.parse(post), who)) continue;
        m.applyDecoded(new PostEndorsed(post, authorOf.get(post), who, Instant.ofEpochMilli(at)), ++position[0], null);
      } else {
        String post = posts.get(random.nextInt(posts.size()));
        m.applyDecoded(new PostShared(post, authorOf.get(post), who, PostIds.format(ids.next(at)), Instant.ofEpochMilli(at)), ++position[0], null);
      }
      truth.activeByHour.computeIfAbsent(hour, h -> new HashSet<>()).add(who);
    }
    long now = at + random.nextInt(48) * HOUR;

    // every answer, as its route or the stream renders it
    List<JsonObject> answers = new ArrayList<>();
    long from1 = START + random.nextInt(48) * HOUR + random.nextInt(3_600_000);
    long to1 = from1 + (1 + random.nextInt(100)) * HOUR;
    long from2 = from1 + random.nextInt(50) * HOUR - 25 * HOUR;
    long to2 = from2 + (1 + random.nextInt(100)) * HOUR;
    JsonArray hours1 = m.read(() -> PulseJson.slots(Activity.hours(m.activity, from1, to1, k), false));
    JsonArray hours2 = m.read(() -> PulseJson.slots(Activity.hours(m.activity, from2, to2, k), false));
    JsonArray allHours = m.read(() -> PulseJson.slots(Activity.hours(m.activity, START - 2 * DAY, START + 29 * DAY, k), false));
    JsonArray days = m.read(() -> PulseJson.slots(Activity.days(m.activity, START - 2 * DAY, START + 29 * DAY, k), true));
    answers.add(new JsonObject().put("h1", hours1).put("h2", hours2).put("days", days));
    JsonObject trends = m.read(() -> new JsonObject().put("items", PulseJson.trends(m, m.trends.at(now, k, 20))));
    answers.add(trends);
    JsonObject questions = m.read(() -> PulseJson.questions(PulseQuestions.of(m, now, 4, k)));
    answers.add(questions);
    answers.add(m.read(() -> PulseJson.ideas(PulseIdeas.of(m, now, 20, k))));
    Set<String> allDepartments = new HashSet<>(truth.department.values());
    List<JsonObject> weeks = new ArrayList<>();
    for (long w = NewVoices.weekStart(START); w <= now; w += NewVoices.WEEK) {
      long week = w;
      weeks.add(m.read(() -> PulseJson.newVoices(NewVoices.of(m.activity, allDepartments, week, now, k))));
    }
    answers.addAll(weeks);
    Map<String, JsonObject> topicPulses = new HashMap<>();
    for (String topic : topics) topicPulses.put(topic, new PulseQueries(m).topic(topic, now, 6, k));
    answers.addAll(topicPulses.values());
    NetworkSnapshot network = PulseNetwork.compute(m, now, k);

    // 1. no person is named
    for (JsonObject a : answers) {
      String text = a.encode();
      for (String id : everyone) {
        assertThat(text).doesNotContain(id);
        assertThat(text).doesNotContain(truth.name.get(id));
      }
      // 5. nothing from the private group
      for (String secret : truth.privateTexts) assertThat(text).doesNotContain(secret);
    }

    // 2 + 4. activity: every shown hour rests on at least k people; overlapping ranges agree; a day is its shown hours
    Map<String, JsonObject> hourByStart = new HashMap<>();
    for (Object o : allHours) hourByStart.put(((JsonObject) o).getString("hour"), (JsonObject) o);
    for (JsonArray range : List.of(hours1, hours2)) {
      for (Object o : range) {
        JsonObject h = (JsonObject) o;
        assertThat(h).isEqualTo(hourByStart.get(h.getString("hour")));
        long hour = Math.floorDiv(Instant.parse(h.getString("hour")).toEpochMilli(), HOUR);
        int truly = truth.activeByHour.getOrDefault(hour, Set.of()).size();
        if (h.containsKey("withheld")) assertThat(truly).isLessThan(k);
        else assertThat(truly).isGreaterThanOrEqualTo(k).isEqualTo(h.getInteger("activePeople"));
      }
    }
    for (Object o : days) {
      JsonObject d = (JsonObject) o;
      long dayStart = Instant.parse(d.getString("day")).toEpochMilli();
      int posts0 = 0, endorsements = 0;
      Set<String> people0 = new HashSet<>();
      for (long h = dayStart / HOUR; h < dayStart / HOUR + 24; h++) {
        JsonObject shown = hourByStart.get(Instant.ofEpochMilli(h * HOUR).toString());
        if (shown == null || shown.containsKey("withheld")) continue;
        posts0 += shown.getInteger("posts");
        endorsements += shown.getInteger("endorsements");
        people0.addAll(truth.activeByHour.get(h));
      }
      if (d.containsKey("withheld")) {
        assertThat(people0).isEmpty();
      } else {
        assertThat(d.getInteger("posts")).isEqualTo(posts0);
        assertThat(d.getInteger("endorsements")).isEqualTo(endorsements);
        assertThat(d.getInteger("activePeople")).isEqualTo(people0.size()).isGreaterThanOrEqualTo(k);
      }
    }

    // a topic's pulse: a week is shown exactly when k or more people took part in public (posted with
    // its hashtag or answered one of its questions), and then says how many
    for (Map.Entry<String, JsonObject> t : topicPulses.entrySet()) {
      for (Object o : t.getValue().getJsonArray("weeks")) {
        JsonObject w = (JsonObject) o;
        int truly = truth.inTopicWeek.getOrDefault(t.getKey() + "@" + Instant.parse(w.getString("weekStart")).toEpochMilli(), Set.of()).size();
        if (w.containsKey("withheld")) assertThat(truly).isLessThan(k);
        else assertThat(w.getInteger("people")).isEqualTo(truly).isGreaterThanOrEqualTo(k);
      }
      JsonObject others = t.getValue().getJsonObject("otherDepartments");
      if (others.getValue("people") != null) assertThat(others.getInteger("people")).isGreaterThanOrEqualTo(k);
      for (Object o : t.getValue().getJsonArray("departments")) assertThat(((JsonObject) o).getInteger("people")).isGreaterThanOrEqualTo(k);
    }

    // trends: only hours with at least k authors
    for (Object o : trends.getJsonArray("items")) {
      JsonObject t = (JsonObject) o;
      long peak = Instant.parse(t.getString("peakHour")).toEpochMilli() / HOUR;
      // counted from posts everyone may read, and from at least k of their authors
      assertThat(t.getInteger("authorsInPeakHour")).isEqualTo(truth.publicAuthors.get(t.getString("topic") + "@" + peak).size())
          .isGreaterThanOrEqualTo(k);
    }

    // questions: a shown topic has at least k askers (public questions only); its age cells obey the residue rule
    for (Object o : questions.getJsonArray("unansweredByTopic")) {
      JsonObject t = (JsonObject) o;
      assertThat(truth.askersByTopic.getOrDefault(t.getString("topic"), Set.of()).size()).isGreaterThanOrEqualTo(k);
    }

    // new voices: totals and departments over at least k; the residue is none or at least k people
    for (JsonObject w : weeks) {
      long start = Instant.parse(w.getString("weekStart")).toEpochMilli();
      Map<String, Set<String>> newByDept = new HashMap<>();
      Set<String> all = new HashSet<>();
      truth.firstContribution.forEach((person, first) -> {
        if (first >= start && first < start + NewVoices.WEEK) {
          all.add(person);
          newByDept.computeIfAbsent(truth.department.get(person), d -> new HashSet<>()).add(person);
        }
      });
      if (w.containsKey("withheld")) {
        assertThat(all.size()).isLessThan(k);
        continue;
      }
      assertThat(w.getInteger("total")).isEqualTo(all.size()).isGreaterThanOrEqualTo(k);
      Set<String> residue = new HashSet<>(all);
      boolean anyWithheld = false;
      for (Object o : w.getJsonArray("departments")) {
        JsonObject d = (JsonObject) o;
        Set<String> in = newByDept.getOrDefault(d.getString("name"), Set.of());
        if (d.containsKey("withheld")) {
          anyWithheld = true;
          continue;
        }
        assertThat(d.getInteger("count")).isEqualTo(in.size()).isGreaterThanOrEqualTo(k);
        residue.removeAll(in);
      }
      if (anyWithheld) assertThat(residue.size()).as("total minus shown departments").isGreaterThanOrEqualTo(k);
    }

    // network: units under k show no figure; the matrix has no lone withheld cell in a row or column
    Map<String, Integer> deptSize = new HashMap<>();
    truth.department.values().forEach(d -> deptSize.merge(d, 1, Integer::sum));
    for (NetworkSnapshot.Unit u : network.departments()) {
      if (deptSize.get(u.name()) < k) assertThat(List.of(u)).allMatch(x -> x.reciprocity() == null && x.eiIndex() == null);
    }
    Long[][] matrix = network.matrix();
    for (int i = 0; i < matrix.length; i++) {
      int row = 0, column = 0;
      for (int j = 0; j < matrix.length; j++) {
        if (matrix[i][j] == null) row++;
        if (matrix[j][i] == null) column++;
      }
      // a lone withheld cell beside shown ones is the row total minus the shown cells
      if (matrix.length > 1) {
        assertThat(row).as("withheld cells in row %d", i).isNotEqualTo(1);
        assertThat(column).as("withheld cells in column %d", i).isNotEqualTo(1);
      }
      for (int j = 0; j < matrix.length; j++) {
        if (matrix[i][j] != null) {
          assertThat(deptSize.get(network.matrixUnits().get(i))).isGreaterThanOrEqualTo(k);
          assertThat(deptSize.get(network.matrixUnits().get(j))).isGreaterThanOrEqualTo(k);
        }
      }
    }
  }
}
