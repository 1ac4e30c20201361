package no.deling.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.links.LinkEvent.BookmarkRemoved;
import no.deling.links.LinkEvent.BookmarkSaved;
import no.deling.posts.PostEvent.PostDeleted;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.readmodel.ReadModel;

/**
 * The week's most shared links, and a topic's links newest first, read again and again as shares
 * come and go and as the clock moves on (seconds at a time, so shares leave the week while an order
 * worked out for an earlier read is still kept): every page is the one a library that keeps nothing
 * between reads gives at that moment.
 */
class WeekOrderPropertyTest {
  private static final long WEEK = 7 * 86_400_000L;
  private static final String[] PEOPLE = {"ada", "bo", "cy", "di"};
  private static final String[] TAGS = {"lnka", "lnkb"};

  @Property(tries = 150)
  void everyPage_isTheOneWorkedOutAfresh(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int steps) {
    Random random = new Random(seed);
    ReadModel m = new ReadModel(100, 1000);
    LinkQueries kept = new LinkQueries(m, m.links, m.posts, m.groups, m.people);
    long now = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    long position = 0;
    List<Long> posts = new ArrayList<>();
    int reads = 0;
    for (int i = 0; i < steps; i++) {
      now += random.nextInt(4) == 0 ? 0 : random.nextInt(40_000); // mostly within the minute an order is kept
      // a share made now, or one that leaves the week within the next few reads
      long at = random.nextBoolean() ? now : now - WEEK + random.nextInt(120_000);
      String url = "https://example.org/" + random.nextInt(6);
      String who = PEOPLE[random.nextInt(PEOPLE.length)];
      List<String> tags = random.nextBoolean() ? List.of(TAGS[random.nextInt(TAGS.length)]) : List.of();
      DomainEvent event = switch (random.nextInt(5)) {
        case 0, 1 -> new BookmarkSaved(url, who, tags, null, null, Instant.ofEpochMilli(at));
        case 2 -> new BookmarkRemoved(url, who, Instant.ofEpochMilli(at));
        case 3 -> {
          long id = 1 + i;
          posts.add(id);
          yield new PostPublished(PostIds.format(id), who, "see " + url, null, PostIds.format(id), tags, List.of(), List.of(url), Instant.ofEpochMilli(at));
        }
        default -> posts.isEmpty() ? null : new PostDeleted(PostIds.format(posts.remove(random.nextInt(posts.size()))), "ada", Instant.ofEpochMilli(at));
      };
      if (event != null) m.applyDecoded(event, ++position, null);
      int readsNow = random.nextInt(3);
      for (int r = 0; r < readsNow; r++) {
        boolean week = random.nextBoolean(); // else a topic's links, newest first
        String tag = !week || random.nextInt(3) == 0 ? TAGS[random.nextInt(TAGS.length)] : null;
        int offset = random.nextInt(3);
        LinkQueries.Library page = new LinkQueries.Library(tag, null, week, offset, 1 + random.nextInt(4));
        String viewer = PEOPLE[random.nextInt(PEOPLE.length)];
        JsonObject fromKept = kept.library(viewer, page, now);
        JsonObject afresh = new LinkQueries(m, m.links, m.posts, m.groups, m.people).library(viewer, page, now);
        assertThat(fromKept).as("read %d at step %d", ++reads, i).isEqualTo(afresh);
      }
    }
  }
}
