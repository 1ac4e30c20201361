package no.deling.users;

import java.time.Instant;
import no.deling.users.UserEvent.PersonDeactivated;
import no.deling.users.UserEvent.PersonDeprovisioned;
import no.deling.users.UserEvent.PersonErased;
import no.deling.users.UserEvent.PersonProvisioned;
import no.deling.users.UserEvent.PersonReactivated;
import no.deling.users.UserEvent.PersonUpdated;
import no.deling.users.UserEvent.ProfileRecorded;

/**
 * Everything known about one person, folded from their {@code user-<id>} stream. Immutable: every
 * change makes a new object, which caches keyed on identity rely on.
 *
 * <p>The profile fields ({@code displayName}, {@code department}, {@code location}, {@code title})
 * are the latest word of either source: a directory entry sets all four, a token's claims set the
 * ones it carries. {@code directory} is the SCIM entry, null while the directory has not
 * provisioned the person (or after it deleted them).
 *
 * @param provisioned the directory manages this person (a SCIM resource exists)
 * @param active may log in and is found by people search; false once the directory deactivated or deleted them
 * @param created when the person first appeared; {@code lastModified} when anything last changed
 * @param version how many events the stream holds (SCIM's ETag)
 * @param erased an admin erased the person: nothing is known of them but their id, and they cannot log in
 * @param photo the id of the image they chose as their photo (their own {@code photo-<id>} stream, not
 *     this one: it is no directory field and moves no SCIM version), or null
 * @param email the address their token's {@code email} claim gave (the directory's comes first; see {@link #emailAddress})
 * @param roles what their last recorded token said they are (none before roles were recorded, or after erasure)
 * @param claimsIssuedAt when the newest token whose claims were recorded was issued, or null (none said)
 */
public record Person(
    String id,
    String displayName,
    String department,
    String location,
    String title,
    DirectoryEntry directory,
    boolean provisioned,
    boolean active,
    Instant created,
    Instant lastModified,
    long version,
    boolean erased,
    String photo,
    String email,
    Roles roles,
    Instant claimsIssuedAt) {

  /** Not yet known: no event in the stream. */
  public static Person unknown(String id) {
    return new Person(id, null, null, null, null, null, false, true, null, null, 0, false, null, null, Roles.NONE, null);
  }

  public boolean known() {
    return version > 0;
  }

  /** The same person with another photo (null: none). */
  public Person withPhoto(String fileId) {
    return new Person(id, displayName, department, location, title, directory, provisioned, active, created, lastModified, version, erased, fileId, email, roles, claimsIssuedAt);
  }

  /** Where email to the person goes: the directory's address, else their token's, else null. */
  public String emailAddress() {
    return directory != null && directory.email() != null ? directory.email() : email;
  }

  /**
   * A token issued before the one whose claims were last recorded says nothing new: a person holds
   * several at once (an old one on the phone, a new one in the browser), and taking each one's
   * word in turn would flip their profile and roles back and forth, an event each time.
   */
  public boolean olderThanRecordedClaims(Instant tokenIssuedAt) {
    return tokenIssuedAt != null && claimsIssuedAt != null && tokenIssuedAt.isBefore(claimsIssuedAt);
  }

  /** The name to show: the display name, or the id for someone never described. */
  public String name() {
    return displayName == null ? id : displayName;
  }

  /** The pure fold step shared by the decider and the read model. */
  public Person evolve(UserEvent event) {
    String id = event.userId();
    // (Java 17: no pattern switch; the sealed interface keeps this list complete by review and by PersonTest)
    if (event instanceof ProfileRecorded p) {
      return new Person(id, p.displayName() != null ? p.displayName() : displayName,
          p.department() != null ? p.department() : department, p.location() != null ? p.location() : location,
          p.title() != null ? p.title() : title, directory, provisioned, active, first(p.recordedAt()), p.recordedAt(), version + 1, erased, photo,
          p.email() != null ? p.email() : email, p.roles() != null ? Roles.of(p.roles()) : roles,
          p.tokenIssuedAt() != null ? p.tokenIssuedAt() : claimsIssuedAt);
    }
    // the directory may bring someone erased back as a new person: what was erased stays erased
    if (event instanceof PersonProvisioned p) return fromDirectory(id, p.entry(), true, p.active(), p.provisionedAt());
    if (event instanceof PersonUpdated u) return fromDirectory(id, u.entry(), provisioned, active, u.updatedAt());
    if (event instanceof PersonDeactivated d) {
      return new Person(id, displayName, department, location, title, directory, provisioned, false, first(d.deactivatedAt()),
          d.deactivatedAt(), version + 1, erased, photo, email, roles, claimsIssuedAt);
    }
    if (event instanceof PersonReactivated r) {
      return new Person(id, displayName, department, location, title, directory, provisioned, true, first(r.reactivatedAt()),
          r.reactivatedAt(), version + 1, erased, photo, email, roles, claimsIssuedAt);
    }
    if (event instanceof PersonDeprovisioned d) {
      return new Person(id, displayName, department, location, title, null, false, false, first(d.deprovisionedAt()),
          d.deprovisionedAt(), version + 1, erased, photo, email, roles, claimsIssuedAt);
    }
    if (event instanceof PersonErased e) return new Person(id, null, null, null, null, null, false, false, first(e.erasedAt()), e.erasedAt(), version + 1, true, null, null, Roles.NONE, null);
    throw new IllegalArgumentException("unknown user event " + event);
  }

  private Person fromDirectory(String id, DirectoryEntry e, boolean provisioned, boolean active, Instant at) {
    return new Person(id, e.displayName(), e.department(), e.location(), e.title(), e, provisioned, active, first(at), at, version + 1, false, photo, email, roles, claimsIssuedAt);
  }

  private Instant first(Instant at) {
    return created == null ? at : created;
  }
}
