package no.deling.timelines;

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
import no.deling.posts.PostEvent.PostEdited;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;

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
public final class Timelines {
  public record Page(List<PostView> items, String next) {}

  private final int homeBound;
  private final int fanOutLimit;
  private final PostIndex posts;
  private final FollowGraph graph;
  /** Written by the projection (under the write lock) and materialised by readers (under the read lock). */
  private final Map<String, LongList> home = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, LongList> byAuthor = new HashMap<>();
  private final Map<String, LongList> byTopic = new HashMap<>();

  public Timelines(int homeBound, int fanOutLimit, PostIndex posts, FollowGraph graph) {
    this.homeBound = homeBound;
    this.fanOutLimit = fanOutLimit;
    this.posts = posts;
    this.graph = graph;
  }

  /**
   * Call after {@link PostIndex} and {@link FollowGraph} have seen the event.
   *
   * @param graphChanged whether the follow graph changed (false for a replayed duplicate)
   * @param previousTags for an edit, the post's hashtags before it
   * @param post for a post event, the post as {@link PostIndex} now has it (null when unknown)
   */
  public void on(DomainEvent event, boolean graphChanged, String[] previousTags, PostView post) {
    if (event instanceof PostPublished) {
      published(post);
    } else if (event instanceof PostEdited) {
      retagged(post, previousTags);
    } else if (graphChanged && event instanceof UserFollowed f) {
      backfill(f.follower(), byAuthor.get(f.followee()));
    } else if (graphChanged && event instanceof TopicFollowed f) {
      backfill(f.follower(), byTopic.get(f.tag()));
    } else if (graphChanged && (event instanceof UserUnfollowed || event instanceof TopicUnfollowed)) {
      String user = event instanceof UserUnfollowed u ? u.follower() : ((TopicUnfollowed) event).follower();
      LongList list = home.get(user);
      if (list != null) list.removeIf(id -> !relevant(user, posts.get(id)));
    }
  }

  private void published(PostView post) {
    if (post == null) return;
    byAuthor.computeIfAbsent(post.author, k -> new LongList()).insertSorted(post.id);
    for (String tag : post.hashtags) byTopic.computeIfAbsent(tag, k -> new LongList()).insertSorted(post.id);
    if (home.isEmpty()) return; // no home list is materialised yet (always so while rebuilding): nobody to push to
    // A reader reached twice (follows the author and a tag) gets one entry: push ignores repeats.
    push(post.author, post.id);
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
      for (String reader : graph.followersOfTopic(old)) {
        LongList list = home.get(reader);
        if (list != null && !relevant(reader, post)) list.remove(post.id);
      }
    }
    for (String tag : post.hashtags) {
      LongList list = byTopic.computeIfAbsent(tag, k -> new LongList());
      if (!list.contains(post.id)) {
        list.insertSorted(post.id);
        Set<String> followers = graph.followersOfTopic(tag);
        if (followers.size() <= fanOutLimit) fanOut(followers, post.id);
      }
    }
  }

  /** Whether a post belongs on a user's home timeline under the current follow graph. */
  private boolean relevant(String user, PostView post) {
    if (post == null) return false;
    if (post.author.equals(user) || graph.followedBy(user).contains(post.author)) return true;
    Set<String> topics = graph.topicsFollowedBy(user);
    for (String tag : post.hashtags) if (topics.contains(tag)) return true;
    return false;
  }

  private void push(String reader, long id) {
    LongList list = home.get(reader);
    if (list == null) return; // not materialised: the first read will include this post
    list.insertSorted(id);
    // Trim in steps, not per insert: shifting 800 entries on every push would dominate fan-out.
    // Entries past the bound are invisible to reads (see home()), so the bound holds exactly.
    if (list.size() > homeBound + Math.max(16, homeBound / 4)) list.removeFirst(list.size() - homeBound);
  }

  private void backfill(String reader, LongList source) {
    LongList list = home.get(reader);
    if (source == null || list == null) return;
    list.mergeNewest(source, Math.max(0, source.size() - homeBound), source.size(), homeBound);
  }

  // ---------------------------------------------------------------- queries

  public Page home(String user, long before, int limit) {
    List<LongList> sources = new ArrayList<>();
    LongList own = home.computeIfAbsent(user, this::materialise);
    int ownFloor = own == null ? 0 : Math.max(0, own.size() - homeBound);
    if (own != null) sources.add(own);
    for (String followee : graph.followedBy(user)) {
      if (graph.followersOf(followee).size() > fanOutLimit && byAuthor.containsKey(followee)) sources.add(byAuthor.get(followee));
    }
    for (String tag : graph.topicsFollowedBy(user)) {
      if (graph.followersOfTopic(tag).size() > fanOutLimit && byTopic.containsKey(tag)) sources.add(byTopic.get(tag));
    }
    return merge(sources, own == null ? 0 : ownFloor, before, limit);
  }

  /** A user's home list built from what they follow; fanned-out-on-read sources are left to {@link #home}. */
  private LongList materialise(String user) {
    LongList list = new LongList();
    addNewest(list, byAuthor.get(user));
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

  public Page byAuthor(String author, long before, int limit) {
    LongList list = byAuthor.get(author);
    return merge(list == null ? List.of() : List.of(list), 0, before, limit);
  }

  public Page byTopic(String tag, long before, int limit) {
    LongList list = byTopic.get(tag);
    return merge(list == null ? List.of() : List.of(list), 0, before, limit);
  }

  public int authoredCount(String author) {
    LongList list = byAuthor.get(author);
    return list == null ? 0 : list.size();
  }

  /**
   * Newest first, ids strictly below {@code before}, skipping deleted posts and duplicates.
   *
   * @param firstFloor entries of the first source below this index are not read
   */
  private Page merge(List<LongList> sources, int firstFloor, long before, int limit) {
    int n = sources.size();
    int[] cursor = new int[n];
    int[] floor = new int[n];
    if (n > 0) floor[0] = firstFloor;
    for (int i = 0; i < n; i++) cursor[i] = sources.get(i).lowerBound(before) - 1;
    List<PostView> items = new ArrayList<>(limit);
    long last = Long.MAX_VALUE;
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
      if (post != null && !post.deleted) items.add(post);
    }
    boolean more = false;
    for (int i = 0; i < n && !more; i++) more = cursor[i] >= floor[i];
    String next = items.size() == limit && more ? PostIds.format(items.get(items.size() - 1).id) : null;
    return new Page(items, next);
  }
}
