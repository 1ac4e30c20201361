package no.deling.experts;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.deling.endorsements.Endorsements;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.questions.Questions;
import no.deling.skills.Skills;
import no.deling.users.People;
import no.deling.users.Person;
import no.deling.visibility.Visibility;

/**
 * "Who knows X": colleagues ranked by the evidence in those topics that the viewer may see. Every
 * piece of evidence weighs by kind and halves in weight every {@link #HALF_LIFE_DAYS} days:
 *
 * <ul>
 *   <li>an accepted answer: {@value #ACCEPTED} (at the time it was accepted)
 *   <li>an answer (a direct reply to someone's question): {@value #ANSWER}
 *   <li>an endorsement of one's answer: {@value #ENDORSED_ANSWER}; of one's post: {@value #ENDORSED_POST}
 *   <li>a skill endorsement citing one's own post as evidence: {@value #SKILL_WITH_EVIDENCE}; without
 *       evidence (or with evidence since deleted): {@value #SKILL_WITHOUT_EVIDENCE} — vouching without
 *       evidence is allowed but weighs little
 * </ul>
 *
 * A post in a private group counts only for viewers who are members; a deleted post not at all; a
 * skill the person hides is not counted; former colleagues are not listed. Ties go to the user id.
 * Call under the read lock.
 */
public final class ExpertRanking {
  static final double ACCEPTED = 5;
  static final double ANSWER = 1;
  static final double ENDORSED_ANSWER = 2;
  static final double ENDORSED_POST = 1;
  static final double SKILL_WITH_EVIDENCE = 3;
  static final double SKILL_WITHOUT_EVIDENCE = 0.5;
  static final double HALF_LIFE_DAYS = 90;
  private static final double HALF_LIFE_MS = HALF_LIFE_DAYS * 86_400_000d;

  private final ExpertIndex index;
  private final PostIndex posts;
  private final Questions questions;
  private final Endorsements endorsements;
  private final Skills skills;
  private final People people;
  private final Visibility.Memberships groups;

  public ExpertRanking(ExpertIndex index, PostIndex posts, Questions questions, Endorsements endorsements, Skills skills, People people,
      Visibility.Memberships groups) {
    this.index = index;
    this.posts = posts;
    this.questions = questions;
    this.endorsements = endorsements;
    this.skills = skills;
    this.people = people;
    this.groups = groups;
  }

  /** One colleague's evidence: the score and what it is made of. */
  public static final class Expert {
    public final String user;
    public double score;
    public int acceptedAnswers;
    public int answers;
    public int endorsements;
    public int skillEndorsements;
    public int skillEndorsementsWithoutEvidence;

    Expert(String user) {
      this.user = user;
    }

    /** In words, e.g. "2 accepted answers, 3 answers and 12 endorsements in #kotlin". */
    public String reason(List<String> topics) {
      List<String> parts = new ArrayList<>();
      count(parts, acceptedAnswers, "accepted answer", "accepted answers");
      count(parts, answers, "answer", "answers");
      count(parts, endorsements, "endorsement", "endorsements");
      count(parts, skillEndorsements, "skill endorsement with evidence", "skill endorsements with evidence");
      count(parts, skillEndorsementsWithoutEvidence, "skill endorsement without evidence", "skill endorsements without evidence");
      if (parts.isEmpty()) return "no evidence yet in " + topicsInWords(topics); // rank() lists nobody without any; said plainly if it ever did
      String what = parts.size() == 1 ? parts.get(0)
          : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
      return what + " in " + topicsInWords(topics);
    }

    private static String topicsInWords(List<String> topics) {
      StringBuilder in = new StringBuilder();
      for (int i = 0; i < topics.size(); i++) in.append(i == 0 ? "" : i == topics.size() - 1 ? " and " : ", ").append('#').append(topics.get(i));
      return in.toString();
    }

    private static void count(List<String> parts, int n, String one, String many) {
      if (n > 0) parts.add(n + " " + (n == 1 ? one : many));
    }
  }

  /** The top {@code limit} colleagues for these topics as {@code viewer} may see the evidence, best first. */
  public List<Expert> rank(String viewer, List<String> topics, long nowMillis, int limit) {
    Map<String, Expert> byUser = new HashMap<>();
    // Only a post under two of the topics can come twice. The set is made as large as every candidate at once: filled
    // in another hash table's order while it grows from small, an open-addressing set clusters badly (a popular topic
    // on ten million events took 1.5 s, three quarters of it in this set, against a few milliseconds presized).
    LongOpenHashSet seen = null;
    if (topics.size() > 1) {
      int expected = 0;
      for (String topic : topics) expected += index.candidates(topic).size();
      seen = new LongOpenHashSet(expected);
    }
    for (String topic : topics) {
      var it = index.candidates(topic).iterator();
      while (it.hasNext()) {
        long id = it.nextLong();
        if (seen != null && seen.contains(id)) continue;
        PostView v = posts.get(id);
        if (!Visibility.maySee(viewer, v, groups)) continue;
        boolean answer = index.isAnswer(v);
        PostView question = answer ? posts.get(v.inReplyTo) : null;
        if (!v.hasTag(topic) && (question == null || !question.hasTag(topic))) continue; // tag edited away
        if (seen != null) seen.add(id);
        long[] endorsed = endorsements.times(id);
        // a post stays a candidate after its last endorsement is withdrawn: alone it is no evidence
        if (!answer && endorsed.length == 0) continue;
        Expert e = byUser.computeIfAbsent(v.author, Expert::new);
        if (answer) {
          e.answers++;
          e.score += ANSWER * decay(v.publishedAt, nowMillis);
          Questions.Question q = questions.get(v.inReplyTo);
          if (q != null && questions.acceptedAnswer(q) == id) {
            e.acceptedAnswers++;
            e.score += ACCEPTED * decay(q.acceptedAt, nowMillis);
          }
        }
        for (long at : endorsed) {
          e.endorsements++;
          e.score += (answer ? ENDORSED_ANSWER : ENDORSED_POST) * decay(at, nowMillis);
        }
      }
      for (String user : skills.peopleWith(topic)) {
        if (skills.hidden(user, topic)) continue;
        for (Skills.Endorsement s : skills.endorsements(user, topic)) {
          PostView evidence = s.evidence() == 0 ? null : posts.get(s.evidence());
          boolean withEvidence = evidence != null && !evidence.deleted;
          if (withEvidence && !Visibility.maySee(viewer, evidence, groups)) continue; // not even its existence
          Expert e = byUser.computeIfAbsent(user, Expert::new);
          if (withEvidence) e.skillEndorsements++;
          else e.skillEndorsementsWithoutEvidence++;
          e.score += (withEvidence ? SKILL_WITH_EVIDENCE : SKILL_WITHOUT_EVIDENCE) * decay(s.at(), nowMillis);
        }
      }
    }
    List<Expert> out = new ArrayList<>();
    for (Expert e : byUser.values()) {
      Person p = people.get(e.user);
      if (p == null || p.active()) out.add(e);
    }
    out.sort(Comparator.comparingDouble((Expert e) -> -e.score).thenComparing(e -> e.user));
    return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
  }

  /** 1 now, ½ after one half-life; evidence dated in the future (clock skew) counts as now. */
  static double decay(long atMillis, long nowMillis) {
    return Math.pow(0.5, Math.max(0, nowMillis - atMillis) / HALF_LIFE_MS);
  }
}
