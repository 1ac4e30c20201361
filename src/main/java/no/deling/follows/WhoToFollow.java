package no.deling.follows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.deling.endorsements.Endorsements;
import no.deling.groups.Groups;
import no.deling.integrations.Integrations;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.timelines.Timelines;
import no.deling.users.People;
import no.deling.users.Person;
import no.deling.visibility.Visibility;

/**
 * "Whom should I follow?": colleagues I do not follow yet, ranked by the ties that already exist —
 * who replied to me and endorsed my posts, who writes in the topics I follow and the groups I am in,
 * and who works in my department — each with the reasons, so the suggestion explains itself. Only
 * what the viewer may see counts (a reply in a private group they left does not), and only the last
 * {@link #WINDOW_DAYS} days, so enthusiasts who are active now surface, not old names. A pure
 * question over the read models; call under the read lock.
 */
public final class WhoToFollow {
  public static final int WINDOW_DAYS = 90;
  /** How many of the viewer's own latest posts, and of each followed topic's and group's, are looked at. */
  static final int SCAN = 200;
  static final int MAX_TOPICS = 30;
  static final int MAX_GROUPS = 30;

  /** Why someone is suggested: how often they replied to me, endorsed my posts, wrote in my topics and groups, and my department. */
  public record Suggestion(Person person, int repliedToMe, int endorsedMyPosts, int postsInMyTopics, int postsInMyGroups, boolean sameDepartment) {
    /** A reply weighs most (a conversation), then an endorsement, then shared interests; posts count up to ten each. */
    public double score() {
      return 3.0 * repliedToMe + 2.0 * endorsedMyPosts + Math.min(10, postsInMyTopics) + 0.5 * Math.min(10, postsInMyGroups) + (sameDepartment ? 1 : 0);
    }
  }

  private final Timelines timelines;
  private final PostIndex posts;
  private final Endorsements endorsements;
  private final FollowGraph follows;
  private final People people;
  private final Groups groups;

  public WhoToFollow(Timelines timelines, PostIndex posts, Endorsements endorsements, FollowGraph follows, People people, Groups groups) {
    this.timelines = timelines;
    this.posts = posts;
    this.endorsements = endorsements;
    this.follows = follows;
    this.people = people;
    this.groups = groups;
  }

  private static final class Tally {
    int replied;
    int endorsed;
    int topics;
    int groups;
  }

  /** Posts of the last {@link #WINDOW_DAYS} days before {@code nowMillis}. */
  static long since(long nowMillis) {
    return nowMillis - WINDOW_DAYS * 86_400_000L;
  }

  /**
   * The latest posts in {@code viewer}'s groups (up to {@link #SCAN} of each of {@link
   * #MAX_GROUPS} groups) within the window, each visible to them: read once per request, for the
   * people and the topics suggested alike.
   */
  public List<PostView> recentInGroups(String viewer, long nowMillis) {
    long since = since(nowMillis);
    List<PostView> out = new ArrayList<>();
    int in = 0;
    for (Groups.Group g : groups.memberOf(viewer)) {
      if (in++ == MAX_GROUPS) break;
      for (Timelines.Entry e : timelines.byGroup(g.id, viewer, Long.MAX_VALUE, SCAN).items()) {
        if (e.post().publishedAt < since) break; // newest first
        out.add(e.post());
      }
    }
    return out;
  }

  /** @param inMyGroups {@link #recentInGroups} for this viewer and time */
  public List<Suggestion> suggest(String viewer, long nowMillis, int limit, List<PostView> inMyGroups) {
    long since = since(nowMillis);
    Map<String, Tally> tallies = new HashMap<>();
    // replies to my posts and endorsements of them
    long[] mine = timelines.authoredBy(viewer);
    Set<Long> myPosts = new HashSet<>();
    Set<Long> roots = new HashSet<>();
    for (int i = mine.length - 1; i >= Math.max(0, mine.length - SCAN); i--) {
      PostView p = posts.get(mine[i]);
      if (p == null || p.publishedAt < since || !Visibility.maySee(viewer, p, groups)) continue;
      myPosts.add(p.id);
      roots.add(p.threadRoot);
      for (String e : endorsements.endorsers(p.id)) tally(tallies, e).endorsed++;
    }
    for (long root : roots) {
      for (PostView r : posts.thread(root)) {
        if (r != null && r.inReplyTo != 0 && myPosts.contains(r.inReplyTo) && !r.author.equals(viewer) && r.publishedAt >= since
            && Visibility.maySee(viewer, r, groups)) {
          tally(tallies, r.author).replied++;
        }
      }
    }
    // who writes where I listen: my topics and my groups
    int topics = 0;
    for (String tag : follows.topicsFollowedBy(viewer)) {
      if (topics++ == MAX_TOPICS) break;
      for (Timelines.Entry e : timelines.byTopic(tag, viewer, Long.MAX_VALUE, SCAN).items()) {
        if (e.post().publishedAt >= since) tally(tallies, e.post().author).topics++;
      }
    }
    for (PostView p : inMyGroups) tally(tallies, p.author).groups++;
    Person me = people.get(viewer);
    String department = me == null ? null : me.department();
    // colleagues in my department stand in when nothing else suggests anyone (a newcomer's first day)
    if (department != null && tallies.size() < limit) {
      for (Person p : people.search(department, limit * 4)) if (department.equalsIgnoreCase(p.department())) tallies.computeIfAbsent(p.id(), k -> new Tally());
    }
    List<Suggestion> out = new ArrayList<>();
    Set<String> followed = follows.followedBy(viewer);
    tallies.forEach((id, t) -> {
      Person p = people.get(id);
      if (id.equals(viewer) || followed.contains(id) || Integrations.isApp(id) || p == null || !p.active() || p.erased()) return;
      out.add(new Suggestion(p, t.replied, t.endorsed, t.topics, t.groups, department != null && department.equalsIgnoreCase(p.department())));
    });
    out.sort(Comparator.comparingDouble(Suggestion::score).reversed().thenComparing(s -> s.person().id()));
    return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
  }

  private static Tally tally(Map<String, Tally> tallies, String user) {
    return tallies.computeIfAbsent(user, k -> new Tally());
  }
}
