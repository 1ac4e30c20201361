package no.deling.users;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import no.deling.core.projection.ReadLock;
import no.deling.follows.FollowGraph;
import no.deling.timelines.Timelines;

/** What routes may ask about people; each answer is read under the lock in one go. */
public final class PeopleQueries {
  /** Direct reports a profile lists at most (a profile is not the org chart's export). */
  static final int MAX_REPORTS = 100;
  private final ReadLock lock;
  private final People people;
  private final FollowGraph follows;
  private final Timelines timelines;

  public PeopleQueries(ReadLock lock, People people, FollowGraph follows, Timelines timelines) {
    this.lock = lock;
    this.people = people;
    this.follows = follows;
    this.timelines = timelines;
  }

  /** Is this person in the directory (active or former)? */
  public boolean exists(String id) {
    return people.exists(id); // without the lock: see People#byId
  }

  /** The person, or null. */
  public Person person(String id) {
    return people.get(id); // without the lock: see People#byId
  }

  /** How many active people there are, in all or in one department. */
  public int activeCount(String departmentOrNull) {
    return lock.read(() -> departmentOrNull == null ? people.activeCount() : people.activeInDepartment(departmentOrNull));
  }

  /** The ids of everyone erased. */
  public List<String> erased() {
    return lock.read(() -> {
      List<String> out = new ArrayList<>();
      for (Person p : people.all()) if (p.erased()) out.add(p.id());
      return out;
    });
  }

  /** Everyone in the directory, by id (a copy). */
  public List<Person> everyone() {
    return lock.read(() -> {
      List<Person> all = new ArrayList<>();
      for (Person p : people.all()) all.add(p);
      return all;
    });
  }

  /**
   * The profile with its social counts as {@code viewer} sees it (the post count includes only
   * posts they may see), or null for someone not in the directory.
   */
  public JsonObject profile(String id, String viewer) {
    return lock.read(() -> {
      Person p = people.get(id);
      if (p == null) return null;
      JsonObject o = UserJson.profile(p);
      if (p.directory() != null && p.directory().manager() != null) o.put("manager", UserJson.summary(p.directory().manager(), people));
      // their direct reports still here, by name: the org chart one step down, as the directory has it
      List<Person> reports = new ArrayList<>();
      for (String r : people.reportsOf(id)) {
        Person report = people.get(r);
        if (report != null && report.active()) reports.add(report);
      }
      reports.sort(java.util.Comparator.comparing(Person::name, String.CASE_INSENSITIVE_ORDER).thenComparing(Person::id));
      JsonArray listed = new JsonArray();
      for (Person report : reports.subList(0, Math.min(MAX_REPORTS, reports.size()))) listed.add(UserJson.summary(report.id(), report));
      o.put("reports", listed);
      return o.put("followers", follows.followersOf(id).size())
          .put("following", follows.followedBy(id).size())
          .put("topics", follows.topicsFollowedBy(id).size())
          .put("posts", timelines.authoredCount(id, viewer));
    });
  }

  /**
   * Everything the profile holds about {@code me}, for their export: the profile, the directory's
   * record, and whom and what they follow (ids, sorted).
   */
  public JsonObject ownProfile(String me) {
    return lock.read(() -> {
      Person p = people.get(me);
      JsonObject o = p == null ? new JsonObject().put("id", me) : UserJson.profile(p);
      if (p != null && p.directory() != null) o.put("directory", JsonObject.mapFrom(p.directory()));
      if (p == null) return o;
      return o.put("following", new JsonArray(follows.followedBy(me).stream().sorted().toList()))
          .put("topics", new JsonArray(follows.topicsFollowedBy(me).stream().sorted().toList()));
    });
  }

  /** Active people whose words start with every word of {@code q}, as profiles; see {@link PeopleSearch}. */
  public JsonArray matching(String q, int limit) {
    return lock.read(() -> {
      JsonArray out = new JsonArray();
      for (Person p : people.search(q, limit)) out.add(UserJson.profile(p));
      return out;
    });
  }

  /** Summaries ({@link UserJson#summary}) of these people, in the order given. */
  public JsonArray summaries(Iterable<String> ids) {
    return lock.read(() -> {
      JsonArray out = new JsonArray();
      for (String id : ids) out.add(UserJson.summary(id, people));
      return out;
    });
  }
}
