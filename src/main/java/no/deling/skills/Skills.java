package no.deling.skills;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.deling.core.collections.Interner;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.skills.SkillEvent.SkillEndorsed;
import no.deling.skills.SkillEvent.SkillEndorsementWithdrawn;
import no.deling.skills.SkillEvent.SkillHidden;
import no.deling.skills.SkillEvent.SkillShown;

/** Who vouched for whose skills, with what evidence; and which skills each person hides. */
public final class Skills {
  /** @param evidence the cited post, 0 for none */
  public record Endorsement(String by, long evidence, long at) {}

  private final Map<String, Map<String, List<Endorsement>>> byUser = new HashMap<>();
  private final Map<String, Set<String>> hidden = new HashMap<>();
  private final Map<String, Set<String>> peopleByTopic = new HashMap<>();
  private final Interner interner;

  public Skills(Interner interner) {
    this.interner = interner;
  }

  public void on(DomainEvent event) {
    if (event instanceof SkillEndorsed e) {
      String user = interner.intern(e.userId());
      String topic = interner.intern(e.topic());
      List<Endorsement> list = byUser.computeIfAbsent(user, k -> new HashMap<>()).computeIfAbsent(topic, k -> new ArrayList<>(2));
      list.removeIf(x -> x.by().equals(e.by()));
      list.add(new Endorsement(interner.intern(e.by()), e.evidence() == null ? 0 : PostIds.parse(e.evidence()), e.at().toEpochMilli()));
      peopleByTopic.computeIfAbsent(topic, k -> new HashSet<>()).add(user);
    } else if (event instanceof SkillEndorsementWithdrawn e) {
      Map<String, List<Endorsement>> topics = byUser.get(e.userId());
      List<Endorsement> list = topics == null ? null : topics.get(e.topic());
      if (list == null) return;
      list.removeIf(x -> x.by().equals(e.by()));
      if (list.isEmpty()) {
        topics.remove(e.topic());
        Set<String> people = peopleByTopic.get(e.topic());
        if (people != null) people.remove(e.userId());
      }
    } else if (event instanceof SkillHidden h) {
      hidden.computeIfAbsent(interner.intern(h.userId()), k -> new HashSet<>()).add(interner.intern(h.topic()));
    } else if (event instanceof SkillShown s) {
      Set<String> set = hidden.get(s.userId());
      if (set != null) set.remove(s.topic());
    }
  }

  /** The person's skills: topic → endorsements, oldest first. Do not modify. */
  public Map<String, List<Endorsement>> of(String user) {
    return byUser.getOrDefault(user, Map.of());
  }

  public List<Endorsement> endorsements(String user, String topic) {
    return of(user).getOrDefault(topic, List.of());
  }

  public boolean hidden(String user, String topic) {
    Set<String> set = hidden.get(user);
    return set != null && set.contains(topic);
  }

  /** People with at least one endorsement for the topic (hidden or not). Do not modify. */
  public Set<String> peopleWith(String topic) {
    return peopleByTopic.getOrDefault(topic, Set.of());
  }
}
