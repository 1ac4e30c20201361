package no.deling.skills;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/** Colleagues vouching for what a person knows, and what the person shows. Stream {@code skills-<userId>}. */
public sealed interface SkillEvent extends DomainEvent {
  String userId();

  String topic();

  /**
   * {@code by} vouches that {@code userId} knows {@code topic}; replaces an earlier endorsement by
   * the same colleague for the same topic.
   *
   * @param evidence a post or answer of {@code userId}'s that shows it, or null (allowed, weighs little)
   */
  record SkillEndorsed(String userId, String topic, String by, String evidence, Instant at) implements SkillEvent {}

  record SkillEndorsementWithdrawn(String userId, String topic, String by, Instant at) implements SkillEvent {}

  /** The person hides the skill from their profile (and from being asked about it). */
  record SkillHidden(String userId, String topic, Instant at) implements SkillEvent {}

  record SkillShown(String userId, String topic, Instant at) implements SkillEvent {}

  static String stream(String userId) {
    return "skills-" + userId;
  }
}
