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
 * How each looked-after topic is kept: its owners, description and pinned posts, and the topics
 * each person looks after. Owners are listed whether or not they are still active, and pinned
 * posts whether or not they still exist: readers decide what to show (see {@link TopicQueries}).
 */
public final class TopicStewards {
  /** One topic's keeping; only topics with an owner, a description or a pin are held. */
  static final class Kept {
    final List<String> owners = new ArrayList<>(2);
    String description = "";
    final List<Long> pinned = new ArrayList<>(2);

    boolean empty() {
      return owners.isEmpty() && description.isEmpty() && pinned.isEmpty();
    }
  }

  private final Map<String, Kept> byTopic = new HashMap<>();
  private final Map<String, TreeSet<String>> byOwner = new HashMap<>();
  private final Interner interner;

  public TopicStewards(Interner interner) {
    this.interner = interner;
  }

  public void on(DomainEvent event) {
    if (!(event instanceof TopicEvent e)) return;
    String topic = interner.intern(e.topic());
    Kept k = byTopic.computeIfAbsent(topic, t -> new Kept());
    if (e instanceof TopicEvent.TopicOwnerAppointed a) {
      String user = interner.intern(a.userId());
      if (!k.owners.contains(user)) k.owners.add(user);
      byOwner.computeIfAbsent(user, u -> new TreeSet<>()).add(topic);
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

  /** Every topic with an owner, a description or a pin. Under the read lock. */
  public java.util.Set<String> kept() {
    return byTopic.keySet();
  }

  /** The topics {@code user} looks after, alphabetically. Under the read lock. */
  public java.util.Set<String> ownedBy(String user) {
    TreeSet<String> owned = byOwner.get(user);
    return owned == null ? java.util.Set.of() : owned;
  }
}
