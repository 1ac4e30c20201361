package no.deling.endorsements;

import static no.deling.core.json.Tokens.id;
import static no.deling.core.json.Tokens.instant;
import static no.deling.core.json.Tokens.string;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import no.deling.core.collections.Interner;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;
import no.deling.core.events.FastEventReader;
import no.deling.endorsements.EndorsementEvent.EndorsementWithdrawn;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;

/** Endorsements' stored event names and their fast reader. */
public final class EndorsementEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("PostEndorsed.v1", PostEndorsed.class, "EndorsementWithdrawn.v1", EndorsementWithdrawn.class);
  }

  @Override
  public Map<Class<? extends DomainEvent>, FastEventReader> fastReaders() {
    return Map.of(PostEndorsed.class, (p, i) -> read(p, i, true), EndorsementWithdrawn.class, (p, i) -> read(p, i, false));
  }

  private static DomainEvent read(JsonParser p, Interner interner, boolean endorsed) throws IOException {
    String postId = null;
    String postAuthor = null;
    String endorser = null;
    Instant at = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "postId" -> postId = string(value, p);
        case "postAuthor" -> postAuthor = id(value, p, interner);
        case "endorser" -> endorser = id(value, p, interner);
        case "at" -> at = instant(value, p);
        default -> p.skipChildren();
      }
    }
    return endorsed ? new PostEndorsed(postId, postAuthor, endorser, at) : new EndorsementWithdrawn(postId, postAuthor, endorser, at);
  }
}
