package no.deling.users;

/**
 * A person as the organisation's directory describes them: the SCIM core and enterprise User
 * attributes Deling keeps. The user id is SCIM's {@code userName} (and {@code id}); {@code manager}
 * is another user id. Every field but {@code displayName} may be null.
 */
public record DirectoryEntry(
    String externalId,
    String displayName,
    String givenName,
    String familyName,
    String email,
    String title,
    String department,
    String location,
    String manager) {

  public DirectoryEntry withDisplayName(String v) {
    return new DirectoryEntry(externalId, v, givenName, familyName, email, title, department, location, manager);
  }

  public DirectoryEntry withTitle(String v) {
    return new DirectoryEntry(externalId, displayName, givenName, familyName, email, v, department, location, manager);
  }

  public DirectoryEntry withDepartment(String v) {
    return new DirectoryEntry(externalId, displayName, givenName, familyName, email, title, v, location, manager);
  }

  public DirectoryEntry withManager(String v) {
    return new DirectoryEntry(externalId, displayName, givenName, familyName, email, title, department, location, v);
  }

  public DirectoryEntry withLocation(String v) {
    return new DirectoryEntry(externalId, displayName, givenName, familyName, email, title, department, v, manager);
  }

  public DirectoryEntry withExternalId(String v) {
    return new DirectoryEntry(v, displayName, givenName, familyName, email, title, department, location, manager);
  }

  public DirectoryEntry withName(String given, String family) {
    return new DirectoryEntry(externalId, displayName, given, family, email, title, department, location, manager);
  }

  public DirectoryEntry withEmail(String v) {
    return new DirectoryEntry(externalId, displayName, givenName, familyName, v, title, department, location, manager);
  }
}
