package no.deling.topics;

import java.util.List;

/**
 * A topic as its stream has it: its owners in the order they were appointed, its description
 * ("" for none) and its pinned posts, the latest pinned first.
 */
public record TopicState(List<String> owners, String description, List<String> pinned) {
  public static final TopicState NONE = new TopicState(List.of(), "", List.of());

  public boolean isOwner(String user) {
    return owners.contains(user);
  }
}
