package no.deling.load.org;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A generated organisation: its people and everything they do, in time order. */
public record Org(OrgSpec spec, List<Person> people, List<Action> actions) {

  /** Who follows whom after all follow actions: followee → followers. */
  public Map<String, Set<String>> followers() {
    Map<String, Set<String>> out = new HashMap<>();
    for (Action a : actions) {
      if (a instanceof Action.FollowUser f) out.computeIfAbsent(f.followee(), k -> new HashSet<>()).add(f.actor());
    }
    return out;
  }

  /** Topic → followers. */
  public Map<String, Set<String>> topicFollowers() {
    Map<String, Set<String>> out = new HashMap<>();
    for (Action a : actions) {
      if (a instanceof Action.FollowTopic f) out.computeIfAbsent(f.tag(), k -> new HashSet<>()).add(f.actor());
    }
    return out;
  }

  public long count(Class<? extends Action> kind) {
    return actions.stream().filter(kind::isInstance).count();
  }
}
