package no.deling.groups;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.deling.core.collections.Interner;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;

/**
 * Each group's pinned posts, the latest pinned first. A deleted post stays listed here but is never
 * shown (readers ask the visibility rule), so unpinning it later still works as its stream says.
 */
public final class PinnedPosts {
  private final Map<String, List<Long>> byGroup = new HashMap<>();
  private final Interner interner;

  public PinnedPosts(Interner interner) {
    this.interner = interner;
  }

  public void on(DomainEvent event) {
    if (!(event instanceof PinEvent p)) return;
    List<Long> pinned = byGroup.computeIfAbsent(interner.intern(p.groupId()), k -> new ArrayList<>(2));
    Long post = PostIds.parse(p.postId());
    pinned.remove(post);
    if (p instanceof PinEvent.GroupPostPinned) pinned.add(0, post);
    if (pinned.isEmpty()) byGroup.remove(p.groupId());
  }

  /** The group's pinned posts, the latest pinned first (deleted ones too: the caller asks who may see what). Under the read lock. */
  public List<Long> of(String groupId) {
    List<Long> pinned = byGroup.get(groupId);
    return pinned == null ? List.of() : pinned;
  }
}
