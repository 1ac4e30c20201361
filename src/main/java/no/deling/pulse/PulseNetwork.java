package no.deling.pulse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.deling.readmodel.ReadModel;
import no.deling.users.Person;

/**
 * The relationship figures, computed on a schedule (never per event) and recorded in the log
 * ({@link PulseEvent.NetworkFiguresRecorded}); this read model keeps the recorded ones for trend
 * lines. A computation copies what it needs under the read lock and works off it.
 */
public final class PulseNetwork {
  static final int HISTORY = 400;
  private volatile List<NetworkSnapshot> history = List.of();

  /** Projection thread: a recorded refresh joins the history. */
  public void on(no.deling.core.events.DomainEvent event) {
    if (!(event instanceof PulseEvent.NetworkFiguresRecorded r)) return;
    List<NetworkSnapshot> next = new ArrayList<>(history);
    next.add(r.snapshot());
    if (next.size() > HISTORY) next.remove(0);
    history = List.copyOf(next);
  }

  /** When the newest recorded figures were computed (epoch millis), or -1 for never. */
  public long lastRefreshedAt() {
    List<NetworkSnapshot> h = history;
    return h.isEmpty() ? -1 : h.get(h.size() - 1).refreshedAt();
  }

  /** Computes the figures as of {@code now}, to be recorded. Blocking (call on a worker). */
  public static NetworkSnapshot compute(ReadModel m, long now, int k) {
    List<Interactions.Interaction> interactions = new ArrayList<>();
    Map<String, NetworkSnapshot.Member> members = new HashMap<>();
    m.read(() -> {
      interactions.addAll(Interactions.since(m, now - NetworkSnapshot.WINDOW_MS));
      for (Person p : m.people.all()) if (p.active()) members.put(p.id(), new NetworkSnapshot.Member(p.department(), p.location()));
      return null;
    });
    return NetworkSnapshot.compute(interactions, members, now, k);
  }

  /** Oldest first; empty before the first refresh. */
  public List<NetworkSnapshot> history() {
    return history;
  }

  /** A person's own figures, for them alone (private-group interactions included: they are theirs). Under the read lock. */
  public static Network.Own own(ReadModel m, String person, long now) {
    List<Network.Interaction> mine = new ArrayList<>();
    Map<String, String> unitOf = new HashMap<>();
    for (Interactions.Interaction i : interactionsOf(m, person, now - NetworkSnapshot.WINDOW_MS)) {
      mine.add(new Network.Interaction(i.from(), i.to(), i.atMillis()));
    }
    for (Network.Interaction i : mine) {
      for (String who : List.of(i.from(), i.to())) {
        Person p = m.people.get(who);
        if (p != null && p.department() != null) unitOf.put(who, p.department());
      }
    }
    return Network.own(Network.ties(mine, now - NetworkSnapshot.WINDOW_MS), unitOf, person);
  }

  /**
   * The interactions from or to {@code person} at or after {@code fromMillis}: those of the posts
   * their pointers name (see {@link OwnTies}), where scanning the whole window took a quarter of a
   * second. Under the read lock.
   */
  static List<Interactions.Interaction> interactionsOf(ReadModel m, String person, long fromMillis) {
    List<Interactions.Interaction> found = new ArrayList<>();
    for (long post : m.ownTies.postsSince(person, fromMillis)) Interactions.ofPost(m, post, fromMillis, found);
    found.removeIf(i -> !i.from().equals(person) && !i.to().equals(person));
    return found;
  }
}
