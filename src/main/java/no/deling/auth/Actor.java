package no.deling.auth;

import java.util.Set;

/**
 * The authenticated user behind a request, with the profile their token's claims describe and
 * their roles: always {@link #EMPLOYEE}, plus {@link #LEADER} and {@link #ADMIN} when the
 * configured roles claim names them. {@code email} is the token's {@code email} claim, unless the
 * token says it is not verified (null then, or when the token has none).
 */
public record Actor(String id, String displayName, String department, String location, String title, Set<String> roles, String email) {
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

  public boolean is(String role) {
    return roles.contains(role);
  }
}
