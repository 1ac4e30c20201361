package no.deling.polls;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** Polls' stored event names (a poll itself is part of its post's {@code PostPublished}). */
public final class PollEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("PollVoted.v1", PollEvent.PollVoted.class, "PollVoteWithdrawn.v1", PollEvent.PollVoteWithdrawn.class,
        "PollClosed.v1", PollEvent.PollClosed.class);
  }
}
