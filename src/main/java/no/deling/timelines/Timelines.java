package no.deling.timelines;

import java.io.IOException;
import no.deling.core.state.CompactState;
import no.deling.core.state.StateReader;
import no.deling.core.state.StateWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.deling.core.collections.LongList;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.follows.FollowEvent.TopicFollowed;
import no.deling.follows.FollowEvent.TopicUnfollowed;
import no.deling.follows.FollowEvent.UserFollowed;
import no.deling.follows.FollowEvent.UserUnfollowed;
import no.deling.follows.FollowGraph;
import no.deling.posts.PostEvent.PostDeleted;
import no.deling.posts.PostEvent.PostEdited;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.groups.GroupEvent.GroupMemberJoined;
import no.deling.groups.GroupEvent.GroupMemberRemoved;
import no.deling.groups.Groups;
import no.deling.shares.Shares;
import no.deling.visibility.Visibility;
import java.util.function.Predicate;

/**
 * Person, topic and home timelines as sorted lists of post ids; the posts themselves live once in
 * {@link PostIndex}, so an edit or delete shows everywhere at once.
 *
 * <p>Home timelines are filled by fan-out on write into a list bounded at {@code homeBound} ids per
 * user. An author (or topic) with more than {@code fanOutLimit} followers is not fanned out: a
 * reader's home page merges the heavy authors' and topics' own timelines at read time, so one post
 * by a leader with 20,000 followers costs one insert, not 20,000.
 *
 * <p>Home lists exist only for users who have read their home timeline since start-up: the first
 * read builds it by merging the newest posts of everyone and every topic they follow, after which
 * fan-out keeps it current. Most people mostly read, but not all at once; rebuilding the read
 * model from the log therefore pays no fan-out at all, and idle users cost no memory.
 */
public final class Timelines implements CompactState {
  /** One timeline entry: a post, there because {@code sharedBy} shared it (null: in its own right). */
  public record Entry(PostView post, String sharedBy) {}

  public record Page(List<Entry> items, String next) {}

  private final int homeBound;
  private final int fanOutLimit;
  private final PostIndex posts;
  private final FollowGraph graph;
  private final Groups groups;
  private final Shares shares;
  private final Visibility.Follows follows;
  /** Written by the projection (under the write lock) and materialised by readers (under the read lock). */
  private transient Map<String, LongList> home = new java.util.concurrent.ConcurrentHashMap<>();
  // not final: a snapshot reads them back itself (see readState)
  private Map<String, LongList> byAuthor = new HashMap<>();
  private Map<String, LongList> byTopic = new HashMap<>();
  private Map<String, LongList> byGroup = new HashMap<>();
  /** Authors with posts in private groups, and how many per group: a profile's count skips those its viewer may not see. */
  private Map<String, Map<String, Integer>> privateByAuthor = new HashMap<>();
  private Map<String, Integer> deletedByAuthor = new HashMap<>();
  /** The same for topics: how many of a topic's posts each private group holds, and how many are deleted (see {@link #visibleCount}). */
  private Map<String, Map<String, Integer>> privateByTopic = new HashMap<>();
  private Map<String, Integer> deletedByTopic = new HashMap<>();

  public Timelines(int homeBound, int fanOutLimit, PostIndex posts, FollowGraph graph, Groups groups, Shares shares,
      Visibility.Follows follows) {
    this.homeBound = homeBound;
    this.fanOutLimit = fanOutLimit;
    this.posts = posts;
    this.graph = graph;
    this.groups = groups;
    this.shares = shares;
    this.follows = follows;
  }

  /** Read back from a snapshot: no home list is materialised, as after a rebuild. */
  public void restored() {
    home = new java.util.concurrent.ConcurrentHashMap<>();
  }

  /** The author, topic and group timelines, and the counts beside them (home lists are made again as read). */
  @Override
  public void writeState(StateWriter out) {
    for (Map<String, LongList> lists : List.of(byAuthor, byTopic, byGroup)) {
      out.number(lists.size());
      lists.forEach((key, list) -> {
        out.string(key);
        list.writeTo(out);
      });
    }
    out.number(privateByAuthor.size());
    privateByAuthor.forEach((author, groups) -> {
      out.string(author);
      writeCounts(groups, out);
    });
    writeCounts(deletedByAuthor, out);
    out.number(privateByTopic.size());
    privateByTopic.forEach((topic, groups) -> {
      out.string(topic);
      writeCounts(groups, out);
    });
    writeCounts(deletedByTopic, out);
  }

  @Override
  public void readState(StateReader in) throws IOException {
    byAuthor = readLists(in);
    byTopic = readLists(in);
    byGroup = readLists(in);
    int authors = in.count();
    privateByAuthor = new HashMap<>(authors * 2);
    for (int i = 0; i < authors; i++) privateByAuthor.put(in.string(), readCounts(in));
    deletedByAuthor = readCounts(in);
    int topics = in.count();
    privateByTopic = new HashMap<>(topics * 2);
    for (int i = 0; i < topics; i++) privateByTopic.put(in.string(), readCounts(in));
    deletedByTopic = readCounts(in);
  }

  private static Map<String, LongList> readLists(StateReader in) throws IOException {
    int n = in.count();
    Map<String, LongList> lists = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) lists.put(in.string(), LongList.readFrom(in));
    return lists;
  }

  private static void writeCounts(Map<String, Integer> counts, StateWriter out) {
    out.number(counts.size());
    counts.forEach((key, count) -> {
      out.string(key);
      out.signed(count);
    });
  }

  private static Map<String, Integer> readCounts(StateReader in) throws IOException {
    int n = in.count();
    Map<String, Integer> counts = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) counts.put(in.string(), (int) in.signed());
    return counts;
  }

  /**
   * Call after {@link PostIndex} and {@link FollowGraph} have seen the event.
   *
   * @param graphChanged whether the follow graph changed (false for a replayed duplicate)
   * @param previousTags for an edit or a delete, the post's hashtags before it
   * @param post for a post event, the post as {@link PostIndex} now has it (null when unknown)
   */
  public void on(DomainEvent event, boolean graphChanged, String[] previousTags, PostView post) {
    if (event instanceof PostPublished) {
      published(post);
    } else if (event instanceof PostEdited) {
      retagged(post, previousTags);
    } else if (event instanceof PostDeleted && post != null) {
      // a deleted post no longer counts on its author's profile
      deletedByAuthor.merge(post.author, 1, Integer::sum);
      boolean hidden = post.group != null && groups.isPrivate(post.group);
      if (hidden) privateByAuthor.get(post.author).merge(post.group, -1, Integer::sum);
      // and no longer counts in the topics it carried until now
      for (String tag : previousTags == null ? post.hashtags : previousTags) {
        deletedByTopic.merge(tag, 1, Integer::sum);
        if (hidden) privateInTopic(tag, post.group, -1);
      }
    } else if (graphChanged && event instanceof UserFollowed f) {
      backfill(f.follower(), byAuthor.get(f.followee()));
    } else if (graphChanged && event instanceof TopicFollowed f) {
      backfill(f.follower(), byTopic.get(f.tag()));
    } else if (graphChanged && event instanceof UserUnfollowed u) {
      prune(u.follower());
      if (graph.followersOf(u.followee()).size() == fanOutLimit) fannedOutAgain(graph.followersOf(u.followee()), byAuthor.get(u.followee()));
    } else if (graphChanged && event instanceof no.deling.follows.FollowEvent.GroupMuted m) {
      prune(m.follower());
    } else if (graphChanged && event instanceof no.deling.follows.FollowEvent.GroupUnmuted m) {
      backfill(m.follower(), byGroup.get(m.groupId()));
    } else if (graphChanged && event instanceof TopicUnfollowed t) {
      prune(t.follower());
      if (graph.followersOfTopic(t.tag()).size() == fanOutLimit) fannedOutAgain(graph.followersOfTopic(t.tag()), byTopic.get(t.tag()));
    } else if (event instanceof GroupMemberJoined j) {
      backfill(j.userId(), byGroup.get(j.groupId()));
    } else if (event instanceof GroupMemberRemoved r) {
      prune(r.userId());
    }
  }

  /** Drops what no longer belongs on a materialised home list (after an unfollow, or leaving a group). */
  private void prune(String user) {
    LongList list = home.get(user);
    if (list != null) list.removeIf(id -> !relevant(user, posts.get(id)));
  }

  private void published(PostView post) {
    if (post == null) return;
    byAuthor.computeIfAbsent(post.author, k -> new LongList()).insertSorted(post.id);
    for (String tag : post.hashtags) byTopic.computeIfAbsent(tag, k -> new LongList()).insertSorted(post.id);
    if (post.group != null && groups.isPrivate(post.group)) for (String tag : post.hashtags) privateInTopic(tag, post.group, 1);
    if (post.group != null) {
      byGroup.computeIfAbsent(post.group, k -> new LongList()).insertSorted(post.id);
      if (groups.isPrivate(post.group)) privateByAuthor.computeIfAbsent(post.author, k -> new HashMap<>()).merge(post.group, 1, Integer::sum);
    }
    if (home.isEmpty()) return; // no home list is materialised yet (always so while rebuilding): nobody to push to
    // A reader reached twice (follows the author and a tag) gets one entry: push ignores repeats.
    push(post.author, post.id);
    if (post.group != null) {
      Groups.Group g = groups.get(post.group);
      if (g != null) fanOut(g.people().keySet(), post.id); // invitees and requesters are filtered out on read
      if (groups.isPrivate(post.group)) return; // a private group's post reaches its members only
    }
    Set<String> followers = graph.followersOf(post.author);
    if (followers.size() <= fanOutLimit) fanOut(followers, post.id);
    for (String tag : post.hashtags) {
      Set<String> tagFollowers = graph.followersOfTopic(tag);
      if (tagFollowers.size() <= fanOutLimit) fanOut(tagFollowers, post.id);
    }
  }

  /** Pushes to the audience's materialised home lists, walking whichever of the two sets is smaller. */
  private void fanOut(Set<String> audience, long id) {
    if (home.isEmpty() || audience.isEmpty()) return;
    if (home.size() < audience.size()) {
      for (Map.Entry<String, LongList> e : home.entrySet()) if (audience.contains(e.getKey())) push(e.getKey(), id);
    } else {
      for (String reader : audience) push(reader, id);
    }
  }

  private void retagged(PostView post, String[] previousTags) {
    if (post == null || previousTags == null) return;
    Set<String> now = Set.of(post.hashtags);
    for (String old : previousTags) {
      LongList topic = byTopic.get(old);
      if (now.contains(old) || topic == null || !topic.remove(post.id)) continue;
      if (post.group != null && groups.isPrivate(post.group)) privateInTopic(old, post.group, -1);
      for (String reader : graph.followersOfTopic(old)) {
        LongList list = home.get(reader);
        if (list != null && !relevant(reader, post)) list.remove(post.id);
      }
    }
    for (String tag : post.hashtags) {
      LongList list = byTopic.computeIfAbsent(tag, k -> new LongList());
      if (!list.contains(post.id)) {
        list.insertSorted(post.id);
        if (post.group != null && groups.isPrivate(post.group)) privateInTopic(tag, post.group, 1);
        Set<String> followers = graph.followersOfTopic(tag);
        if (followers.size() <= fanOutLimit) fanOut(followers, post.id);
      }
    }
  }

  private void privateInTopic(String tag, String group, int change) {
    Map<String, Integer> counts = privateByTopic.computeIfAbsent(tag, k -> new HashMap<>(2));
    if (counts.merge(group, change, Integer::sum) == 0) counts.remove(group);
    if (counts.isEmpty()) privateByTopic.remove(tag);
  }

  /**
   * How many of a topic's posts {@code viewer} may see: not deleted ones, nor those in private groups
   * they are not in. A count of posts nobody outside a group may read says something of the group.
   */
  private int visibleCount(String tag, LongList list, String viewer) {
    int n = list.size() - deletedByTopic.getOrDefault(tag, 0);
    Map<String, Integer> hidden = privateByTopic.get(tag);
    if (hidden != null) {
      for (Map.Entry<String, Integer> e : hidden.entrySet()) if (!groups.isMember(e.getKey(), viewer)) n -= e.getValue();
    }
    return n;
  }

  /** Whether a post belongs on a user's home timeline under the current follows and memberships. */
  private boolean relevant(String user, PostView post) {
    return Visibility.onHome(user, post, follows, groups);
  }

  private void push(String reader, long id) {
    LongList list = home.get(reader);
    if (list == null) return; // not materialised: the first read will include this post
    list.insertSorted(id);
    // Trim in steps, not per insert: shifting 800 entries on every push would dominate fan-out.
    // Entries past the bound are invisible to reads (see home()), so the bound holds exactly.
    if (list.size() > homeBound + Math.max(16, homeBound / 4)) list.removeFirst(list.size() - homeBound);
  }

  /**
   * An author or topic back at {@code fanOutLimit} followers is fanned out again, no longer merged
   * at read: the home lists built while it was merged at read lack its posts, so they get them now.
   */
  private void fannedOutAgain(Set<String> followers, LongList source) {
    if (home.isEmpty()) return;
    for (String reader : followers) backfill(reader, source);
  }

  private void backfill(String reader, LongList source) {
    LongList list = home.get(reader);
    if (source == null || list == null) return;
    list.mergeNewest(source, Math.max(0, source.size() - homeBound), source.size(), homeBound);
  }

  // ---------------------------------------------------------------- queries

  /**
   * A user's home: their own posts, posts by people and about topics they follow and in groups they
   * belong to, and posts the people they follow shared — each post once.
   */
  public Page home(String user, long before, int limit) {
    List<LongList> sources = new ArrayList<>();
    LongList own = home.computeIfAbsent(user, this::materialise);
    int ownFloor = own == null ? 0 : Math.max(0, own.size() - homeBound);
    if (own != null) sources.add(own);
    boolean sharesFollowed = false;
    for (String followee : graph.followedBy(user)) {
      if (graph.followersOf(followee).size() > fanOutLimit && byAuthor.containsKey(followee)) sources.add(byAuthor.get(followee));
      LongList shared = shares.bySharer(followee);
      if (shared != null) {
        sources.add(shared);
        sharesFollowed = true;
      }
    }
    for (String tag : graph.topicsFollowedBy(user)) {
      if (graph.followersOfTopic(tag).size() > fanOutLimit && byTopic.containsKey(tag)) sources.add(byTopic.get(tag));
    }
    Predicate<PostView> onHome = p -> relevant(user, p);
    return merge(sources, own == null ? 0 : ownFloor, before, limit, onHome, sharesFollowed ? user : null);
  }

  /**
   * Whether {@code share} is the one through which {@code viewer} sees its post: they may see the
   * post, it is not on their home in its own right, and no one else they follow shared it earlier.
   * So a post many of your colleagues spread reaches you once, always through the same share.
   */
  public boolean showsShare(String viewer, Shares.Share share) {
    PostView post = posts.get(share.postId());
    if (share.sharer().equals(viewer) || !follows.followsUser(viewer, share.sharer())) return false;
    if (!Visibility.maySee(viewer, post, groups) || relevant(viewer, post)) return false;
    for (Shares.Share s : shares.ofPost(share.postId())) {
      if (s.id() == share.id()) return true;
      if (!s.sharer().equals(viewer) && follows.followsUser(viewer, s.sharer())) return false;
    }
    return false;
  }

  /** A user's home list built from what they follow; fanned-out-on-read sources are left to {@link #home}. */
  private LongList materialise(String user) {
    LongList list = new LongList();
    addNewest(list, byAuthor.get(user));
    for (Groups.Group g : groups.memberOf(user)) if (!graph.mutes(user, g.id)) addNewest(list, byGroup.get(g.id));
    for (String followee : graph.followedBy(user)) {
      if (graph.followersOf(followee).size() <= fanOutLimit) addNewest(list, byAuthor.get(followee));
    }
    for (String tag : graph.topicsFollowedBy(user)) {
      if (graph.followersOfTopic(tag).size() <= fanOutLimit) addNewest(list, byTopic.get(tag));
    }
    return list;
  }

  private void addNewest(LongList target, LongList source) {
    if (source != null) target.mergeNewest(source, Math.max(0, source.size() - homeBound), source.size(), homeBound);
  }

  /** A person's posts that {@code viewer} may see. */
  public Page byAuthor(String author, String viewer, long before, int limit) {
    return visibleIn(byAuthor.get(author), viewer, before, limit);
  }

  /** A topic's posts that {@code viewer} may see. */
  public Page byTopic(String tag, String viewer, long before, int limit) {
    return visibleIn(byTopic.get(tag), viewer, before, limit);
  }

  /** A topic for completion: its name and how many posts carry it. */
  public record Topic(String name, int posts) {}

  /**
   * The ids of the posts carrying {@code tag}, in {@code group} or by {@code author} (whichever is
   * not null; deleted and private ones too), oldest first, or null for none: what a reader narrowed
   * to one of them may walk instead of everything. Under the read lock; the caller only reads it.
   */
  public LongList postsOf(String tag, String group, String author) {
    return tag != null ? byTopic.get(tag) : group != null ? byGroup.get(group) : author != null ? byAuthor.get(author) : null;
  }

  /** Every post (and reply) {@code author} ever published, deleted ones included, oldest first. */
  public long[] authoredBy(String author) {
    LongList list = byAuthor.get(author);
    return list == null ? new long[0] : list.toArray();
  }

  /**
   * Topics starting with {@code prefix} that {@code viewer} may see used (a post carrying it is
   * visible to them: a private group's topic is not suggested to outsiders), with how many of its
   * posts they may see, most first. For #topic completion while typing. Under the read lock.
   */
  public List<Topic> topicsStartingWith(String prefix, String viewer, int limit) {
    List<Topic> out = new ArrayList<>();
    for (Map.Entry<String, LongList> e : byTopic.entrySet()) {
      if (!e.getKey().startsWith(prefix)) continue;
      int visible = visibleCount(e.getKey(), e.getValue(), viewer);
      if (visible > 0) out.add(new Topic(e.getKey(), visible));
    }
    out.sort((a, b) -> a.posts() != b.posts() ? Integer.compare(b.posts(), a.posts()) : a.name().compareTo(b.name()));
    return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
  }

  /** A group's posts, if {@code viewer} may see them (the caller checks the group first). */
  public Page byGroup(String group, String viewer, long before, int limit) {
    return visibleIn(byGroup.get(group), viewer, before, limit);
  }

  private Page visibleIn(LongList list, String viewer, long before, int limit) {
    return merge(list == null ? List.of() : List.of(list), 0, before, limit, p -> Visibility.maySee(viewer, p, groups), null);
  }

  /** How many posts of {@code author}'s {@code viewer} may see (not deleted ones, nor those in private groups they are not in). */
  public int authoredCount(String author, String viewer) {
    LongList list = byAuthor.get(author);
    int n = (list == null ? 0 : list.size()) - deletedByAuthor.getOrDefault(author, 0);
    Map<String, Integer> hidden = privateByAuthor.get(author);
    if (hidden != null) {
      for (Map.Entry<String, Integer> e : hidden.entrySet()) if (!groups.isMember(e.getKey(), viewer)) n -= e.getValue();
    }
    return n;
  }

  /**
   * Newest first, ids strictly below {@code before}, only posts {@code show} accepts, no duplicates.
   *
   * @param firstFloor entries of the first source below this index are not read
   * @param shareViewer when sources hold share ids, the viewer to resolve them for; else null
   */
  private Page merge(List<LongList> sources, int firstFloor, long before, int limit, Predicate<PostView> show, String shareViewer) {
    int n = sources.size();
    int[] cursor = new int[n];
    int[] floor = new int[n];
    if (n > 0) floor[0] = firstFloor;
    for (int i = 0; i < n; i++) cursor[i] = sources.get(i).lowerBound(before) - 1;
    List<Entry> items = new ArrayList<>(limit);
    long last = Long.MAX_VALUE;
    long lastId = 0;
    while (items.size() < limit) {
      int best = -1;
      long bestId = -1;
      for (int i = 0; i < n; i++) {
        if (cursor[i] >= floor[i] && sources.get(i).get(cursor[i]) > bestId) {
          bestId = sources.get(i).get(cursor[i]);
          best = i;
        }
      }
      if (best < 0) break;
      cursor[best]--;
      if (bestId == last) continue;
      last = bestId;
      PostView post = posts.get(bestId);
      if (post != null) {
        if (show.test(post)) {
          items.add(new Entry(post, null));
          lastId = bestId;
        }
      } else if (shareViewer != null) {
        Shares.Share share = shares.get(bestId);
        if (share != null && showsShare(shareViewer, share)) {
          items.add(new Entry(posts.get(share.postId()), share.sharer()));
          lastId = bestId;
        }
      }
    }
    boolean more = false;
    for (int i = 0; i < n && !more; i++) more = cursor[i] >= floor[i];
    String next = items.size() == limit && more ? PostIds.format(lastId) : null;
    return new Page(items, next);
  }
}
