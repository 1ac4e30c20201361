package no.deling.users;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.collections.Interner;

/**
 * The directory as the read side sees it: every person known from tokens or from SCIM, the
 * people search index over the active ones, and how many active people each department has (the
 * audience of an announcement). Fed by the projection thread; query under the read lock, except
 * {@link #get} and {@link #exists}, which any thread may call without it.
 */
public final class People {
  /**
   * Concurrent, so that one person is looked up without the read lock: every request does so (to
   * compare its token's claims with the profile), and under the lock the event loop stood still
   * for a tenth of its time while the projection applied a batch. A person is an immutable value
   * replaced whole, so a lookup sees the profile before an event or after it, never half of one.
   */
  private final Map<String, Person> byId = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Integer> activeByDepartment = new HashMap<>();
  /** Who reports to whom, as the directory says (manager id → their direct reports' ids): the org chart's one step down. */
  private final Map<String, java.util.Set<String>> reportsOf = new HashMap<>();
  /** Integrations as their posts show them (by their author id): never searched, counted or logged in. */
  private final Map<String, Person> apps = new java.util.concurrent.ConcurrentHashMap<>();
  /** Derived from {@link #byId}: not written to a snapshot, and indexed again (lazily) after one is read. */
  private transient PeopleSearch search = new PeopleSearch();
  /**
   * Active people whose last recorded token made them admins: whom the server tells what waits for
   * an admin (offers to look after a topic, reported posts). Derived from {@link #byId} as {@link #search} is.
   */
  private transient java.util.Set<String> admins = new java.util.HashSet<>();
  /** The same for leaders, by their department (lower case): whom an idea from their department reaches as it rises. */
  private transient Map<String, java.util.Set<String>> leadersByDepartment = new HashMap<>();
  private final Interner interner;
  private int active;

  public People(Interner interner) {
    this.interner = interner;
  }

  /** Read back from a snapshot: the search index is built again from the people (at the first search). */
  public void restored() {
    search = new PeopleSearch();
    admins = new java.util.HashSet<>();
    leadersByDepartment = new HashMap<>();
    byId.forEach((id, person) -> {
      if (person.active()) search.replace(id, person);
      if (isAdmin(person)) admins.add(id);
      if (isLeader(person)) leadersByDepartment.computeIfAbsent(departmentKey(person), k -> new java.util.HashSet<>(4)).add(id);
    });
  }

  public void on(DomainEvent event) {
    if (event instanceof no.deling.integrations.IntegrationEvent.IntegrationCreated c) {
      String id = no.deling.integrations.Integrations.author(c.integrationId());
      apps.put(id, new Person(id, c.name(), null, null, null, null, false, true, c.at(), c.at(), 1, false, null, null, Roles.NONE, null));
    }
    if (event instanceof no.deling.files.FileEvent.FileDeleted deleted) {
      Person owner = byId.get(deleted.by());
      // a photo whose file its owner deleted is no photo any more
      if (owner != null && deleted.fileId().equals(owner.photo())) byId.put(owner.id(), owner.withPhoto(null));
      return;
    }
    if (event instanceof PhotoEvent photo) {
      String id = interner.intern(photo.userId());
      Person before = byId.get(id);
      // a new object: what is cached of the person's posts (their author) is made again
      Person after = (before == null ? Person.unknown(id) : before).withPhoto(photo instanceof PhotoEvent.ProfilePhotoSet set ? set.fileId() : null);
      byId.put(id, after);
      if (after.active()) search.replace(id, after);
      return;
    }
    if (!(event instanceof UserEvent u)) return;
    String id = interner.intern(u.userId());
    Person before = byId.get(id);
    Person after = (before == null ? Person.unknown(id) : before).evolve(u);
    after = new Person(id, after.displayName(), interner.intern(after.department()), interner.intern(after.location()), after.title(),
        after.directory(), after.provisioned(), after.active(), after.created(), after.lastModified(), after.version(), after.erased(), after.photo(), after.email(), after.roles(),
        after.claimsIssuedAt());
    byId.put(id, after);
    if (isAdmin(after)) admins.add(id);
    else admins.remove(id);
    if (before != null && isLeader(before)) {
      java.util.Set<String> leaders = leadersByDepartment.get(departmentKey(before));
      if (leaders != null && leaders.remove(id) && leaders.isEmpty()) leadersByDepartment.remove(departmentKey(before));
    }
    if (isLeader(after)) leadersByDepartment.computeIfAbsent(departmentKey(after), k -> new java.util.HashSet<>(4)).add(id);
    String managerBefore = before == null || before.directory() == null ? null : before.directory().manager();
    String managerAfter = after.directory() == null ? null : after.directory().manager();
    if (!java.util.Objects.equals(managerBefore, managerAfter)) {
      if (managerBefore != null) {
        java.util.Set<String> reports = reportsOf.get(managerBefore);
        if (reports != null && reports.remove(id) && reports.isEmpty()) reportsOf.remove(managerBefore);
      }
      if (managerAfter != null) reportsOf.computeIfAbsent(interner.intern(managerAfter), k -> new java.util.HashSet<>(4)).add(id);
    }
    if (before != null && before.active()) count(before.department(), -1);
    if (after.active()) count(after.department(), +1);
    if ((before != null && before.active()) || after.active()) search.replace(id, after.active() ? after : null);
  }

  private static boolean isAdmin(Person p) {
    return p.active() && !p.erased() && p.roles().admin();
  }

  private static boolean isLeader(Person p) {
    return p.active() && !p.erased() && p.roles().leader() && p.department() != null;
  }

  private static String departmentKey(Person p) {
    return p.department().toLowerCase(Locale.ROOT);
  }

  /** The leaders (as their last tokens said) of {@code department}, compared without case, in no particular order. Under the read lock. */
  public java.util.Set<String> leadersIn(String department) {
    java.util.Set<String> leaders = department == null ? null : leadersByDepartment.get(department.toLowerCase(Locale.ROOT));
    return leaders == null ? java.util.Set.of() : java.util.Collections.unmodifiableSet(leaders);
  }

  /** Who to tell what waits for an admin (see {@link #admins}), in no particular order. Under the read lock. */
  public java.util.Set<String> admins() {
    return java.util.Collections.unmodifiableSet(admins);
  }

  private void count(String department, int delta) {
    active += delta;
    if (department == null) return;
    activeByDepartment.merge(department.toLowerCase(Locale.ROOT), delta, (a, b) -> a + b == 0 ? null : a + b);
  }

  /** The ids of those the directory says report to {@code manager} (active or not: the caller decides). Under the read lock. */
  public java.util.Set<String> reportsOf(String manager) {
    java.util.Set<String> reports = reportsOf.get(manager);
    return reports == null ? java.util.Set.of() : java.util.Collections.unmodifiableSet(reports);
  }

  /** The person, or null if nobody by this id was ever described. Safe without the read lock. */
  public Person get(String id) {
    Person p = byId.get(id);
    return p == null && no.deling.integrations.Integrations.isApp(id) ? apps.get(id) : p;
  }

  /** Known at all: from the directory, or from a login. Former colleagues are known too. Safe without the read lock. */
  public boolean exists(String id) {
    return byId.containsKey(id);
  }

  /** False only for someone known and deactivated (or deleted from the directory). */
  public boolean mayLogIn(String id) {
    Person p = byId.get(id);
    return p == null || p.active();
  }

  public int size() {
    return byId.size();
  }

  public int activeCount() {
    return active;
  }

  /** Active people whose department is {@code department}, compared without case. */
  public int activeInDepartment(String department) {
    return activeByDepartment.getOrDefault(department.toLowerCase(Locale.ROOT), 0);
  }

  /** All known people, in no particular order (SCIM lists filter and page these). */
  public Iterable<Person> all() {
    return byId.values();
  }

  /** Active people matching every word of {@code query} by prefix; see {@link PeopleSearch}. */
  public List<Person> search(String query, int limit) {
    return search.find(query, limit);
  }

  /** The same without the answer cache (for measuring the search itself). */
  public List<Person> searchUncached(String query, int limit) {
    return search.search(query, limit);
  }
}
