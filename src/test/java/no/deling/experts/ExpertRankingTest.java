package no.deling.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.groups.GroupEvent.GroupCreated;
import no.deling.groups.GroupEvent.GroupMemberJoined;
import no.deling.posts.PostEvent.PostDeleted;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.questions.QuestionEvent.AnswerAccepted;
import no.deling.readmodel.ReadModel;
import no.deling.skills.SkillEvent.SkillEndorsed;
import no.deling.skills.SkillEvent.SkillHidden;
import org.junit.jupiter.api.Test;

/**
 * The ranking's order on a small fixture whose scores are worked out by hand from the weights
 * (accepted 5, answer 1, endorsed answer 2, endorsed post 1, skill with evidence 3, without 0.5)
 * and the 90-day half-life: evidence from 90 days before "now" counts half.
 */
class ExpertRankingTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Instant OLD = NOW.minus(Duration.ofDays(90));
  private static final String SALES = "0384036914845459000";
  private final ReadModel m = new ReadModel(800, 2_000);
  private long position;
  private long nextId = 384036914845450240L;

  private void apply(DomainEvent... events) {
    for (DomainEvent e : events) m.applyDecoded(e, ++position, null);
  }

  private String post(String author, String text, List<String> tags, String inReplyTo, String root, String group, String kind, Instant at) {
    String id = PostIds.format(nextId++);
    apply(new PostPublished(id, author, text, inReplyTo, root == null ? id : root, tags, List.of(), List.of(), at, group, kind));
    return id;
  }

  private void endorse(String post, String author, Instant at, String... endorsers) {
    for (String e : endorsers) apply(new PostEndorsed(post, author, e, at));
  }

  private void fixture() {
    // bob: an answer (½ × 1) accepted 90 days ago (½ × 5) = 3.0
    // carol: an answer (½ × 1) endorsed by dave now (2) = 2.5
    String q = post("alice", "How do I cancel #kotlin coroutines?", List.of("kotlin"), null, null, null, "question", OLD);
    String bobs = post("bob", "Use a Job", List.of(), q, q, null, null, OLD);
    String carols = post("carol", "Structured concurrency", List.of(), q, q, null, null, OLD);
    apply(new AnswerAccepted(q, bobs, "alice", "bob", OLD));
    endorse(carols, "carol", NOW, "dave");
    // alice's own reply to her question is no answer: nothing for alice
    post("alice", "Thanks!", List.of(), q, q, null, null, NOW);
    // erin: a skill endorsement citing her post, now = 3.0 (ties with bob; bob's id sorts first)
    String erins = post("erin", "My talk on coroutines", List.of(), null, null, null, null, NOW);
    apply(new SkillEndorsed("erin", "kotlin", "frank", erins, NOW));
    // frank: a #kotlin post endorsed twice now = 2.0
    String franks = post("frank", "Kotlin 2.1 notes #kotlin", List.of("kotlin"), null, null, null, null, NOW);
    endorse(franks, "frank", NOW, "alice", "bob");
    // gina: three skill endorsements without evidence = 1.5
    for (String by : List.of("alice", "bob", "carol")) apply(new SkillEndorsed("gina", "kotlin", by, null, NOW));
    // hank: a post in a private group endorsed by four members = 4.0, for members only
    apply(new GroupCreated(SALES, "Sales", "", List.of(), "private", "hank", OLD));
    for (String member : List.of("m1", "m2", "m3", "m4")) apply(new GroupMemberJoined(SALES, member, "hank", "invitation", OLD));
    String hanks = post("hank", "#kotlin in the CRM", List.of("kotlin"), null, null, SALES, null, NOW);
    endorse(hanks, "hank", NOW, "m1", "m2", "m3", "m4");
    // ivan: an endorsed post, deleted: nothing
    String ivans = post("ivan", "#kotlin tip", List.of("kotlin"), null, null, null, null, NOW);
    endorse(ivans, "ivan", NOW, "alice");
    apply(new PostDeleted(ivans, "ivan", NOW));
    // jan: endorsed with evidence, but hides the skill: nothing
    String jans = post("jan", "A post", List.of(), null, null, null, null, NOW);
    apply(new SkillEndorsed("jan", "kotlin", "alice", jans, NOW), new SkillHidden("jan", "kotlin", NOW));
  }

  private List<ExpertRanking.Expert> rank(String viewer) {
    return m.read(() -> m.experts.rank(viewer, List.of("kotlin"), NOW.toEpochMilli(), 10));
  }

  @Test
  void ranksByDecayedEvidence_inTheOrderWorkedOutByHand() {
    fixture();
    List<ExpertRanking.Expert> ranked = rank("viewer");
    assertThat(ranked).extracting(e -> e.user).containsExactly("bob", "erin", "carol", "frank", "gina");
    assertThat(ranked).extracting(e -> e.score).usingElementComparator((a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b))
        .containsExactly(3.0, 3.0, 2.5, 2.0, 1.5);
    assertThat(ranked.get(0).reason(List.of("kotlin"))).isEqualTo("1 accepted answer and 1 answer in #kotlin");
    assertThat(ranked.get(2).reason(List.of("kotlin"))).isEqualTo("1 answer and 1 endorsement in #kotlin");
    assertThat(ranked.get(4).reason(List.of("kotlin"))).isEqualTo("3 skill endorsements without evidence in #kotlin");
  }

  @Test
  void aPrivateGroupsEvidence_countsForItsMembersOnly() {
    fixture();
    assertThat(rank("viewer")).extracting(e -> e.user).doesNotContain("hank");
    List<ExpertRanking.Expert> asMember = rank("m1");
    assertThat(asMember.get(0).user).isEqualTo("hank");
    assertThat(asMember.get(0).score).isCloseTo(4.0, within(1e-9));
  }

  /** Found by ConversationModelTest: such a post made an expert of no evidence, and asking the topic a question answered 500. */
  @Test
  void aPostWhoseOnlyEndorsementWasWithdrawn_isNoEvidence_andNoReasonIsEmpty() {
    String lone = post("lena", "A #kotlin trick", List.of("kotlin"), null, null, null, null, NOW);
    endorse(lone, "lena", NOW, "alice");
    apply(new no.deling.endorsements.EndorsementEvent.EndorsementWithdrawn(lone, "lena", "alice", NOW));
    assertThat(rank("viewer")).extracting(e -> e.user).doesNotContain("lena");
    fixture();
    for (ExpertRanking.Expert e : rank("viewer")) assertThat(e.reason(List.of("kotlin"))).as(e.user).matches("\\d+ .* in #kotlin");
  }

  @Test
  void aPostUnderTwoOfTheTopicsAsked_countsOnce() {
    String both = post("kim", "#kotlin on the #jvm", List.of("kotlin", "jvm"), null, null, null, null, NOW);
    endorse(both, "kim", NOW, "alice");
    post("lee", "#jvm flags", List.of("jvm"), null, null, null, null, NOW);

    List<ExpertRanking.Expert> ranked = m.read(() -> m.experts.rank("viewer", List.of("kotlin", "jvm"), NOW.toEpochMilli(), 10));

    assertThat(ranked).extracting(e -> e.user).containsExactly("kim"); // an unendorsed post is no evidence
    assertThat(ranked.get(0).endorsements).isEqualTo(1);
    assertThat(ranked.get(0).score).isCloseTo(1.0, within(1e-9)); // one endorsed post, not two
  }

  @Test
  void decay_halvesEveryNinetyDays() {
    assertThat(ExpertRanking.decay(OLD.toEpochMilli(), NOW.toEpochMilli())).isCloseTo(0.5, within(1e-12));
    assertThat(ExpertRanking.decay(NOW.toEpochMilli(), NOW.toEpochMilli())).isEqualTo(1.0);
    assertThat(ExpertRanking.decay(NOW.plusSeconds(60).toEpochMilli(), NOW.toEpochMilli())).isEqualTo(1.0);
  }
}
