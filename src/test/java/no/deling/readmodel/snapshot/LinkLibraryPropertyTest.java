package no.deling.readmodel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import no.deling.core.collections.Interner;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.core.projection.ReadLock;
import no.deling.endorsements.Endorsements;
import no.deling.links.LinkEvent.BookmarkRemoved;
import no.deling.links.LinkEvent.BookmarkSaved;
import no.deling.links.LinkQueries;
import no.deling.links.LinkUrl;
import no.deling.links.Links;
import no.deling.notifications.Notifications;
import no.deling.posts.PostEvent.PostDeleted;
import no.deling.posts.PostEvent.PostEdited;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.users.People;
import no.deling.visibility.Visibility;

/**
 * The link library walks its entries by when they were last shared and stops once the page is
 * full, where it used to look at every entry. Whatever is shared, edited, deleted and taken back,
 * in private groups or not, and wherever the library went through a snapshot, each viewer's page
 * (by tag, by words, the week's most shared, at any offset) must be exactly what looking at every
 * entry gives. (In this package for the snapshot's own writer and reader.)
 */
class LinkLibraryPropertyTest {
  private static final String[] PEOPLE = {"ann", "ben", "cat", "dan"};
  private static final String PRIVATE = "g-board";
  private static final String OPEN = "g-open";
  private static final String[] TAGS = {"ops", "hr", "kotlin"};
  private static final long WEEK_MS = 7 * 86_400_000L;
  private static final long START = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
  /** ann and ben are on the private board. */
  private static final Visibility.Memberships GROUPS = new Visibility.Memberships() {
    @Override
    public boolean isPrivate(String group) {
      return PRIVATE.equals(group);
    }

    @Override
    public boolean isMember(String group, String user) {
      return PRIVATE.equals(group) && (user.equals("ann") || user.equals("ben")) || OPEN.equals(group);
    }
  };
  private static final ReadLock NO_LOCK = new ReadLock() {
    @Override
    public <T> T read(Supplier<T> query) {
      return query.get();
    }
  };

  @Property(tries = 150)
  void eachPageIsWhatLookingAtEveryEntryGives(@ForAll long seed, @ForAll @IntRange(min = 1, max = 250) int events,
      @ForAll @IntRange(min = 0, max = 2) int snapshots) {
    Random random = new Random(seed);
    Interner interner = new Interner();
    PostIndex posts = new PostIndex(interner);
    Links links = new Links(interner);
    People people = new People(interner);
    List<Integer> cuts = new ArrayList<>();
    for (int i = 0; i < snapshots; i++) cuts.add(random.nextInt(events));
    History history = new History(random);
    for (int i = 0; i < events; i++) {
      for (int cut : cuts) if (cut == i) links = throughASnapshot(links, interner);
      DomainEvent e = history.next(posts);
      if (e == null) continue;
      posts.on(e, i + 1);
      links.on(e);
      // asking now and then makes the index early, so that it is kept through the changes that follow, not only made afresh
      if (random.nextInt(8) == 0) assertSamePage(links, posts, people, random, history.now());
    }
    for (int k = 0; k < 12; k++) assertSamePage(links, posts, people, random, history.now() + random.nextInt(3) * WEEK_MS / 2);
    links = throughASnapshot(links, interner);
    for (int k = 0; k < 12; k++) assertSamePage(links, posts, people, random, history.now());
  }

  private static void assertSamePage(Links links, PostIndex posts, People people, Random random, long now) {
    String viewer = PEOPLE[random.nextInt(PEOPLE.length)];
    String tag = random.nextInt(3) == 0 ? TAGS[random.nextInt(TAGS.length)] : null;
    String[] words = {"/b", "later", "see", "ørn", "hr"}; // in addresses, posts' words, comments and tags; one not ASCII
    String q = random.nextInt(3) == 0 ? words[random.nextInt(words.length)] : null;
    LinkQueries.Library l = new LinkQueries.Library(tag, q, random.nextBoolean(), random.nextInt(4), 1 + random.nextInt(5));
    JsonObject page = new LinkQueries(NO_LOCK, links, posts, GROUPS, people).library(viewer, l, now);
    List<Listed> all = everyEntry(links, posts, viewer, l, now);
    List<String> expected = all.stream().skip(l.offset()).limit(l.limit())
        .map(f -> f.url + " " + Instant.ofEpochMilli(f.last) + " " + f.thisWeek).toList();
    List<String> shown = page.getJsonArray("items").stream().map(o -> (JsonObject) o)
        .map(o -> o.getString("url") + " " + o.getString("lastSharedAt") + " " + o.getInteger("sharedThisWeek")).toList();
    assertThat(shown).as("%s as %s at %s", l, viewer, Instant.ofEpochMilli(now)).isEqualTo(expected);
    assertThat(page.getString("next")).as("next, %s", l).isEqualTo(all.size() > l.offset() + l.limit() ? Integer.toString(l.offset() + l.limit()) : null);
    // one entry by its id: there for whoever may see a contribution to it (an address shared since an unknown id was asked for too)
    LinkQueries queries = new LinkQueries(NO_LOCK, links, posts, GROUPS, people);
    assertThat(queries.entrySeenBy(viewer, "0123456789abcdef", now, 0, 20)).isNull();
    String url = "https://docs.example.org/" + (char) ('a' + random.nextInt(7));
    boolean seen = everyEntry(links, posts, viewer, new LinkQueries.Library(null, null, false, 0, 100), now).stream().anyMatch(f -> f.url().equals(url));
    JsonObject entry = queries.entrySeenBy(viewer, LinkUrl.id(url), now, 0, 20);
    assertThat(entry != null).as("%s as %s", url, viewer).isEqualTo(seen);
  }

  private record Listed(String url, long last, int thisWeek) {}

  /** The library as it was worked out before: every entry looked at, every post opened, then sorted. */
  private static List<Listed> everyEntry(Links links, PostIndex posts, String viewer, LinkQueries.Library l, long now) {
    List<Listed> found = new ArrayList<>();
    for (Links.Entry e : links.all()) {
      List<Links.Contribution> visible = new ArrayList<>();
      for (Links.Contribution c : e.contributions) {
        boolean may = c.post() != 0 ? Visibility.maySee(viewer, posts.get(c.post()), GROUPS) : Visibility.maySeeAudience(viewer, c.group(), GROUPS);
        if (may) visible.add(c);
      }
      if (visible.isEmpty()) continue;
      if (l.tag() != null && visible.stream().noneMatch(c -> c.tags().contains(l.tag()))) continue;
      long last = 0;
      Set<String> thisWeek = new HashSet<>();
      List<String> words = new ArrayList<>(List.of(e.url)); // each looked in on its own
      for (Links.Contribution c : visible) {
        last = Math.max(last, c.atMillis());
        if (c.atMillis() >= now - WEEK_MS) thisWeek.add(c.by());
        words.addAll(c.tags());
        if (c.comment() != null) words.add(c.comment());
        PostView post = c.post() == 0 ? null : posts.get(c.post());
        if (post != null && post.text() != null) words.add(post.text());
      }
      if (l.week() && thisWeek.isEmpty()) continue;
      if (l.q() != null && words.stream().noneMatch(w -> w.toLowerCase(Locale.ROOT).contains(l.q()))) continue;
      found.add(new Listed(e.url, last, thisWeek.size()));
    }
    Comparator<Listed> recent = Comparator.comparingLong((Listed f) -> -f.last()).thenComparing(Listed::url);
    found.sort(l.week() ? Comparator.comparingInt((Listed f) -> -f.thisWeek()).thenComparing(recent) : recent);
    return found;
  }

  private static Links throughASnapshot(Links links, Interner interner) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RecordsSection.write(links, new Endorsements(interner), new Notifications(), bytes);
    RecordsSection.Contents back = RecordsSection.read(new ByteArrayInputStream(bytes.toByteArray()));
    Links restored = new Links(interner);
    restored.restoredEntries(back.links());
    restored.restored();
    return restored;
  }

  /** Posts with links, their edits and deletes, bookmarks saved again and removed; times move on, now and then by the same millisecond. */
  private static final class History {
    private final Random random;
    private final List<Long> published = new ArrayList<>();
    private long at = START;
    private long nextPost = 1_000;

    History(Random random) {
      this.random = random;
    }

    long now() {
      return at;
    }

    DomainEvent next(PostIndex posts) {
      int step = random.nextInt(4);
      at += step == 0 ? 0 : step == 1 ? random.nextInt(1_000) : step == 2 ? random.nextInt(3_600_000) : random.nextInt((int) (2 * 86_400_000L));
      Instant when = Instant.ofEpochMilli(at);
      String who = PEOPLE[random.nextInt(PEOPLE.length)];
      int what = random.nextInt(10);
      if (what < 4 || published.isEmpty()) {
        long id = nextPost++;
        published.add(id);
        List<String> urls = urls();
        List<String> tags = tags();
        return new PostPublished(PostIds.format(id), who, text(urls), null, PostIds.format(id), tags, List.of(), urls, when, audience(), null);
      }
      PostView post = posts.get(published.get(random.nextInt(published.size())));
      if (what < 5) {
        if (post.deleted) return null;
        List<String> urls = urls();
        return new PostEdited(PostIds.format(post.id), post.author, text(urls) + (random.nextBoolean() ? " LATER" : " Ørnen"), tags(), List.of(), urls, when);
      }
      if (what < 6) return post.deleted ? null : new PostDeleted(PostIds.format(post.id), post.author, when);
      String url = url();
      if (what < 9) {
        return new BookmarkSaved(url, who, tags(), random.nextBoolean() ? "See " + url : null, audience(), when);
      }
      return new BookmarkRemoved(url, who, when);
    }

    private String url() {
      return "https://docs.example.org/" + (char) ('a' + random.nextInt(7));
    }

    private List<String> urls() {
      List<String> urls = new ArrayList<>();
      for (int n = random.nextInt(3); n > 0; n--) urls.add(url());
      return urls;
    }

    private List<String> tags() {
      List<String> tags = new ArrayList<>();
      for (String t : TAGS) if (random.nextInt(3) == 0) tags.add(t);
      return tags;
    }

    private String audience() {
      int a = random.nextInt(4);
      return a == 0 ? PRIVATE : a == 1 ? OPEN : null;
    }

    private static String text(List<String> urls) {
      return "Read " + String.join(" and ", urls);
    }
  }
}
