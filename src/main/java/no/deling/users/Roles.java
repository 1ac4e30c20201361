package no.deling.users;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The roles a person's last token gave them, beyond {@code employee} (everyone's): as the server
 * knows them between requests, so that it can tell its admins what waits for them. A token is
 * still what authorises; this only says whom to tell.
 */
public record Roles(boolean leader, boolean admin) {
  public static final Roles NONE = new Roles(false, false);

  /** From a token's or an event's role names; names other than {@code leader} and {@code admin} are not kept. */
  public static Roles of(Collection<String> names) {
    return names == null ? NONE : new Roles(names.contains("leader"), names.contains("admin"));
  }

  /** The names, sorted, as an event records them. */
  public List<String> names() {
    List<String> names = new ArrayList<>(2);
    if (admin) names.add("admin");
    if (leader) names.add("leader");
    return names;
  }
}
