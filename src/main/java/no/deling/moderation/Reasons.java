package no.deling.moderation;

import java.util.List;

/** Why a post is reported: the organisation's usual grounds, and "other" with the reporter's words. */
public final class Reasons {
  public static final String OTHER = "other";
  public static final List<String> ALL = List.of("spam", "harassment", "confidential", "misinformation", OTHER);
  public static final int MAX_NOTE = 500;

  private Reasons() {}
}
