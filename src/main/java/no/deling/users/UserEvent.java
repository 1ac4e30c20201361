package no.deling.users;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/**
 * Facts about a person, stream {@code user-<id>}. Two sources describe a person: the identity
 * provider's token claims ({@link ProfileRecorded}) and the organisation's directory over SCIM
 * (the {@code Person…} events). Neither erases the other; see {@link Person#evolve}.
 */
public sealed interface UserEvent extends DomainEvent {
  String userId();

  /**
   * A user's profile as the identity provider described it in a token's claims (or a dev login). Null fields were not claimed.
   *
   * @param email the token's {@code email} claim (unless it says it is not verified), or null; absent in events before it was recorded
   * @param roles the token's roles beyond {@code employee} ({@code admin}, {@code leader}), sorted; null in events before they were recorded
   * @param tokenIssuedAt when the token was issued (its {@code iat}), or null: a token without one, or an event before it was recorded
   */
  record ProfileRecorded(
      String userId, String displayName, String department, String location, String title, Instant recordedAt, String email,
      java.util.List<String> roles, Instant tokenIssuedAt) implements UserEvent {
    public ProfileRecorded(String userId, String displayName, String department, String location, String title, Instant recordedAt) {
      this(userId, displayName, department, location, title, recordedAt, null, null, null);
    }

    public ProfileRecorded(String userId, String displayName, String department, String location, String title, Instant recordedAt, String email) {
      this(userId, displayName, department, location, title, recordedAt, email, null, null);
    }

    public ProfileRecorded(String userId, String displayName, String department, String location, String title, Instant recordedAt, String email,
        java.util.List<String> roles) {
      this(userId, displayName, department, location, title, recordedAt, email, roles, null);
    }
  }

  /** The directory created the person (SCIM POST), possibly adopting someone who had only logged in so far. */
  record PersonProvisioned(String userId, DirectoryEntry entry, boolean active, Instant provisionedAt) implements UserEvent {}

  /** The directory changed the person's attributes (SCIM PUT or PATCH); {@code entry} is the whole new entry. */
  record PersonUpdated(String userId, DirectoryEntry entry, Instant updatedAt) implements UserEvent {}

  /** The person left or was suspended: they cannot log in, are not found by people search, and keep their posts. */
  record PersonDeactivated(String userId, Instant deactivatedAt) implements UserEvent {}

  record PersonReactivated(String userId, Instant reactivatedAt) implements UserEvent {}

  /** The directory deleted the person (SCIM DELETE): inactive, gone from SCIM, posts kept. */
  record PersonDeprovisioned(String userId, Instant deprovisionedAt) implements UserEvent {}

  /**
   * An admin erased the person: their keys are destroyed, so every sealed event about them (posts,
   * edits, profile, bookmarks, announcements, idea notes) no longer opens; the read side forgets
   * what it knew. Only the id and this fact remain. {@code by} is the admin.
   */
  record PersonErased(String userId, String by, Instant erasedAt) implements UserEvent {}

  static String stream(String userId) {
    return "user-" + userId;
  }
}
