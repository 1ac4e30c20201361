package no.deling.questions;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** Questions' stored event names (rare events: no fast reader). */
public final class QuestionEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("QuestionRouted.v1", QuestionEvent.QuestionRouted.class, "AnswerAccepted.v1", QuestionEvent.AnswerAccepted.class,
        "AcceptanceWithdrawn.v1", QuestionEvent.AcceptanceWithdrawn.class, "QuestionEscalated.v1", QuestionEvent.QuestionEscalated.class);
  }
}
