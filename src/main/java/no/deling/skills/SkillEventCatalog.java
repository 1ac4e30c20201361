package no.deling.skills;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** Skills' stored event names. */
public final class SkillEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("SkillEndorsed.v1", SkillEvent.SkillEndorsed.class, "SkillEndorsementWithdrawn.v1", SkillEvent.SkillEndorsementWithdrawn.class,
        "SkillHidden.v1", SkillEvent.SkillHidden.class, "SkillShown.v1", SkillEvent.SkillShown.class);
  }
}
