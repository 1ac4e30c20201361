package no.deling.users;

import java.util.HashMap;
import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.readmodel.Interner;
import no.deling.users.UserEvent.ProfileRecorded;

/** The latest profile of every known user. A user is known once they have made a request. */
public final class Profiles {
  public record Profile(String id, String displayName, String department, String location, String title) {}

  private final Map<String, Profile> byId = new HashMap<>();
  private final Interner interner;

  public Profiles(Interner interner) {
    this.interner = interner;
  }

  public void on(DomainEvent event) {
    if (event instanceof ProfileRecorded p) {
      String id = interner.intern(p.userId());
      byId.put(id, new Profile(id, p.displayName(), interner.intern(p.department()), interner.intern(p.location()), p.title()));
    }
  }

  public Profile get(String id) {
    return byId.get(id);
  }

  public boolean exists(String id) {
    return byId.containsKey(id);
  }

  public int size() {
    return byId.size();
  }
}
