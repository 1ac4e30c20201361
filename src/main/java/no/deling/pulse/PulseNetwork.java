package no.deling.pulse;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.deling.core.collections.LongList;
import no.deling.core.ids.PostIds;
import no.deling.readmodel.ReadModel;
import no.deling.shares.Shares;
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
    LongOpenHashSet posts = new LongOpenHashSet(); // each post once, however many ways it was found
    m.ownTies.postsSince(person, fromMillis, posts::add); // replies to them, mentions of them, their endorsements
    LongList shares = m.shares.bySharer(person);
    for (int i = shares == null ? 0 : shares.size(); i-- > 0 && PostIds.millis(shares.get(i)) >= fromMillis; ) {
      Shares.Share s = m.shares.get(shares.get(i));
      if (s != null) posts.add(s.postId());
    }
    // their own posts: what they replied and mentioned, and what the posts drew (endorsements and shares, however old the post);
    // opened only when there is something of the window to find, since a post read back from a snapshot is decoded on each get
    LongList own = m.timelines.postsOf(null, null, person);
    long recent = fromMillis - 86_400_000L; // an id's time is when it was minted, a moment after the post's own time at most
    for (int i = 0, n = own == null ? 0 : own.size(); i < n; i++) {
      long id = own.get(i);
      if (PostIds.millis(id) >= recent || drewSince(m, id, fromMillis)) posts.add(id);
    }
    List<Interactions.Interaction> found = new ArrayList<>();
    for (long post : posts) Interactions.ofPost(m, post, fromMillis, found);
    found.removeIf(i -> !i.from().equals(person) && !i.to().equals(person));
    return found;
  }

  /** Whether the post was endorsed or shared at {@code fromMillis} or later (by anyone). */
  private static boolean drewSince(ReadModel m, long post, long fromMillis) {
    for (long at : m.endorsements.times(post)) if (at >= fromMillis) return true;
    for (Shares.Share s : m.shares.ofPost(post)) if (PostIds.millis(s.id()) >= fromMillis) return true;
    return false;
  }
}
