package no.deling.pulse;

import it.unimi.dsi.fastutil.longs.Long2ObjectMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import no.deling.core.collections.Interner;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.core.state.CompactState;
import no.deling.core.state.StateReader;
import no.deling.core.state.StateWriter;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.endorsements.Endorsements;
import no.deling.posts.PostDecider;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.shares.ShareEvent.PostShared;
import no.deling.shares.Shares;
import no.deling.users.People;
import no.deling.users.Person;

/**
 * What happened in each whole hour (UTC), counted when it happened: posts, questions, ideas,
 * replies, answers, endorsements, shares, and who was active; and when each person first
 * contributed (a post, reply or answer) and in which department they were then.
 *
 * <p>Counted once and never rewritten: a later delete or withdrawal does not change a past hour,
 * so an hour that has ended always answers the same, and two answers about it can never be
 * subtracted into something new. Registered before the posts, endorsements and shares it consults
 * (they tell it whether an event was seen before a restart).
 */
public final class ActivityLog implements CompactState {
  public static final int POSTS = 0, QUESTIONS = 1, IDEAS = 2, REPLIES = 3, ANSWERS = 4, ENDORSEMENTS = 5, SHARES = 6, KINDS = 7;
  public static final long HOUR = 3_600_000L;

  /** When a person first contributed, and their department then (null when the directory had none). */
  public record First(String person, long atMillis, String department) {}

  private static final class Tally {
    final int[] counts;
    /** Open addressing, not {@code HashSet}: no node object per person and hour (3 million on ten million events). */
    final Set<String> people;

    Tally() {
      counts = new int[KINDS];
      people = new it.unimi.dsi.fastutil.objects.ObjectOpenHashSet<>();
    }

    /** Read back from a snapshot: its counts, and a set sized once for the people it had (not grown and rehashed). */
    Tally(int[] counts, int people) {
      this.counts = counts;
      this.people = new it.unimi.dsi.fastutil.objects.ObjectOpenHashSet<>(people);
    }
  }

  // not final: a snapshot reads them back itself (see readState)
  private Long2ObjectOpenHashMap<Tally> hours = new Long2ObjectOpenHashMap<>();
  private Map<String, First> first = new HashMap<>();
  private final PostIndex posts;
  private final Endorsements endorsements;
  private final Shares shares;
  private final People people;
  private final Interner interner;

  public ActivityLog(PostIndex posts, Endorsements endorsements, Shares shares, People people, Interner interner) {
    this.posts = posts;
    this.endorsements = endorsements;
    this.shares = shares;
    this.people = people;
    this.interner = interner;
  }

  @Override
  public void writeState(StateWriter out) {
    out.number(hours.size());
    for (Long2ObjectMap.Entry<Tally> e : hours.long2ObjectEntrySet()) {
      out.signed(e.getLongKey());
      Tally t = e.getValue();
      for (int count : t.counts) out.number(count);
      out.number(t.people.size());
      for (String who : t.people) out.string(who);
    }
    out.number(first.size());
    for (First f : first.values()) {
      out.string(f.person());
      out.signed(f.atMillis());
      out.string(f.department());
    }
  }

  @Override
  public void readState(StateReader in) throws IOException {
    int n = in.count();
    hours = new Long2ObjectOpenHashMap<>(n);
    for (int i = 0; i < n; i++) {
      long hour = in.signed();
      int[] counts = new int[KINDS];
      for (int k = 0; k < KINDS; k++) counts[k] = (int) in.number();
      int people = in.count();
      Tally t = new Tally(counts, people);
      for (int p = 0; p < people; p++) t.people.add(in.string());
      hours.put(hour, t);
    }
    int firsts = in.count();
    first = new HashMap<>(firsts * 2);
    for (int i = 0; i < firsts; i++) {
      First f = new First(in.string(), in.signed(), in.string());
      first.put(f.person(), f);
    }
  }

  public void on(DomainEvent event) {
    if (event instanceof PostPublished p) {
      if (posts.get(PostIds.parse(p.postId())) != null) return; // seen before a restart
      if (no.deling.integrations.Integrations.isApp(p.author())) return; // the pulse is what people do, not their tools
      long at = p.publishedAt().toEpochMilli();
      String author = interner.intern(p.author());
      count(at, kindOf(p), author);
      if (!first.containsKey(author)) {
        Person person = people.get(author);
        first.put(author, new First(author, at, person == null ? null : person.department()));
      }
    } else if (event instanceof PostEndorsed e) {
      if (endorsements.endorsedBy(PostIds.parse(e.postId()), e.endorser())) return;
      count(e.at().toEpochMilli(), ENDORSEMENTS, interner.intern(e.endorser()));
    } else if (event instanceof PostShared s) {
      if (shares.get(PostIds.parse(s.shareId())) != null) return;
      count(PostIds.millis(PostIds.parse(s.shareId())), SHARES, interner.intern(s.sharer()));
    } else if (event instanceof no.deling.users.UserEvent.PersonErased e) {
      // nothing of an erased person stays: not when they first spoke, nor in which department (a rebuild never sees it either)
      first.remove(e.userId());
    }
  }

  private int kindOf(PostPublished p) {
    if (p.inReplyTo() == null) {
      if (PostDecider.QUESTION.equals(p.kind())) return QUESTIONS;
      if (PostDecider.IDEA.equals(p.kind())) return IDEAS;
      return POSTS;
    }
    PostView parent = posts.get(PostIds.parse(p.inReplyTo()));
    // an answer is a direct reply to a question by someone other than the asker
    return parent != null && parent.isQuestion() && !parent.author.equals(p.author()) ? ANSWERS : REPLIES;
  }

  private void count(long atMillis, int kind, String who) {
    long hour = Math.floorDiv(atMillis, HOUR);
    Tally t = hours.get(hour);
    if (t == null) hours.put(hour, t = new Tally());
    t.counts[kind]++;
    t.people.add(who);
  }

  /** The counts of the hour starting at {@code hourIndex * HOUR} (a copy); zeros for a quiet hour. Under the read lock. */
  public int[] counts(long hourIndex) {
    Tally t = hours.get(hourIndex);
    return t == null ? new int[KINDS] : t.counts.clone();
  }

  /** Who was active in that hour (do not modify). Under the read lock. */
  public Set<String> people(long hourIndex) {
    Tally t = hours.get(hourIndex);
    return t == null ? Set.of() : t.people;
  }

  /** Every person's first contribution. Under the read lock. */
  public void forEachFirst(Consumer<First> each) {
    first.values().forEach(each);
  }
}
