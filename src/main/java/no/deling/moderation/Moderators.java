package no.deling.moderation;

/**
 * Who moderates a post: admins, and the owners of the group it is in. Only among those who may
 * see it: that is the one visibility rule's to decide, asked first by every caller, so an admin
 * who is not in a private group neither sees nor moderates its posts; its owners do.
 */
public final class Moderators {
  private Moderators() {}

  /**
   * @param admin whether the actor has the admin role
   * @param ownsGroup whether the actor is an owner of the post's group (false for a post to everyone)
   */
  public static boolean mayModerate(boolean admin, boolean ownsGroup) {
    return admin || ownsGroup;
  }
}
