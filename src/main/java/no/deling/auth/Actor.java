package no.deling.auth;

import java.util.Set;

/**
 * The authenticated user behind a request, with the profile their token's claims describe and
 * their roles: always {@link #EMPLOYEE}, plus {@link #LEADER} and {@link #ADMIN} when the
 * configured roles claim names them. {@code email} is the token's {@code email} claim, unless the
 * token says it is not verified (null then, or when the token has none). {@code issuedAt} is the
 * token's {@code iat} (seconds since the epoch), 0 when it has none: of two tokens a person holds at
 * once (an old one on the phone, a new one in the browser), the newer one's claims stand.
 */
public record Actor(String id, String displayName, String department, String location, String title, Set<String> roles, String email,
    long issuedAt) {
  public static final String KEY = "deling.actor";
  public static final String EMPLOYEE = "employee";
  public static final String LEADER = "leader";
  public static final String ADMIN = "admin";
  /** The roles Deling knows; any other role in a token is ignored. */
  public static final Set<String> KNOWN_ROLES = Set.of(EMPLOYEE, LEADER, ADMIN);

  public Actor {
    roles = Set.copyOf(roles);
  }

  /** Without an email address. */
  public Actor(String id, String displayName, String department, String location, String title, Set<String> roles) {
    this(id, displayName, department, location, title, roles, null);
  }

  /** From a token without an issue time. */
  public Actor(String id, String displayName, String department, String location, String title, Set<String> roles, String email) {
    this(id, displayName, department, location, title, roles, email, 0);
  }

  public boolean is(String role) {
    return roles.contains(role);
  }
}
