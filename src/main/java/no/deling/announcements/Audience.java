package no.deling.announcements;

import no.deling.users.Person;

/**
 * Who an announcement is for: everyone, or the people of one department (compared without case).
 * Membership is decided now, not at publishing: someone who joins the department later is in it.
 *
 * @param kind {@code everyone} or {@code department}
 * @param department the department's name, for kind {@code department}; otherwise null
 */
public record Audience(String kind, String department) {
  public static final String EVERYONE = "everyone";
  public static final String DEPARTMENT = "department";

  public static Audience everyone() {
    return new Audience(EVERYONE, null);
  }

  public static Audience department(String name) {
    return new Audience(DEPARTMENT, name);
  }

  /** Active people in the audience; a former colleague is in no audience. */
  public boolean includes(Person p) {
    if (p == null || !p.active()) return false;
    return kind.equals(EVERYONE) || (p.department() != null && p.department().equalsIgnoreCase(department));
  }
}
