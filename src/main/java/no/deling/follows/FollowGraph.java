package no.deling.follows;

import it.unimi.dsi.fastutil.objects.ObjectOpenHashSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import no.deling.core.events.DomainEvent;
import no.deling.follows.FollowEvent.TopicFollowed;
import no.deling.follows.FollowEvent.TopicUnfollowed;
import no.deling.follows.FollowEvent.UserFollowed;
import no.deling.follows.FollowEvent.UserUnfollowed;
import no.deling.core.collections.Interner;

/**
 * Who follows whom, and who follows which topic, in both directions. The sets are open-addressing
 * (no entry object per member): a follow is two set entries, and there are many follows.
 */
public final class FollowGraph {
  private final Map<String, Set<String>> followers = new HashMap<>();
  private final Map<String, Set<String>> following = new HashMap<>();
  private final Map<String, Set<String>> topicFollowers = new HashMap<>();
  private final Map<String, Set<String>> topicsFollowed = new HashMap<>();
  /** Each person's groups whose posts they keep off their home. */
  private final Map<String, Set<String>> mutedGroups = new HashMap<>();
  private final Interner interner;

  public FollowGraph(Interner interner) {
    this.interner = interner;
  }

  /** @return true when the event changed the graph (false for a repeat seen after a restart) */
  public boolean on(DomainEvent event) {
    if (event instanceof UserFollowed e) {
      return link(following, followers, e.follower(), e.followee(), true);
    } else if (event instanceof UserUnfollowed e) {
      return link(following, followers, e.follower(), e.followee(), false);
    } else if (event instanceof TopicFollowed e) {
      return link(topicsFollowed, topicFollowers, e.follower(), e.tag(), true);
    } else if (event instanceof TopicUnfollowed e) {
      return link(topicsFollowed, topicFollowers, e.follower(), e.tag(), false);
    } else if (event instanceof FollowEvent.GroupMuted e) {
      return mutedGroups.computeIfAbsent(interner.intern(e.follower()), k -> new ObjectOpenHashSet<>(2)).add(interner.intern(e.groupId()));
    } else if (event instanceof FollowEvent.GroupUnmuted e) {
      Set<String> muted = mutedGroups.get(e.follower());
      boolean changed = muted != null && muted.remove(e.groupId());
      if (muted != null && muted.isEmpty()) mutedGroups.remove(e.follower());
      return changed;
    }
    return false;
  }

  private boolean link(Map<String, Set<String>> out, Map<String, Set<String>> in, String from, String to, boolean add) {
    String f = interner.intern(from);
    String t = interner.intern(to);
    if (add) {
      boolean changed = out.computeIfAbsent(f, k -> new ObjectOpenHashSet<>(4)).add(t);
      in.computeIfAbsent(t, k -> new ObjectOpenHashSet<>(4)).add(f);
      return changed;
    }
    Set<String> o = out.get(f);
    boolean changed = o != null && o.remove(t);
    Set<String> i = in.get(t);
    if (i != null) i.remove(f);
    return changed;
  }

  public Set<String> followersOf(String user) {
    return view(followers.get(user));
  }

  public Set<String> followedBy(String user) {
    return view(following.get(user));
  }

  public Set<String> followersOfTopic(String tag) {
    return view(topicFollowers.get(tag));
  }

  public Set<String> topicsFollowedBy(String user) {
    return view(topicsFollowed.get(user));
  }

  /** The groups whose posts {@code user} keeps off their home. */
  public Set<String> groupsMutedBy(String user) {
    return view(mutedGroups.get(user));
  }

  public boolean mutes(String user, String group) {
    Set<String> muted = mutedGroups.get(user);
    return muted != null && muted.contains(group);
  }

  private static Set<String> view(Set<String> s) {
    return s == null ? Set.of() : Collections.unmodifiableSet(s);
  }
}
