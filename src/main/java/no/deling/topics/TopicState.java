package no.deling.topics;

import java.time.Instant;
import java.util.List;

/**
 * A topic as its stream has it: its owners in the order they were appointed, its description
 * ("" for none), its pinned posts, the latest pinned first, and the offers to look after it still
 * open, the oldest first.
 */
public record TopicState(List<String> owners, String description, List<String> pinned, List<Offer> offers) {
  public static final TopicState NONE = new TopicState(List.of(), "", List.of(), List.of());

  /** A colleague's open offer to look after the topic. */
  public record Offer(String userId, String note, Instant at) {}

  public boolean isOwner(String user) {
    return owners.contains(user);
  }

  /** {@code user}'s open offer, or null. */
  public Offer offerOf(String user) {
    for (Offer o : offers) if (o.userId().equals(user)) return o;
    return null;
  }
}
