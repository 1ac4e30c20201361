package no.deling.skills;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.posts.PostDecider.PostState;
import no.deling.posts.PostText;
import no.deling.skills.SkillEvent.SkillEndorsed;
import no.deling.skills.SkillEvent.SkillEndorsementWithdrawn;
import no.deling.skills.SkillEvent.SkillHidden;
import no.deling.skills.SkillEvent.SkillShown;
import no.deling.visibility.GroupFacts;
import no.deling.visibility.Visibility;

/** Rules for one person's skills: colleagues endorse them, with evidence of their own work; the person hides what they like. */
public final class SkillDecider implements Decider<SkillDecider.SkillCommand, SkillDecider.SkillState, SkillEvent> {

  public sealed interface SkillCommand {}

  /**
   * @param personExists whether the directory knows the person, read by the caller
   * @param evidence the cited post's state (null when none is cited), read by the caller
   * @param evidenceAudience the cited post's group facts (null for a public post)
   */
  public record EndorseSkill(String userId, String topic, String by, boolean personExists, String evidenceId, PostState evidence,
      GroupFacts evidenceAudience, Instant at) implements SkillCommand {}

  public record WithdrawSkill(String userId, String topic, String by, Instant at) implements SkillCommand {}

  public record ShowSkill(String userId, String topic, String actor, boolean shown, Instant at) implements SkillCommand {}

  /** @param endorsements topic → endorser → evidence ("" for none) */
  public record SkillState(Map<String, Map<String, String>> endorsements, Set<String> hidden) {
    static final SkillState NONE = new SkillState(Map.of(), Set.of());
  }

  @Override
  public SkillState initialState() {
    return SkillState.NONE;
  }

  @Override
  public SkillState evolve(SkillState s, SkillEvent event) {
    if (event instanceof SkillEndorsed e) {
      Map<String, Map<String, String>> all = new HashMap<>(s.endorsements());
      Map<String, String> topic = new HashMap<>(all.getOrDefault(e.topic(), Map.of()));
      topic.put(e.by(), e.evidence() == null ? "" : e.evidence());
      all.put(e.topic(), topic);
      return new SkillState(all, s.hidden());
    }
    if (event instanceof SkillEndorsementWithdrawn e) {
      Map<String, Map<String, String>> all = new HashMap<>(s.endorsements());
      Map<String, String> topic = new HashMap<>(all.getOrDefault(e.topic(), Map.of()));
      topic.remove(e.by());
      all.put(e.topic(), topic);
      return new SkillState(all, s.hidden());
    }
    if (event instanceof SkillHidden h) {
      Set<String> hidden = new HashSet<>(s.hidden());
      hidden.add(h.topic());
      return new SkillState(s.endorsements(), hidden);
    }
    if (event instanceof SkillShown h) {
      Set<String> hidden = new HashSet<>(s.hidden());
      hidden.remove(h.topic());
      return new SkillState(s.endorsements(), hidden);
    }
    return s;
  }

  @Override
  public List<SkillEvent> decide(SkillCommand command, SkillState state) {
    if (command instanceof EndorseSkill c) {
      if (!c.personExists()) throw new Rejection.NotFound("user " + c.userId() + " does not exist");
      if (c.userId().equals(c.by())) throw new Rejection.Invalid("id", "not-yourself", "endorse a colleague's skill, not your own");
      String topic = topic(c.topic());
      if (c.evidenceId() != null) requireEvidence(c);
      String evidence = c.evidenceId() == null ? "" : c.evidenceId();
      if (evidence.equals(state.endorsements().getOrDefault(topic, Map.of()).get(c.by()))) return List.of();
      return List.of(new SkillEndorsed(c.userId(), topic, c.by(), c.evidenceId(), c.at()));
    }
    if (command instanceof WithdrawSkill c) {
      String topic = topic(c.topic());
      if (!state.endorsements().getOrDefault(topic, Map.of()).containsKey(c.by())) return List.of();
      return List.of(new SkillEndorsementWithdrawn(c.userId(), topic, c.by(), c.at()));
    }
    if (command instanceof ShowSkill c) {
      if (!c.userId().equals(c.actor())) throw new Rejection.Forbidden("only " + c.userId() + " chooses which of their skills show");
      String topic = topic(c.topic());
      boolean hidden = state.hidden().contains(topic);
      if (c.shown() != hidden) return List.of();
      return List.of(c.shown() ? new SkillShown(c.userId(), topic, c.at()) : new SkillHidden(c.userId(), topic, c.at()));
    }
    throw new IllegalArgumentException("unknown command " + command);
  }

  private static String topic(String requested) {
    String topic = PostText.topicParameter("topic", requested);
    if (topic == null) throw new Rejection.Invalid("topic", "required", "name a topic");
    return topic;
  }

  /** Evidence is the person's own live post or answer that the endorser can see: you vouch with their work, not yours. */
  private static void requireEvidence(EndorseSkill c) {
    PostState p = c.evidence();
    if (!Visibility.maySee(c.by(), p, c.evidenceAudience())) throw new Rejection.Invalid("evidence", "existing-post", "post " + c.evidenceId() + " does not exist");
    if (!p.author().equals(c.userId())) {
      throw new Rejection.Invalid("evidence", "their-own-post", "evidence is a post or answer by " + c.userId() + ", not by someone else");
    }
  }
}
