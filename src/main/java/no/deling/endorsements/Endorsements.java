package no.deling.endorsements;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.endorsements.EndorsementEvent.EndorsementWithdrawn;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.readmodel.Interner;

/** Who endorses each post: the count, and whether a given user is among them. */
public final class Endorsements {
  private final Map<Long, Set<String>> endorsers = new HashMap<>();
  private final Interner interner;

  public Endorsements(Interner interner) {
    this.interner = interner;
  }

  /** @return true when the count changed */
  public boolean on(DomainEvent event) {
    if (event instanceof PostEndorsed e) {
      return endorsers.computeIfAbsent(PostIds.parse(e.postId()), k -> new HashSet<>(4)).add(interner.intern(e.endorser()));
    } else if (event instanceof EndorsementWithdrawn e) {
      Set<String> s = endorsers.get(PostIds.parse(e.postId()));
      return s != null && s.remove(e.endorser());
    }
    return false;
  }

  public int count(long postId) {
    Set<String> s = endorsers.get(postId);
    return s == null ? 0 : s.size();
  }

  public boolean endorsedBy(long postId, String user) {
    Set<String> s = endorsers.get(postId);
    return s != null && s.contains(user);
  }
}
