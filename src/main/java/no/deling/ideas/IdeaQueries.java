package no.deling.ideas;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.deling.core.projection.ReadLock;
import no.deling.endorsements.Endorsements;
import no.deling.posts.PostContext;
import no.deling.posts.PostIndex;
import no.deling.posts.PostJson;
import no.deling.posts.PostView;
import no.deling.users.People;
import no.deling.users.UserJson;
import no.deling.visibility.Visibility;

/** The ideas board as a viewer sees it. */
public final class IdeaQueries {
  /** Which ideas the board shows: null fields do not narrow. */
  public record Board(String topic, String group, String status, boolean newest, int offset, int limit) {}

  private record Ranked(PostView idea, double rising) {}

  /**
   * The last rising order worked out, shared by every event loop: a board page walks it until the
   * page is full instead of scoring every idea ever proposed (856 req/s with 3,964 ideas did).
   * Every score halves alike with time, so the order holds until an idea or an endorsement of one
   * comes, and then only that idea moves.
   */
  private volatile RisingOrder rising;

  private final ReadLock lock;
  private final Ideas ideas;
  private final PostIndex posts;
  private final Endorsements endorsements;
  private final Visibility.Memberships memberships;
  private final People people;
  private final PostContext context;

  public IdeaQueries(ReadLock lock, Ideas ideas, PostIndex posts, Endorsements endorsements, Visibility.Memberships memberships, People people,
      PostContext context) {
    this.lock = lock;
    this.ideas = ideas;
    this.posts = posts;
    this.endorsements = endorsements;
    this.memberships = memberships;
    this.people = people;
    this.context = context;
  }

  /** The ideas {@code viewer} may see, rising (or newest) first: {@code {"items","next"}} with an offset cursor. */
  public JsonObject board(String viewer, Board b, long nowMillis) {
    return lock.read(() -> {
      List<Ranked> found = new ArrayList<>();
      int wanted = b.offset() + b.limit() + 1; // one more tells of a next page
      java.util.function.LongPredicate take = id -> {
        PostView p = posts.get(id);
        if (!Visibility.maySee(viewer, p, memberships) || (b.topic() != null && !p.hasTag(b.topic())) || (b.group() != null && !b.group().equals(p.group))) {
          return true;
        }
        if (b.status() != null && !b.status().equals(ideas.status(id))) return true;
        found.add(new Ranked(p, Ideas.rising(endorsements.times(id), nowMillis)));
        return found.size() < wanted;
      };
      if (b.newest()) {
        ideas.newestFirstWhile(take);
      } else {
        for (long id : risingOrder()) if (!take.test(id)) break;
      }
      JsonArray items = new JsonArray();
      int end = Math.min(found.size(), b.offset() + b.limit());
      for (int i = b.offset(); i < end; i++) items.add(idea(found.get(i).idea(), found.get(i).rising(), viewer));
      return new JsonObject().put("items", items).put("next", found.size() > b.offset() + b.limit() ? Integer.toString(b.offset() + b.limit()) : null);
    });
  }

  /** Every idea, rising first (then the newest first), from the cache while it holds, else mended. Under the read lock. */
  private long[] risingOrder() {
    RisingOrder known = rising;
    if (known != null && known.version == ideas.rankVersion()) return known.ids();
    RisingOrder now = RisingOrder.asOf(known, ideas, endorsements::times);
    rising = now;
    return now.ids();
  }

  /** One idea with its status and how fast it rises, or null when the viewer may not see it. */
  public JsonObject ideaSeenBy(String viewer, long id, long nowMillis) {
    return lock.read(() -> {
      PostView p = posts.get(id);
      return Visibility.maySee(viewer, p, memberships) ? idea(p, Ideas.rising(endorsements.times(id), nowMillis), viewer) : null;
    });
  }

  private JsonObject idea(PostView p, double rising, String viewer) {
    Ideas.Decision d = ideas.decision(p.id);
    JsonObject o = new JsonObject().put("idea", PostJson.of(p, viewer, context)).put("status", d == null ? "new" : d.status())
        .put("rising", Math.round(rising * 1000) / 1000.0);
    if (d != null) {
      o.put("note", d.note()).put("decidedBy", UserJson.summary(d.by(), people)).put("decidedAt", Instant.ofEpochMilli(d.atMillis()).toString());
    }
    return o;
  }
}
