package no.deling.users;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/**
 * A person's photo, beside their name wherever they appear: stream {@code photo-<userId>}, apart
 * from the directory's {@code user-<id>} (a photo is the person's own choice, no directory field,
 * and changing it moves no SCIM version). The image is a file they uploaded ({@code FileUploaded}).
 */
public sealed interface PhotoEvent extends DomainEvent {
  String userId();

  record ProfilePhotoSet(String userId, String fileId, Instant at) implements PhotoEvent {}

  record ProfilePhotoRemoved(String userId, Instant at) implements PhotoEvent {}

  static String stream(String userId) {
    return "photo-" + userId;
  }
}
