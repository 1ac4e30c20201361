package no.deling.files;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** Files' stored event names. */
public final class FileEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("FileUploaded.v1", FileEvent.FileUploaded.class, "FileDeleted.v1", FileEvent.FileDeleted.class,
        "FileDescribed.v1", FileEvent.FileDescribed.class);
  }
}
