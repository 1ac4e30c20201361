package no.deling.announcements;

import com.fasterxml.jackson.annotation.JsonInclude;
import no.deling.users.Person;
import no.deling.visibility.Visibility;

/**
 * Who an announcement is for: everyone, the people of one department (compared without case), or
 * the members of one group. Membership is decided now, not at publishing: someone who joins the
 * department or the group later is in it, and someone who leaves is no longer.
 *
 * @param kind {@code everyone}, {@code department} or {@code group}
 * @param department the department's name, for kind {@code department}; otherwise null
 * @param group the group's id, for kind {@code group}; otherwise null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Audience(String kind, String department, String group) {
  public static final String EVERYONE = "everyone";
  public static final String DEPARTMENT = "department";
  public static final String GROUP = "group";

  public static Audience everyone() {
    return new Audience(EVERYONE, null, null);
  }

  public static Audience department(String name) {
    return new Audience(DEPARTMENT, name, null);
  }

  public static Audience group(String id) {
    return new Audience(GROUP, null, id);
  }

  public boolean forGroup() {
    return GROUP.equals(kind);
  }

  /** Active people in the audience; a former colleague is in no audience. */
  public boolean includes(Person p, Visibility.Memberships groups) {
    if (p == null || !p.active()) return false;
    return switch (kind) {
      case EVERYONE -> true;
      case DEPARTMENT -> p.department() != null && p.department().equalsIgnoreCase(department);
      case GROUP -> groups.isMember(group, p.id());
      default -> false; // a kind this version does not know reaches nobody
    };
  }
}
