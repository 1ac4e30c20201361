package no.deling.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import no.deling.support.ModelRuns;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;

/**
 * Model-based: a private group's life among six people the directory provisions — invitations,
 * requests, approvals, leaving and removals, owners made and stepping down, archiving, posts,
 * announcements to the group with acknowledgements and withdrawals, and the directory deactivating
 * and reactivating people (who then cannot act at all) — against a real server and a model of a
 * few lines. Every answer is the model's (done, or refused with a 4xx that changed nothing), and
 * afterwards every role, the member count, whether it is archived, what is pinned on each person's
 * home, who may read each announcement and its reach are the model's: while running, after a
 * restart from the snapshot, and after a replay of the whole log. The model's one rule beyond the
 * group's own: a group with an active member always has an active owner (the member in it longest).
 */
class GroupModelTest {
  private static final List<String> PEOPLE = List.of("ga", "gb", "gc", "gd", "ge", "gf");
  private static final String SCIM = "scim-token-for-the-group-model-0123";
  private static final Map<String, String> ENV = Map.of("DELING_WRITE_RATE", "0", "DELING_SCIM_TOKEN", SCIM);

  enum Role { OWNER, MEMBER, INVITED, REQUESTED }

  /** One step: who does what, to whom (a person) or to which announcement (an index, wrapped). */
  record Step(String who, String what, String whom, int k) {}

  static final class Announcement {
    final String id;
    final String author;
    boolean withdrawn;
    final Set<String> acknowledged = new HashSet<>();

    Announcement(String id, String author) {
      this.id = id;
      this.author = author;
    }
  }

  /** The group and the directory as the model has them. */
  static final class Model {
    /** In the order each person first got a role; a removal forgets the place. */
    final LinkedHashMap<String, Role> roles = new LinkedHashMap<>();
    final Map<String, Boolean> active = new HashMap<>();
    final List<Announcement> announcements = new ArrayList<>();
    boolean archived;

    boolean isMember(String p) {
      return roles.get(p) == Role.OWNER || roles.get(p) == Role.MEMBER;
    }

    boolean anotherActiveOwner(String user) {
      return roles.entrySet().stream().anyMatch(e -> e.getValue() == Role.OWNER && !e.getKey().equals(user) && active.get(e.getKey()));
    }

    /** Nobody still here runs a group with someone still in it: the active member in it longest takes it on. */
    void succession() {
      if (archived || roles.entrySet().stream().anyMatch(e -> e.getValue() == Role.OWNER && active.get(e.getKey()))) return;
      roles.entrySet().stream().filter(e -> e.getValue() == Role.MEMBER && active.get(e.getKey())).findFirst()
          .ifPresent(e -> e.setValue(Role.OWNER));
    }

    boolean inAudience(Announcement a, String p) {
      return !a.author.equals(p) && active.get(p) && isMember(p);
    }
  }

  @Provide
  Arbitrary<List<Step>> lives() {
    Arbitrary<Step> step = Combinators.combine(Arbitraries.of(PEOPLE),
        Arbitraries.of("invite", "invite", "invite", "join", "join", "request", "request", "remove", "leave", "promote", "promote", "demote",
            "demote", "archive", "post", "announce", "announce", "ack", "ack", "ack", "withdraw", "deactivate", "deactivate", "reactivate",
            "reactivate"),
        Arbitraries.of(PEOPLE), Arbitraries.integers().between(0, 1_000)).as(Step::new);
    return step.list().ofMinSize(30).ofMaxSize(90);
  }

  @Property(tries = 12)
  void aGroupsLife_leavesWhatTheModelSays_whileRunning_afterARestart_andAfterAReplay(@ForAll("lives") List<Step> steps) throws Exception {
    Model m = new Model();
    String[] group = new String[1];
    ModelRuns.playThenCheckThrice("deling-group-model", ENV, s -> {
      for (String p : PEOPLE) {
        assertThat(s.scim(HttpMethod.POST, "/Users", SCIM, new JsonObject().put("userName", p).put("displayName", p.toUpperCase())).status())
            .isEqualTo(201);
        m.active.put(p, true);
      }
      group[0] = s.post("/api/groups", s.token("ga"), new JsonObject().put("name", "Model group").put("access", "private")).json().getString("id");
      m.roles.put("ga", Role.OWNER);
      int n = 0;
      for (Step step : steps) apply(s, group[0], m, step, n++);
    }, (s, when) -> assertAsModelled(s, group[0], m, when));
  }

  /**
   * Mostly someone the step can work for — an owner still here to invite, promote, demote, remove,
   * archive or announce; someone invited to join; someone in an announcement's audience to
   * acknowledge it — and every third time whoever the step drew, whom the rules may refuse.
   */
  private static String actor(Model m, Step step) {
    if (step.k() % 3 == 0) return step.who();
    List<String> fit = switch (step.what()) {
      case "invite", "promote", "demote", "remove", "archive", "announce" -> PEOPLE.stream()
          .filter(p -> m.roles.get(p) == Role.OWNER && m.active.get(p)).toList();
      case "join" -> PEOPLE.stream().filter(p -> m.roles.get(p) == Role.INVITED).toList();
      case "post", "leave" -> PEOPLE.stream().filter(m::isMember).toList();
      case "ack" -> m.announcements.isEmpty() ? List.of()
          : PEOPLE.stream().filter(p -> m.inAudience(m.announcements.get(step.k() % m.announcements.size()), p)).toList();
      default -> List.of();
    };
    return fit.isEmpty() ? step.who() : fit.get(step.k() % fit.size());
  }

  /** Does the step on the server and in the model; the server's outcome must be the model's. */
  private static void apply(TestServer s, String group, Model m, Step step, int n) {
    String who = actor(m, step);
    String whom = step.whom();
    String token = s.token(who);
    String members = "/api/groups/" + group + "/members/";
    Role mine = m.roles.get(who);
    Role theirs = m.roles.get(whom);
    boolean owner = mine == Role.OWNER;
    Announcement target = m.announcements.isEmpty() ? null : m.announcements.get(step.k() % m.announcements.size());
    Response r;
    boolean allowed;
    Runnable change = () -> {};
    switch (step.what()) {
      case "deactivate", "reactivate" -> {
        boolean on = step.what().equals("reactivate");
        r = s.scim(HttpMethod.PATCH, "/Users/" + whom, SCIM, new JsonObject()
            .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
            .put("Operations", new JsonArray().add(new JsonObject().put("op", "replace").put("path", "active").put("value", on))));
        assertThat(r.status()).as("step %d %s: %s", n, step, r.body()).isEqualTo(200);
        m.active.put(whom, on);
        m.succession();
        return;
      }
      case "invite", "promote", "demote" -> { // PUT someone's membership: "be in the group", as the decider reads it
        String role = step.what().equals("promote") ? "owner" : step.what().equals("demote") ? "member" : null;
        r = s.put(members + whom, token, role == null ? null : new JsonObject().put("role", role));
        if (who.equals(whom)) {
          if (mine == Role.OWNER || mine == Role.MEMBER) {
            boolean stepDown = "member".equals(role) && mine == Role.OWNER;
            allowed = !("owner".equals(role) && mine != Role.OWNER) && (!stepDown || m.anotherActiveOwner(who));
            if (stepDown) change = () -> m.roles.put(who, Role.MEMBER);
          } else {
            allowed = mine == Role.INVITED && !m.archived;
            change = () -> m.roles.put(who, Role.MEMBER);
          }
        } else if (!owner) {
          allowed = false;
        } else if (theirs == Role.OWNER) {
          allowed = !"member".equals(role) || m.anotherActiveOwner(whom);
          if ("member".equals(role)) change = () -> m.roles.put(whom, Role.MEMBER);
        } else if (theirs == Role.MEMBER) {
          allowed = true;
          if ("owner".equals(role)) change = () -> m.roles.put(whom, Role.OWNER);
        } else if (m.archived) {
          allowed = false;
        } else if (theirs == Role.REQUESTED) {
          allowed = true;
          change = () -> m.roles.put(whom, "owner".equals(role) ? Role.OWNER : Role.MEMBER);
        } else {
          allowed = true;
          if (theirs == null) change = () -> m.roles.put(whom, Role.INVITED);
        }
      }
      case "join" -> { // accept an invitation; anyone else in a private group is refused
        r = s.put(members + who, token, null);
        allowed = mine == Role.OWNER || mine == Role.MEMBER || (mine == Role.INVITED && !m.archived);
        if (mine == Role.INVITED) change = () -> m.roles.put(who, Role.MEMBER);
      }
      case "request" -> {
        r = s.post("/api/groups/" + group + "/requests", token, null);
        allowed = mine == Role.OWNER || mine == Role.MEMBER || mine == Role.REQUESTED || !m.archived;
        if (mine == Role.INVITED) change = () -> m.roles.put(who, Role.MEMBER);
        else if (mine == null) change = () -> m.roles.put(who, Role.REQUESTED);
      }
      case "remove", "leave" -> {
        String gone = step.what().equals("leave") ? who : whom;
        Role was = m.roles.get(gone);
        r = s.delete(members + gone, token);
        allowed = mine != null && (who.equals(gone) || owner) && (was != Role.OWNER || m.anotherActiveOwner(gone));
        change = () -> m.roles.remove(gone);
      }
      case "archive" -> {
        r = s.post("/api/groups/" + group + "/archive", token, null);
        allowed = owner;
        change = () -> m.archived = true;
      }
      case "post" -> {
        r = s.post("/api/posts", token, new JsonObject().put("text", "step " + n + " by " + who).put("group", group));
        allowed = m.isMember(who) && !m.archived;
      }
      case "announce" -> {
        r = s.post("/api/announcements", token, new JsonObject().put("text", "announcement at step " + n)
            .put("audience", new JsonObject().put("kind", "group").put("group", group)));
        allowed = owner && !m.archived;
        if (allowed && r.status() == 201) {
          String id = r.json().getString("id");
          change = () -> m.announcements.add(new Announcement(id, who));
        }
      }
      case "ack" -> {
        if (target == null) return;
        r = s.put("/api/announcements/" + target.id + "/acknowledgement", token, null);
        boolean acknowledged = target.acknowledged.contains(who);
        allowed = acknowledged || (m.inAudience(target, who) && !target.withdrawn);
        change = () -> target.acknowledged.add(who);
      }
      case "withdraw" -> {
        if (target == null) return;
        r = s.delete("/api/announcements/" + target.id, token);
        allowed = target.author.equals(who);
        change = () -> target.withdrawn = true;
      }
      default -> throw new IllegalArgumentException(step.what());
    }
    if (!m.active.get(who)) allowed = false; // the directory keeps them out: 401 before any rule
    int status = r.status();
    assertThat(status).as("step %d %s (model: %s, %s): %s", n, step, m.roles, m.active, r.body()).isBetween(200, 499);
    assertThat(status < 300).as("step %d %s allowed? (model: roles %s, active %s, archived %s): %s", n, step, m.roles, m.active, m.archived, r.body())
        .isEqualTo(allowed);
    if (allowed) {
      change.run();
      m.succession();
    }
  }

  private static void assertAsModelled(TestServer s, String group, Model m, String when) {
    // roles, as an owner still here sees them (owners see invitations and requests too), or else a member still here
    String owner = m.roles.entrySet().stream().filter(e -> e.getValue() == Role.OWNER && m.active.get(e.getKey())).map(Map.Entry::getKey)
        .findFirst().orElse(null);
    String viewer = owner != null ? owner : m.roles.keySet().stream().filter(p -> m.isMember(p) && m.active.get(p)).findFirst().orElse(null);
    assertThat(owner != null || viewer == null || m.archived)
        .as("someone still here is in the group %s, so someone still here runs it: %s %s", when, m.roles, m.active).isTrue();
    if (viewer != null) {
      Map<String, String> roles = new TreeMap<>();
      for (Object o : s.get("/api/groups/" + group + "/members", s.token(viewer)).json().getJsonArray("items")) {
        JsonObject e = (JsonObject) o;
        roles.put(e.getJsonObject("user").getString("id"), e.getString("role"));
      }
      Map<String, String> expected = new TreeMap<>();
      m.roles.forEach((p, role) -> {
        if (owner != null || role == Role.OWNER || role == Role.MEMBER) expected.put(p, role.name().toLowerCase());
      });
      assertThat(roles).as("roles as %s sees them %s", viewer, when).isEqualTo(expected);
      JsonObject g = s.get("/api/groups/" + group, s.token(viewer)).json();
      assertThat(g.getBoolean("archived")).as("archived %s", when).isEqualTo(m.archived);
      assertThat(g.getInteger("members")).as("members %s", when).isEqualTo((int) m.roles.values().stream()
          .filter(role -> role == Role.OWNER || role == Role.MEMBER).count());
    }
    for (String p : PEOPLE) {
      if (!m.active.get(p)) {
        assertThat(s.get("/api/timelines/home", s.token(p)).status()).as("%s is out %s", p, when).isEqualTo(401);
        continue;
      }
      String token = s.token(p);
      List<String> pinned = new ArrayList<>();
      for (Object o : s.get("/api/timelines/home", token).json().getJsonArray("announcements")) pinned.add(((JsonObject) o).getString("id"));
      List<String> expectedPinned = m.announcements.stream().filter(a -> !a.withdrawn && m.inAudience(a, p) && !a.acknowledged.contains(p))
          .map(a -> a.id).sorted(Comparator.reverseOrder()).toList();
      assertThat(pinned).as("pinned on %s's home %s", p, when).isEqualTo(expectedPinned);
      for (Announcement a : m.announcements) {
        // a private group's announcement: members only, and of them its author, its audience and who acknowledged it
        boolean readable = m.isMember(p) && (a.author.equals(p) || m.inAudience(a, p) || a.acknowledged.contains(p)) && (!a.withdrawn || a.author.equals(p));
        Response r = s.get("/api/announcements/" + a.id, token);
        assertThat(r.status()).as("%s reading %s %s", p, a.id, when).isEqualTo(readable ? 200 : 404);
        if (readable && a.author.equals(p)) {
          int audience = (int) PEOPLE.stream().filter(x -> m.inAudience(a, x)).count();
          int acknowledged = (int) a.acknowledged.stream().filter(x -> m.inAudience(a, x)).count();
          JsonObject reach = r.json().getJsonObject("reach");
          if (audience < 5) assertThat(reach.containsKey("hidden")).as("reach of %s %s", a.id, when).isTrue();
          else assertThat(reach).as("reach of %s %s", a.id, when).isEqualTo(new JsonObject().put("audience", audience).put("acknowledged", acknowledged));
        }
      }
    }
  }
}
