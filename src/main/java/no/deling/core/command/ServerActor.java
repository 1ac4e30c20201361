package no.deling.core.command;

/**
 * Who the log names when the server itself records something nobody asked for at that moment: a
 * poll closing at its time, the pulse's daily figures, retention, ownership passed on. No person
 * may have this id (login and SCIM refuse it), so "by" in such an event is never a colleague.
 */
public final class ServerActor {
  public static final String ID = "deling";
  /** Who the log names for what the organisation's directory changed over SCIM. */
  public static final String DIRECTORY = "scim";

  /** Whether {@code id} is one of these, which no person may be. */
  public static boolean is(String id) {
    return ID.equals(id) || DIRECTORY.equals(id);
  }

  private ServerActor() {}
}
