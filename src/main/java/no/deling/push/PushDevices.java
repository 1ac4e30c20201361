package no.deling.push;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.deling.core.events.DomainEvent;
import no.deling.push.PushEvent.PushSubscribed;
import no.deling.push.PushEvent.PushUnsubscribed;
import no.deling.users.UserEvent;

/**
 * Who has devices to push to, and their ids: what the pusher walks. Their endpoints and keys stay
 * in each person's stream, read when something is pushed. An erasure forgets the person (their
 * subscriptions are sealed, so a rebuild never sees them either).
 */
public final class PushDevices {
  private final Map<String, Set<String>> byPerson = new HashMap<>();

  public void on(DomainEvent event) {
    if (event instanceof PushSubscribed s) {
      byPerson.computeIfAbsent(s.userId(), k -> new LinkedHashSet<>(2)).add(s.device());
    } else if (event instanceof PushUnsubscribed u) {
      Set<String> devices = byPerson.get(u.userId());
      if (devices != null && devices.remove(u.device()) && devices.isEmpty()) byPerson.remove(u.userId());
    } else if (event instanceof UserEvent.PersonErased e) {
      byPerson.remove(e.userId());
    }
  }

  /** Everyone with at least one device; under the read lock. */
  public List<String> people() {
    return new ArrayList<>(byPerson.keySet());
  }

  /** How many devices {@code userId} has; under the read lock. */
  public int devices(String userId) {
    Set<String> devices = byPerson.get(userId);
    return devices == null ? 0 : devices.size();
  }
}
