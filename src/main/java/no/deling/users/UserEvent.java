package no.deling.users;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/** Facts about users, stream {@code user-<id>}. */
public sealed interface UserEvent extends DomainEvent {

  /** A user's profile as the identity provider described it in a token's claims. */
  record ProfileRecorded(
      String userId, String displayName, String department, String location, String title, Instant recordedAt)
      implements UserEvent {}

  static String stream(String userId) {
    return "user-" + userId;
  }
}
