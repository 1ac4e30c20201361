package no.deling.follows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import no.deling.core.projection.ReadLock;
import no.deling.users.People;
import no.deling.users.UserJson;

/** What routes may ask about who follows whom and what. */
public final class FollowQueries {
  private final ReadLock lock;
  private final FollowGraph follows;
  private final People people;
  private final WhoToFollow whoToFollow;
  private final TopicsToFollow topicsToFollow;

  public FollowQueries(ReadLock lock, FollowGraph follows, People people, WhoToFollow whoToFollow, TopicsToFollow topicsToFollow) {
    this.lock = lock;
    this.follows = follows;
    this.people = people;
    this.whoToFollow = whoToFollow;
    this.topicsToFollow = topicsToFollow;
  }

  /** Topics a suggestion lists at most. */
  static final int TOPICS = 5;

  /**
   * {@code {"items":[{"user":summary,"reasons":{…}}],"topics":[{"tag","reasons":{…}}]}}: colleagues
   * and topics {@code viewer} might follow, the best first, each with why (see {@link WhoToFollow}
   * and {@link TopicsToFollow}); a client words the reasons itself.
   */
  public JsonObject suggestionsFor(String viewer, long nowMillis, int limit) {
    return lock.read(() -> {
      List<no.deling.posts.PostView> inMyGroups = whoToFollow.recentInGroups(viewer, nowMillis);
      JsonArray items = new JsonArray();
      for (WhoToFollow.Suggestion s : whoToFollow.suggest(viewer, nowMillis, limit, inMyGroups)) {
        JsonObject user = UserJson.summary(s.person().id(), s.person());
        if (s.person().title() != null) user.put("title", s.person().title());
        items.add(new JsonObject().put("user", user).put("reasons", new JsonObject().put("repliedToMe", s.repliedToMe())
            .put("endorsedMyPosts", s.endorsedMyPosts()).put("postsInMyTopics", s.postsInMyTopics()).put("postsInMyGroups", s.postsInMyGroups())
            .put("sameDepartment", s.sameDepartment())));
      }
      JsonArray topics = new JsonArray();
      for (TopicsToFollow.Suggestion t : topicsToFollow.suggest(viewer, nowMillis, TOPICS, inMyGroups)) {
        topics.add(new JsonObject().put("tag", t.tag()).put("reasons", new JsonObject().put("colleagues", t.colleagues())
            .put("postsByPeopleIFollow", t.fromPeopleIFollow()).put("postsInMyGroups", t.inMyGroups())));
      }
      return new JsonObject().put("items", items).put("topics", topics);
    });
  }

  /** {@code {"users":[summaries],"topics":[…],"mutedGroups":[ids]}}: whom and what {@code user} follows, and the groups they keep off their home, sorted. */
  public JsonObject followedBy(String user) {
    return lock.read(() -> {
      JsonArray users = new JsonArray();
      for (String id : new TreeSet<>(follows.followedBy(user))) users.add(UserJson.summary(id, people));
      return new JsonObject().put("users", users).put("topics", new JsonArray(new ArrayList<>(new TreeSet<>(follows.topicsFollowedBy(user)))))
          .put("mutedGroups", new JsonArray(new ArrayList<>(new TreeSet<>(follows.groupsMutedBy(user)))));
    });
  }

  /**
   * A page of {@code user}'s followers by id after {@code after} (null: from the start): {@code
   * {"items":[summaries],"next":id|null}}; null when the user is not in the directory.
   */
  public JsonObject followersOf(String user, String after, int limit) {
    return lock.read(() -> {
      if (!people.exists(user)) return null;
      TreeSet<String> sorted = new TreeSet<>(follows.followersOf(user));
      JsonArray items = new JsonArray();
      String last = null;
      for (String id : after == null ? sorted : sorted.tailSet(after, false)) {
        if (items.size() == limit) break;
        items.add(UserJson.summary(id, people));
        last = id;
      }
      boolean more = last != null && sorted.higher(last) != null && items.size() == limit;
      return new JsonObject().put("items", items).put("next", more ? last : null);
    });
  }
}
