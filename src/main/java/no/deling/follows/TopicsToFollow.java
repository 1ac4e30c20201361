package no.deling.follows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.deling.integrations.Integrations;
import no.deling.posts.PostView;
import no.deling.timelines.Timelines;

/**
 * "Which topics should I follow?": the #topics the people I follow and the groups I am in have
 * been writing about lately, that I do not follow yet, ranked by how many colleagues use them
 * (a topic many use is a conversation, one person's is a habit). Only posts the viewer may see,
 * only people (a build server's #release is no conversation), only the last {@link
 * WhoToFollow#WINDOW_DAYS} days. Following a topic is how a question reaches those who know it.
 * A pure question over the read models; call under the read lock.
 */
public final class TopicsToFollow {
  /** How many of the people I follow are looked at, and how many of each one's latest posts. */
  static final int MAX_PEOPLE = 60;
  static final int SCAN = 20;

  /** @param fromPeopleIFollow how many of its posts came from people I follow; {@code inMyGroups} from my groups */
  public record Suggestion(String tag, int colleagues, int fromPeopleIFollow, int inMyGroups) {
    double score() {
      return 2.0 * colleagues + 0.5 * Math.min(20, fromPeopleIFollow + inMyGroups);
    }
  }

  private final Timelines timelines;
  private final FollowGraph follows;

  public TopicsToFollow(Timelines timelines, FollowGraph follows) {
    this.timelines = timelines;
    this.follows = follows;
  }

  private static final class Tally {
    final Set<String> authors = new HashSet<>();
    int followed;
    int grouped;
  }

  /** @param inMyGroups {@link WhoToFollow#recentInGroups} for this viewer and time */
  public List<Suggestion> suggest(String viewer, long nowMillis, int limit, List<PostView> inMyGroups) {
    long since = WhoToFollow.since(nowMillis);
    Map<String, Tally> tallies = new HashMap<>();
    int people = 0;
    for (String followee : follows.followedBy(viewer)) {
      if (people++ == MAX_PEOPLE) break;
      for (Timelines.Entry e : timelines.byAuthor(followee, viewer, Long.MAX_VALUE, SCAN).items()) {
        if (e.post().publishedAt < since) break; // newest first
        for (String tag : e.post().hashtags) {
          Tally t = tallies.computeIfAbsent(tag, k -> new Tally());
          t.authors.add(e.post().author);
          t.followed++;
        }
      }
    }
    for (PostView p : inMyGroups) {
      if (Integrations.isApp(p.author)) continue;
      for (String tag : p.hashtags) {
        Tally t = tallies.computeIfAbsent(tag, k -> new Tally());
        t.authors.add(p.author);
        t.grouped++;
      }
    }
    Set<String> mine = follows.topicsFollowedBy(viewer);
    List<Suggestion> out = new ArrayList<>();
    tallies.forEach((tag, t) -> {
      t.authors.remove(viewer);
      if (!mine.contains(tag) && !t.authors.isEmpty()) out.add(new Suggestion(tag, t.authors.size(), t.followed, t.grouped));
    });
    out.sort(Comparator.comparingDouble(Suggestion::score).reversed().thenComparing(Suggestion::tag));
    return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
  }
}
