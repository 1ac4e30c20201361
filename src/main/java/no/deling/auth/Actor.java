package no.deling.auth;

/** The authenticated user behind a request, with the profile their token's claims describe. */
public record Actor(String id, String displayName, String department, String location, String title) {
  public static final String KEY = "deling.actor";
}
