package no.deling.pulse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.endorsements.EndorsementEvent.EndorsementWithdrawn;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.posts.PostEvent.PostDeleted;
import no.deling.posts.PostEvent.PostEdited;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.posts.PostView;
import no.deling.readmodel.ReadModel;
import no.deling.shares.ShareEvent.PostShared;
import no.deling.shares.ShareEvent.ShareWithdrawn;

/**
 * A person's own network figures are worked out from the posts their pointers name, where they
 * scanned every post, endorsement and share of the window. Whatever is posted, replied, mentioned
 * (and edited away), endorsed and withdrawn, shared and withdrawn and deleted, over weeks that
 * carry some of it out of the window: each person's interactions must be exactly those the scan
 * finds from or to them.
 */
class OwnTiesPropertyTest {
  private static final String[] PEOPLE = {"ann", "ben", "cat", "dan", "eve"};
  private static final long START = Instant.parse("2026-09-01T00:00:00Z").toEpochMilli();

  @Property(tries = 100)
  void eachPersonsInteractionsAreThoseTheScanFinds(@ForAll long seed, @ForAll @IntRange(min = 1, max = 200) int events) {
    Random random = new Random(seed);
    ReadModel m = new ReadModel(100, 1000);
    History history = new History(random, m);
    long position = 0;
    for (int i = 0; i < events; i++) {
      DomainEvent e = history.next();
      if (e == null) continue;
      m.applyDecoded(e, ++position, null);
      if (random.nextInt(10) == 0) assertSame(m, history.now() + random.nextInt(2) * 86_400_000L);
    }
    assertSame(m, history.now());
    assertSame(m, history.now() + 20 * 86_400_000L); // most of it carried out of the window
  }

  private static void assertSame(ReadModel m, long now) {
    long from = now - NetworkSnapshot.WINDOW_MS;
    List<Interactions.Interaction> all = m.read(() -> Interactions.since(m, from));
    for (String person : PEOPLE) {
      List<Interactions.Interaction> scanned = new ArrayList<>(all.stream().filter(i -> i.from().equals(person) || i.to().equals(person)).toList());
      List<Interactions.Interaction> pointed = new ArrayList<>(m.read(() -> PulseNetwork.interactionsOf(m, person, from)));
      Comparator<Interactions.Interaction> order = Comparator.comparing(Interactions.Interaction::from).thenComparing(Interactions.Interaction::to)
          .thenComparingLong(Interactions.Interaction::atMillis);
      scanned.sort(order);
      pointed.sort(order);
      assertThat(pointed).as("%s at %s", person, Instant.ofEpochMilli(now)).isEqualTo(scanned);
    }
  }

  /** Events as the deciders would allow them: replies to live posts, one endorsement and one share per person and post at a time. */
  private static final class History {
    private final Random random;
    private final ReadModel m;
    private final PostIds ids = new PostIds(1);
    private final List<Long> published = new ArrayList<>();
    private final List<String[]> endorsed = new ArrayList<>(); // post, endorser
    private final List<String[]> shared = new ArrayList<>(); // post, sharer, share id
    private long at = START;

    History(Random random, ReadModel m) {
      this.random = random;
      this.m = m;
    }

    long now() {
      return at;
    }

    DomainEvent next() {
      int gap = random.nextInt(3);
      at += gap == 0 ? 1 : gap == 1 ? random.nextInt(3_600_000) : random.nextInt(3 * 86_400_000);
      Instant when = Instant.ofEpochMilli(at);
      String who = PEOPLE[random.nextInt(PEOPLE.length)];
      int what = published.isEmpty() ? 0 : random.nextInt(12);
      if (what < 4) {
        long id = ids.next(at);
        published.add(id);
        PostView parent = what < 2 || published.size() < 2 ? null : post(published.get(random.nextInt(published.size() - 1)));
        String replyTo = parent == null || parent.deleted ? null : PostIds.format(parent.id);
        return new PostPublished(PostIds.format(id), who, "words", replyTo, replyTo == null ? PostIds.format(id) : PostIds.format(parent.id), List.of(),
            mentions(), List.of(), when);
      }
      PostView post = post(published.get(random.nextInt(published.size())));
      if (what < 5) return post.deleted ? null : new PostEdited(PostIds.format(post.id), post.author, "edited", List.of(), mentions(), List.of(), when);
      if (what < 6) return post.deleted ? null : new PostDeleted(PostIds.format(post.id), post.author, when);
      if (what < 8) {
        if (post.deleted || post.author.equals(who) || endorsed.stream().anyMatch(x -> x[0].equals(PostIds.format(post.id)) && x[1].equals(who))) return null;
        endorsed.add(new String[] {PostIds.format(post.id), who});
        return new PostEndorsed(PostIds.format(post.id), post.author, who, when);
      }
      if (what < 9 && !endorsed.isEmpty()) {
        String[] e = endorsed.remove(random.nextInt(endorsed.size()));
        return new EndorsementWithdrawn(e[0], post(PostIds.parse(e[0])).author, e[1], when);
      }
      if (what < 11) {
        if (post.deleted || post.author.equals(who) || shared.stream().anyMatch(x -> x[0].equals(PostIds.format(post.id)) && x[1].equals(who))) return null;
        String shareId = PostIds.format(ids.next(at));
        shared.add(new String[] {PostIds.format(post.id), who, shareId});
        return new PostShared(PostIds.format(post.id), post.author, who, shareId, when);
      }
      if (shared.isEmpty()) return null;
      String[] s = shared.remove(random.nextInt(shared.size()));
      return new ShareWithdrawn(s[0], post(PostIds.parse(s[0])).author, s[1], s[2], when);
    }

    private PostView post(long id) {
      return m.read(() -> m.posts.get(id));
    }

    private List<String> mentions() {
      List<String> out = new ArrayList<>();
      for (String p : PEOPLE) if (random.nextInt(6) == 0) out.add(p);
      return out;
    }
  }
}
