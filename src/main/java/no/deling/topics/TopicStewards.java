package no.deling.topics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import no.deling.core.collections.Interner;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;

/**
 * How each looked-after topic is kept: its owners, description, pinned posts and open offers to
 * look after it, and the topics each person looks after. Owners and offers are listed whether or
 * not their people are still active, and pinned posts whether or not they still exist: readers
 * decide what to show (see {@link TopicQueries}).
 */
public final class TopicStewards {
  /** One topic's keeping; only topics with an owner, a description, a pin or an offer are held. */
  static final class Kept {
    final List<String> owners = new ArrayList<>(2);
    String description = "";
    final List<Long> pinned = new ArrayList<>(2);
    /** Open offers, the oldest first; null while none (most topics never get one). */
    List<Offered> offers;

    boolean empty() {
      return owners.isEmpty() && description.isEmpty() && pinned.isEmpty() && offers == null;
    }

    void withdraw(String user) {
      if (offers != null && offers.removeIf(o -> o.user().equals(user)) && offers.isEmpty()) offers = null;
    }
  }

  /**
   * An open offer to look after a topic: who, why, since when, and when it was last offered (its
   * note's event, sealed with that month's key; epoch millis).
   */
  public record Offered(String user, String note, long at, long latest) {}

  private final Map<String, Kept> byTopic = new HashMap<>();
  private final Map<String, TreeSet<String>> byOwner = new HashMap<>();
  private final Interner interner;

  public TopicStewards(Interner interner) {
    this.interner = interner;
  }

  public void on(DomainEvent event) {
    if (event instanceof no.deling.users.UserEvent.PersonErased erased) {
      forgetOffers(o -> o.user().equals(erased.userId())); // their words go with them
      return;
    }
    if (event instanceof no.deling.privacy.RetentionEvent.RetentionApplied r) {
      // as a rebuild would read the log: an offer whose note's month is gone was never seen; one offered again
      // since dates from its later offer
      long kept = r.keptFromMillis();
      forgetOffers(o -> o.latest() < kept);
      for (Kept k : byTopic.values()) {
        if (k.offers != null) k.offers.replaceAll(o -> o.at() < kept ? new Offered(o.user(), o.note(), o.latest(), o.latest()) : o);
      }
      return;
    }
    if (!(event instanceof TopicEvent e)) return;
    String topic = interner.intern(e.topic());
    Kept k = byTopic.computeIfAbsent(topic, t -> new Kept());
    if (e instanceof TopicEvent.TopicOwnerAppointed a) {
      String user = interner.intern(a.userId());
      if (!k.owners.contains(user)) k.owners.add(user);
      byOwner.computeIfAbsent(user, u -> new TreeSet<>()).add(topic);
      k.withdraw(user); // appointed: the offer is answered
    } else if (e instanceof TopicEvent.TopicOwnershipOffered o) {
      String user = interner.intern(o.userId());
      if (k.offers == null) k.offers = new ArrayList<>(1);
      int i = 0;
      while (i < k.offers.size() && !k.offers.get(i).user().equals(user)) i++;
      // a new note keeps the offer's place and date
      long at = o.at().toEpochMilli();
      if (i < k.offers.size()) k.offers.set(i, new Offered(user, o.note(), k.offers.get(i).at(), at));
      else k.offers.add(new Offered(user, o.note(), at, at));
    } else if (e instanceof TopicEvent.TopicOwnershipOfferWithdrawn w) {
      k.withdraw(w.userId());
    } else if (e instanceof TopicEvent.TopicOwnerDismissed d) {
      k.owners.remove(d.userId());
      TreeSet<String> owned = byOwner.get(d.userId());
      if (owned != null && owned.remove(topic) && owned.isEmpty()) byOwner.remove(d.userId());
    } else if (e instanceof TopicEvent.TopicDescribed d) {
      k.description = d.description();
    } else {
      String postId = e instanceof TopicEvent.TopicPostPinned p ? p.postId() : ((TopicEvent.TopicPostUnpinned) e).postId();
      Long post = PostIds.parse(postId);
      k.pinned.remove(post);
      if (e instanceof TopicEvent.TopicPostPinned) k.pinned.add(0, post);
    }
    if (k.empty()) byTopic.remove(topic);
  }

  /** The topic's owners, in the order appointed (former colleagues too). Under the read lock. */
  public List<String> owners(String topic) {
    Kept k = byTopic.get(topic);
    return k == null ? List.of() : k.owners;
  }

  /** What the topic says of itself, "" for nothing. Under the read lock. */
  public String description(String topic) {
    Kept k = byTopic.get(topic);
    return k == null ? "" : k.description;
  }

  /** The topic's pinned posts, the latest pinned first (deleted ones too). Under the read lock. */
  public List<Long> pinned(String topic) {
    Kept k = byTopic.get(topic);
    return k == null ? List.of() : k.pinned;
  }

  private void forgetOffers(java.util.function.Predicate<Offered> gone) {
    java.util.Iterator<Map.Entry<String, Kept>> it = byTopic.entrySet().iterator();
    while (it.hasNext()) {
      Kept k = it.next().getValue();
      if (k.offers == null || !k.offers.removeIf(gone)) continue;
      if (k.offers.isEmpty()) k.offers = null;
      if (k.empty()) it.remove();
    }
  }

  /** The topic's open offers, the oldest first (former colleagues' too). Under the read lock. */
  public List<Offered> offers(String topic) {
    Kept k = byTopic.get(topic);
    return k == null || k.offers == null ? List.of() : k.offers;
  }

  /** Every topic with an owner, a description, a pin or an offer. Under the read lock. */
  public java.util.Set<String> kept() {
    return byTopic.keySet();
  }

  /** The topics {@code user} looks after, alphabetically. Under the read lock. */
  public java.util.Set<String> ownedBy(String user) {
    TreeSet<String> owned = byOwner.get(user);
    return owned == null ? java.util.Set.of() : owned;
  }
}
