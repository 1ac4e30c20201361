package no.deling.topics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.core.text.Printable;
import no.deling.posts.PostDecider.PostState;
import no.deling.posts.PostText;
import no.deling.topics.TopicEvent.TopicDescribed;
import no.deling.topics.TopicEvent.TopicOwnerAppointed;
import no.deling.topics.TopicEvent.TopicOwnerDismissed;
import no.deling.topics.TopicEvent.TopicPostPinned;
import no.deling.topics.TopicEvent.TopicPostUnpinned;
import no.deling.visibility.GroupFacts;
import no.deling.visibility.Visibility;

/**
 * Who looks after a topic, and what its page shows on top. Anyone may offer to look after a topic
 * (and withdraw the offer); admins appoint and dismiss owners, and decline offers (an owner may
 * step down); owners, and admins, describe the topic and pin up to {@link #MAX_PINNED} posts that
 * carry its hashtag and that everyone may read. Doing what is already so changes nothing.
 */
public final class TopicDecider implements Decider<TopicDecider.TopicCommand, TopicState, TopicEvent> {
  public static final int MAX_OWNERS = 5;
  public static final int MAX_PINNED = 3;
  public static final int MAX_DESCRIPTION = 500;
  /** Why one offers, in a sentence or two. */
  public static final int MAX_NOTE = 280;
  /** Open offers one topic holds: beyond, the admins have enough to choose from. */
  public static final int MAX_OFFERS = 20;

  /** What may be done to a topic; {@code admin} is whether the actor has the admin role. */
  public sealed interface TopicCommand {
    String topic();

    String actor();

    boolean admin();

    Instant at();
  }

  /**
   * @param person the person to appoint as the directory has them: known, and active (a former colleague answers no questions)
   */
  public record AppointOwner(String topic, String actor, boolean admin, String userId, boolean known, boolean active, Instant at)
      implements TopicCommand {}

  public record DismissOwner(String topic, String actor, boolean admin, String userId, Instant at) implements TopicCommand {}

  /**
   * The actor offers to look after the topic, saying why ({@code note} may be null or blank).
   *
   * @param lapsed those whose open offers lapsed as they left (read by the caller): they hold no place among the offers
   */
  public record Offer(String topic, String actor, boolean admin, String note, Set<String> lapsed, Instant at) implements TopicCommand {}

  /** {@code userId}'s offer is withdrawn by themselves, or declined by an admin. */
  public record WithdrawOffer(String topic, String actor, boolean admin, String userId, Instant at) implements TopicCommand {}

  public record Describe(String topic, String actor, boolean admin, String description, Instant at) implements TopicCommand {}

  /**
   * @param post the post as its stream has it, read by the caller (null to unpin: it may be gone)
   * @param audience its group's facts (null for a post to everyone): a post the actor may not see is not there for them
   * @param gone pinned posts since deleted (read by the caller), which hold no place: nobody sees them to unpin them
   */
  public record Pin(String topic, String actor, boolean admin, String postId, PostState post, GroupFacts audience, boolean pin,
      Set<String> gone, Instant at)
      implements TopicCommand {}

  @Override
  public TopicState initialState() {
    return TopicState.NONE;
  }

  @Override
  public TopicState evolve(TopicState s, TopicEvent event) {
    if (event instanceof TopicOwnerAppointed a) {
      List<String> owners = new ArrayList<>(s.owners());
      if (!owners.contains(a.userId())) owners.add(a.userId());
      // an appointment answers the appointed person's offer
      return new TopicState(List.copyOf(owners), s.description(), s.pinned(), withoutOffer(s.offers(), a.userId()));
    } else if (event instanceof TopicOwnerDismissed d) {
      List<String> owners = new ArrayList<>(s.owners());
      owners.remove(d.userId());
      return new TopicState(List.copyOf(owners), s.description(), s.pinned(), s.offers());
    } else if (event instanceof TopicEvent.TopicOwnershipOffered o) {
      List<TopicState.Offer> offers = new ArrayList<>(s.offers());
      TopicState.Offer earlier = s.offerOf(o.userId());
      TopicState.Offer now = new TopicState.Offer(o.userId(), o.note(), earlier == null ? o.at() : earlier.at());
      if (earlier == null) offers.add(now);
      else offers.set(offers.indexOf(earlier), now); // a new note keeps the offer's place and date
      return new TopicState(s.owners(), s.description(), s.pinned(), List.copyOf(offers));
    } else if (event instanceof TopicEvent.TopicOwnershipOfferWithdrawn w) {
      return new TopicState(s.owners(), s.description(), s.pinned(), withoutOffer(s.offers(), w.userId()));
    } else if (event instanceof TopicDescribed d) {
      return new TopicState(s.owners(), d.description(), s.pinned(), s.offers());
    } else {
      String post = event instanceof TopicPostPinned p ? p.postId() : ((TopicPostUnpinned) event).postId();
      List<String> pinned = new ArrayList<>(s.pinned());
      pinned.remove(post);
      if (event instanceof TopicPostPinned) pinned.add(0, post);
      return new TopicState(s.owners(), s.description(), List.copyOf(pinned), s.offers());
    }
  }

  @Override
  public List<TopicEvent> decide(TopicCommand c, TopicState s) {
    if (c instanceof AppointOwner a) return appoint(a, s);
    if (c instanceof DismissOwner d) return dismiss(d, s);
    if (c instanceof Offer o) return offer(o, s);
    if (c instanceof WithdrawOffer w) return withdraw(w, s);
    if (!c.admin() && !s.isOwner(c.actor())) throw new Rejection.Forbidden("only the topic's owners (and admins) describe it and pin its posts");
    if (c instanceof Describe d) return describe(d, s);
    return pin((Pin) c, s);
  }

  private static List<TopicEvent> appoint(AppointOwner c, TopicState s) {
    if (!c.admin()) throw new Rejection.Forbidden("only an admin appoints a topic's owners");
    if (!c.known()) throw new Rejection.NotFound("user " + c.userId() + " is not in the directory");
    if (!c.active()) throw new Rejection.Invalid("userId", "active", "a former colleague cannot look after a topic");
    if (s.isOwner(c.userId())) return List.of();
    if (s.owners().size() >= MAX_OWNERS) {
      throw new Rejection.Invalid("userId", "max-owners", "a topic has at most " + MAX_OWNERS + " owners: dismiss one first");
    }
    return List.of(new TopicOwnerAppointed(c.topic(), c.userId(), c.actor(), c.at()));
  }

  private static List<TopicEvent> dismiss(DismissOwner c, TopicState s) {
    if (!c.admin() && !c.actor().equals(c.userId())) throw new Rejection.Forbidden("only an admin dismisses a topic's owner (an owner may step down)");
    return s.isOwner(c.userId()) ? List.of(new TopicOwnerDismissed(c.topic(), c.userId(), c.actor(), c.at())) : List.of();
  }

  private static List<TopicEvent> offer(Offer c, TopicState s) {
    if (s.isOwner(c.actor())) throw new Rejection.Invalid("tag", "not-owner", "you already look after #" + c.topic());
    String note = c.note() == null ? "" : c.note().strip();
    if (note.length() > MAX_NOTE) throw new Rejection.Invalid("note", "maxLength", "an offer's note is at most " + MAX_NOTE + " characters");
    if (!Printable.isPrintable(note.replace('\n', ' '))) {
      throw new Rejection.Invalid("note", "printable", "an offer's note has no control characters or direction overrides");
    }
    TopicState.Offer earlier = s.offerOf(c.actor());
    if (earlier != null && earlier.note().equals(note)) return List.of();
    if (earlier == null && s.offers().stream().filter(o -> !c.lapsed().contains(o.userId())).count() >= MAX_OFFERS) {
      throw new Rejection.Invalid("tag", "max-offers", "#" + c.topic() + " has " + MAX_OFFERS + " offers waiting for an admin: try again once they are answered");
    }
    return List.of(new TopicEvent.TopicOwnershipOffered(c.topic(), c.actor(), note, c.at()));
  }

  private static List<TopicEvent> withdraw(WithdrawOffer c, TopicState s) {
    if (!c.admin() && !c.actor().equals(c.userId())) throw new Rejection.Forbidden("only an admin declines a colleague's offer (one may withdraw one's own)");
    return s.offerOf(c.userId()) == null ? List.of() : List.of(new TopicEvent.TopicOwnershipOfferWithdrawn(c.topic(), c.userId(), c.actor(), c.at()));
  }

  private static List<TopicState.Offer> withoutOffer(List<TopicState.Offer> offers, String user) {
    if (offers.stream().noneMatch(o -> o.userId().equals(user))) return offers;
    return offers.stream().filter(o -> !o.userId().equals(user)).toList();
  }

  private static List<TopicEvent> describe(Describe c, TopicState s) {
    String text = c.description() == null ? "" : c.description().strip();
    if (text.length() > MAX_DESCRIPTION) {
      throw new Rejection.Invalid("description", "maxLength", "a topic's description is at most " + MAX_DESCRIPTION + " characters");
    }
    // line breaks are fine in a description; what hides or moves text is not
    if (!Printable.isPrintable(text.replace('\n', ' '))) {
      throw new Rejection.Invalid("description", "printable", "a topic's description has no control characters or direction overrides");
    }
    return text.equals(s.description()) ? List.of() : List.of(new TopicDescribed(c.topic(), text, c.actor(), c.at()));
  }

  private static List<TopicEvent> pin(Pin c, TopicState s) {
    if (!c.pin()) return s.pinned().contains(c.postId()) ? List.of(new TopicPostUnpinned(c.topic(), c.postId(), c.actor(), c.at())) : List.of();
    PostState p = c.post();
    if (!Visibility.maySee(c.actor(), p, c.audience())) throw new Rejection.NotFound("post " + c.postId() + " does not exist");
    if (p.group() != null) throw new Rejection.Invalid("postId", "public", "a topic pins posts everyone may read: this one is in a group");
    if (p.inReplyTo() != null) throw new Rejection.Invalid("postId", "top-level", "a reply is pinned with its conversation: pin its first post");
    if (p.text() == null || !PostText.hashtags(p.text()).contains(c.topic())) {
      throw new Rejection.Invalid("postId", "hashtag", "the post does not carry #" + c.topic());
    }
    if (s.pinned().contains(c.postId())) return List.of();
    if (s.pinned().stream().filter(id -> !c.gone().contains(id)).count() >= MAX_PINNED) {
      throw new Rejection.Invalid("postId", "max-pinned", "a topic pins at most " + MAX_PINNED + " posts: unpin one first");
    }
    return List.of(new TopicPostPinned(c.topic(), c.postId(), c.actor(), c.at()));
  }
}
