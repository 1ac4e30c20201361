package no.deling.topics;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import no.deling.core.projection.ReadLock;
import no.deling.follows.FollowGraph;
import no.deling.groups.Groups;
import no.deling.posts.PostContext;
import no.deling.posts.PostIndex;
import no.deling.users.People;
import no.deling.users.Person;
import no.deling.users.UserJson;

/** A topic's page as a viewer sees it: what it says of itself, who looks after it, what it pins. */
public final class TopicQueries {
  private final ReadLock lock;
  private final TopicStewards stewards;
  private final PostIndex posts;
  private final Groups groups;
  private final People people;
  private final FollowGraph follows;
  private final PostContext context;

  public TopicQueries(ReadLock lock, TopicStewards stewards, PostIndex posts, Groups groups, People people, FollowGraph follows, PostContext context) {
    this.lock = lock;
    this.stewards = stewards;
    this.posts = posts;
    this.groups = groups;
    this.people = people;
    this.follows = follows;
    this.context = context;
  }

  /**
   * The topic: its description, its owners still here (former colleagues answer nothing), how
   * many follow it and whether {@code viewer} does, and whether they own it.
   */
  public JsonObject about(String topic, String viewer) {
    return lock.read(() -> {
      JsonObject about = summaryOf(topic);
      return about.put("following", follows.followersOfTopic(topic).contains(viewer)).put("owner", ownedBy(topic, viewer));
    });
  }

  /** Does {@code user} look after {@code topic} now (an owner still here)? */
  public boolean looksAfter(String topic, String user) {
    return lock.read(() -> ownedBy(topic, user));
  }

  private boolean ownedBy(String topic, String user) {
    return activeOwners(List.of(topic)).stream().anyMatch(s -> s.user().equals(user));
  }

  /** {@code {"topic","description","owners","followers"}}: what a list of topics shows of one. */
  public JsonObject summary(String topic) {
    return lock.read(() -> summaryOf(topic));
  }

  private JsonObject summaryOf(String topic) {
    return summaryOf(topic, stewards, people, follows);
  }

  /** {@link #summary} from the read models themselves (the live stream renders it so). Under the read lock. */
  public static JsonObject summaryOf(String topic, TopicStewards stewards, People people, FollowGraph follows) {
    JsonArray owners = new JsonArray();
    for (Steward s : activeOwners(List.of(topic), stewards, people)) owners.add(UserJson.summary(s.user(), people.get(s.user())));
    String description = stewards.description(topic);
    return new JsonObject().put("topic", topic).put("description", description.isEmpty() ? null : description).put("owners", owners)
        .put("followers", follows.followersOfTopic(topic).size());
  }

  /** The active owners of each of {@code topics}, each once, in the order of the topics and then of appointment. Under the read lock. */
  public List<Steward> activeOwners(List<String> topics) {
    return activeOwners(topics, stewards, people);
  }

  private static List<Steward> activeOwners(List<String> topics, TopicStewards stewards, People people) {
    List<Steward> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String topic : topics) {
      for (String id : stewards.owners(topic)) {
        Person p = people.get(id);
        if (p != null && p.active() && seen.add(id)) out.add(new Steward(id, topic));
      }
    }
    return out;
  }

  /**
   * The directory of who looks after what: topics starting with {@code prefix} that have an owner
   * still here, alphabetically after {@code after} (null: from the first), each as {@link #summary}
   * has it ({@code limit} at most, and one more when there are more, for the caller to see).
   */
  public JsonArray lookedAfter(String prefix, String after, int limit) {
    return lock.read(() -> {
      List<String> topics = new ArrayList<>();
      for (String t : stewards.kept()) {
        if (t.startsWith(prefix) && (after == null || t.compareTo(after) > 0) && !activeOwners(List.of(t)).isEmpty()) topics.add(t);
      }
      Collections.sort(topics);
      JsonArray out = new JsonArray();
      for (String t : topics.subList(0, Math.min(limit + 1, topics.size()))) out.add(summaryOf(t));
      return out;
    });
  }

  /**
   * The open offers to look after {@code topic} from colleagues still here, the oldest first: each
   * {@code {"user","note","at"}} (note null for none). What an admin chooses new owners from.
   */
  public JsonArray offers(String topic) {
    return lock.read(() -> offersOf(topic));
  }

  private JsonArray offersOf(String topic) {
    JsonArray out = new JsonArray();
    for (TopicStewards.Offered o : stewards.offers(topic)) {
      if (stillHere(o.user())) out.add(new JsonObject().put("user", UserJson.summary(o.user(), people.get(o.user()))).mergeIn(offerJson(o)));
    }
    return out;
  }

  /** {@code {"note","at"}} of an offer. */
  private static JsonObject offerJson(TopicStewards.Offered o) {
    return new JsonObject().put("note", o.note().isEmpty() ? null : o.note()).put("at", java.time.Instant.ofEpochMilli(o.at()).toString());
  }

  /** A former colleague's offer lapses with them: nobody sees it, and it holds no place. */
  private boolean stillHere(String user) {
    Person p = people.get(user);
    return p != null && p.active();
  }

  /** Those whose offers to look after {@code topic} lapsed as they left (deactivated or erased): no admin sees them to answer. */
  public Set<String> lapsedOffers(String topic) {
    return lock.read(() -> {
      Set<String> out = new HashSet<>();
      for (TopicStewards.Offered o : stewards.offers(topic)) if (!stillHere(o.user())) out.add(o.user());
      return out;
    });
  }

  /** {@code viewer}'s own open offer to look after {@code topic}, {@code {"note","at"}}, or null. */
  public JsonObject offerOf(String topic, String viewer) {
    return lock.read(() -> {
      for (TopicStewards.Offered o : stewards.offers(topic)) if (o.user().equals(viewer)) return offerJson(o);
      return null;
    });
  }

  /**
   * Topics with open offers from colleagues still here, the one waiting longest first, each as
   * {@link #summary} has it with its {@code offers}, from the {@code from}-th ({@code limit} at most,
   * and one more when there are more, for the caller to see): the admins' queue.
   */
  public JsonArray offered(int from, int limit) {
    return lock.read(() -> {
      List<String> topics = new ArrayList<>();
      java.util.Map<String, Long> since = new java.util.HashMap<>();
      for (String t : stewards.kept()) {
        // the oldest open offer from someone still here
        stewards.offers(t).stream().filter(o -> stillHere(o.user())).findFirst().ifPresent(o -> {
          topics.add(t);
          since.put(t, o.at());
        });
      }
      topics.sort(java.util.Comparator.comparing((String t) -> since.get(t)).thenComparing(t -> t));
      JsonArray out = new JsonArray();
      for (String t : topics.subList(Math.min(from, topics.size()), Math.min(from + limit + 1, topics.size()))) {
        out.add(summaryOf(t).put("offers", offersOf(t)));
      }
      return out;
    });
  }

  /** An owner of a topic. */
  public record Steward(String user, String topic) {}

  /** The topics {@code user} looks after, alphabetically; none for a former colleague (deactivated or erased), as on the topics' pages. */
  public JsonArray ownedBy(String user) {
    return lock.read(() -> {
      Person p = people.get(user);
      return p == null || !p.active() ? new JsonArray() : new JsonArray(new ArrayList<>(stewards.ownedBy(user)));
    });
  }

  /** {@code "pinned":[…],}: the topic's pinned posts {@code viewer} may see, the latest pinned first. Under the read lock. */
  public void writePinned(Buffer out, OutputStream sink, String viewer, String topic) {
    no.deling.posts.PinnedList.write(out, sink, viewer, stewards.pinned(topic), posts, groups, context);
  }

  /** The topic's pinned posts that are gone (deleted, or never seen here), which hold no place among the pinned. */
  public Set<String> gone(String topic) {
    return lock.read(() -> no.deling.posts.PinnedList.gone(stewards.pinned(topic), posts));
  }
}
