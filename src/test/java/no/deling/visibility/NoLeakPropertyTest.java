package no.deling.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import no.deling.support.StreamClient;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;

/**
 * The one visibility rule, proven from outside: random people, groups (open and private),
 * memberships that change over time, posts, replies, edits, deletes, endorsements, shares,
 * follows, questions with accepted answers, skill endorsements, announcements to groups, reports
 * and moderators' removals, posts pinned to groups' and to the topic's page; then
 * every read path as every person, over HTTP (timelines with their pinned announcements, posts,
 * threads, counts, notifications, questions, edit history, skills, search and the topics it names
 * (a topic the private group alone uses is named to its members alone), similar questions, who
 * knows the topic, announcements, the moderators' queue), over the socket with random resumes, and
 * in what is pushed to their phones. No private group's words reach anyone who is not a member now, no deleted post's words
 * reach anyone, and no replaced version of an edited post is served as a current entry.
 *
 * <p>Every post's text carries a unique marker, so a leak is a marker in a response where the
 * model below says it must not be.
 */
class NoLeakPropertyTest {
  private static final int PEOPLE = 4;
  private static final int GROUPS = 2;
  /** The one admin among the people: a moderator of every post they may see. */
  private static final int ADMIN = PEOPLE - 1;
  private static TestServer s;
  private static final AtomicInteger TRY = new AtomicInteger();

  /** Every person's phone, and what its push service (in this JVM) received for it. */
  private static io.vertx.core.Vertx pushVertx;
  private static String pushService;
  private static final Map<String, no.deling.push.PushTestDevice> PHONES = new java.util.concurrent.ConcurrentHashMap<>();
  private static final Map<String, List<byte[]>> PUSHED = new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeContainer
  static void start() throws Exception {
    pushVertx = io.vertx.core.Vertx.vertx();
    var server = pushVertx.createHttpServer().requestHandler(req -> {
      if (req.path().startsWith("/page/")) {
        req.response().putHeader("Content-Type", "text/html").end("<title>" + req.path().substring(6) + " page</title>");
        return;
      }
      req.body().onSuccess(body -> {
        PUSHED.computeIfAbsent(req.path().substring(1), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(body.getBytes());
        req.response().setStatusCode(201).end();
      });
    }).listen(0, "127.0.0.1").await();
    pushService = "http://127.0.0.1:" + server.actualPort();
    // the same little server is the web site posts link to: each page's title is the marker of the post that links to it
    s = TestServer.startInTempDir("deling-noleak", Map.of("DELING_WRITE_RATE", "0", "DELING_STREAM_MESSAGE_RATE", "0",
        "DELING_PUSH_SERVICES", pushService, "DELING_PUSH_CHECK_MS", "100", "DELING_LINK_PREVIEW_HOSTS", "127.0.0.1"));
  }

  @AfterContainer
  static void stop() {
    s.close();
    pushVertx.close().await();
    int pushes = PUSHED.values().stream().mapToInt(List::size).sum();
    System.out.printf("pushes checked: %d to %d phones%n", pushes, PUSHED.size());
    assertThat(pushes).as("phones were pushed to, so their messages were checked").isPositive();
  }

  /** One step of a script; its numbers pick people, groups and posts when it runs. */
  record Step(Kind kind, int a, int b, int c) {}

  enum Kind { POST, GROUP_POST, REPLY, EDIT, DELETE, ENDORSE, SHARE, FOLLOW, FOLLOW_TOPIC, JOIN, INVITE, REQUEST_APPROVE, LEAVE, REMOVE,
    QUESTION, ACCEPT, SKILL, BOOKMARK, ANNOUNCE, REPORT, MODERATE, SAVE, POLL, VOTE, PIN, HOOK, FILE, TOPIC_PIN }

  @Provide
  Arbitrary<List<Step>> scripts() {
    // writing in groups, answering and endorsing are what can carry private words: drawn more often
    Arbitrary<Kind> kinds = Arbitraries.frequency(
        Tuple.of(3, Kind.POST), Tuple.of(4, Kind.GROUP_POST), Tuple.of(4, Kind.REPLY), Tuple.of(2, Kind.EDIT), Tuple.of(2, Kind.DELETE),
        Tuple.of(4, Kind.ENDORSE), Tuple.of(2, Kind.SHARE), Tuple.of(1, Kind.FOLLOW), Tuple.of(1, Kind.FOLLOW_TOPIC), Tuple.of(1, Kind.JOIN),
        Tuple.of(2, Kind.INVITE), Tuple.of(1, Kind.REQUEST_APPROVE), Tuple.of(1, Kind.LEAVE), Tuple.of(1, Kind.REMOVE),
        Tuple.of(3, Kind.QUESTION), Tuple.of(2, Kind.ACCEPT), Tuple.of(2, Kind.SKILL), Tuple.of(2, Kind.BOOKMARK),
        Tuple.of(2, Kind.ANNOUNCE), Tuple.of(2, Kind.REPORT), Tuple.of(1, Kind.MODERATE), Tuple.of(3, Kind.SAVE),
        Tuple.of(2, Kind.POLL), Tuple.of(3, Kind.VOTE), Tuple.of(2, Kind.PIN), Tuple.of(2, Kind.HOOK),
        Tuple.of(2, Kind.FILE), Tuple.of(2, Kind.TOPIC_PIN));
    Arbitrary<Step> step = Combinators.combine(kinds, Arbitraries.integers().between(0, 99),
        Arbitraries.integers().between(0, 99), Arbitraries.integers().between(0, 99)).as(Step::new);
    return step.list().ofMinSize(10).ofMaxSize(40);
  }

  /** What the model knows of one post. */
  private static final class Post {
    final String id;
    final String author;
    final int group; // -1: public
    final Post parent;
    final boolean question;
    String marker;
    final Set<String> oldMarkers = new HashSet<>();
    boolean deleted;
    /** its text links to the test's web site's page named after its marker (until an edit) */
    boolean linked;
    /** the file it shows (named after its marker), or null */
    String file;
    /** it carries the private group's own topic (until an edit replaces its text) */
    boolean secretTagged;

    Post(String id, String author, int group, String marker) {
      this(id, author, group, marker, null, false);
    }

    Post(String id, String author, int group, String marker, Post parent, boolean question) {
      this.parent = parent;
      this.question = question;
      this.id = id;
      this.author = author;
      this.group = group;
      this.marker = marker;
    }
  }

  @Property(tries = 40)
  void noPrivateContentReachesANonMember(@ForAll("scripts") List<Step> script) {
    int t = TRY.incrementAndGet();
    List<String> people = new ArrayList<>();
    Map<String, String> tokens = new HashMap<>();
    for (int i = 0; i < PEOPLE; i++) {
      String id = "t" + t + "p" + i;
      people.add(id);
      tokens.put(id, i == ADMIN
          ? s.server.tokens().sign(new JsonObject().put("sub", id).put("name", "Admin").put("roles", new JsonArray().add("admin")), 600)
          : s.token(id));
      s.get("/api/me", tokens.get(id));
      // everyone's phone is notified as notifications come
      no.deling.push.PushTestDevice phone = no.deling.push.PushTestDevice.create();
      PHONES.put(id, phone);
      assertThat(s.post("/api/me/push-subscriptions", tokens.get(id), new JsonObject().put("endpoint", pushService + "/" + id)
          .put("keys", new JsonObject().put("p256dh", phone.p256dh()).put("auth", phone.auth()))).status()).isEqualTo(201);
    }
    String topic = "topic" + t;
    String secretTopic = "secret" + t;
    // group 0 private, group 1 open; owners are person 0 and person 1
    String[] groupIds = new String[GROUPS];
    boolean[] isPrivate = {true, false};
    List<Set<String>> members = new ArrayList<>();
    for (int g = 0; g < GROUPS; g++) {
      String owner = people.get(g);
      Response r = s.post("/api/groups", tokens.get(owner), new JsonObject().put("name", "g" + g).put("access", isPrivate[g] ? "private" : "open"));
      groupIds[g] = r.json().getString("id");
      members.add(new HashSet<>(Set.of(owner)));
    }
    // the private group starts with two members, so members can answer and endorse each other
    s.put("/api/groups/" + groupIds[0] + "/members/" + people.get(1), tokens.get(people.get(0)), null);
    s.put("/api/groups/" + groupIds[0] + "/members/" + people.get(1), tokens.get(people.get(1)), null);
    members.get(0).add(people.get(1));
    List<Post> posts = new ArrayList<>();
    Map<String, Integer> bookmarks = new HashMap<>(); // marker → group (-1: everyone)
    Map<String, Integer> announced = new HashMap<>(); // marker → group
    List<String> announcementIds = new ArrayList<>();
    Map<String, Post> reportNotes = new HashMap<>(); // marker → the post reported: only its moderators, who may see it, read the note
    Map<String, String> removalReasons = new HashMap<>(); // marker → the author of the post removed: only they are told
    Map<String, Post> keptWithPost = new HashMap<>(); // marker in a poll's options or a file's name → its post (an edit changes the text, not them)
    List<Long> positions = new ArrayList<>(List.of(s.head()));
    String scriptStart = java.net.URLEncoder.encode(java.time.Instant.now().minusSeconds(1).toString(), java.nio.charset.StandardCharsets.UTF_8);
    String probe = "t" + t + "probe"; // in no group: sees public things only
    String probeToken = s.token(probe);
    int markers = 0;
    JsonObject[] hooks = new JsonObject[GROUPS]; // each group's integration, once its owner connected one

    for (Step step : script) {
      String actor = people.get(step.a() % PEOPLE);
      String token = tokens.get(actor);
      String other = people.get(step.b() % PEOPLE);
      Post target = posts.isEmpty() ? null : posts.get(step.c() % posts.size());
      int g = step.b() % GROUPS;
      String marker = "M" + t + "x" + (markers++) + "Q";
      switch (step.kind()) {
        case POST -> {
          String text = marker + " #" + topic + (step.c() % 2 == 0 ? " @" + other : "") + (step.c() % 3 == 0 ? " " + pushService + "/page/" + marker : "");
          Response r = s.post("/api/posts", token, new JsonObject().put("text", text));
          posts.add(new Post(r.json().getString("id"), actor, -1, marker));
          posts.get(posts.size() - 1).linked = step.c() % 3 == 0;
        }
        case GROUP_POST -> {
          // the private group also uses a topic of its own, which nobody outside it may learn of
          String text = marker + " #" + topic + (isPrivate[g] ? " #" + secretTopic : "") + (step.c() % 2 == 0 ? " @" + other : "")
              + (step.c() % 3 == 0 ? " " + pushService + "/page/" + marker : "");
          Response r = s.post("/api/posts", token, new JsonObject().put("text", text).put("group", groupIds[g]));
          if (r.status() == 201) {
            posts.add(new Post(r.json().getString("id"), actor, g, marker));
            posts.get(posts.size() - 1).secretTagged = isPrivate[g];
            posts.get(posts.size() - 1).linked = step.c() % 3 == 0;
          } else assertThat(members.get(g)).as("only non-members are refused").doesNotContain(actor);
        }
        case FILE -> {
          // a file named after the post's marker, shown in a public post or in a group's
          String name = "M" + t + "x" + (markers++) + "Q"; // a marker of its own: an edit retires the text's, never the file's
          Response up = s.upload(token, name + ".txt", (name + " notes").getBytes(java.nio.charset.StandardCharsets.UTF_8));
          assertThat(up.status()).as("upload: %s", up.body()).isEqualTo(201);
          int in = step.c() % 2 == 0 ? g : -1;
          JsonObject body = new JsonObject().put("text", marker + " #" + topic).put("attachments", new JsonArray().add(up.json().getString("id")));
          if (in >= 0) body.put("group", groupIds[in]);
          Response r = s.post("/api/posts", token, body);
          if (r.status() == 201) {
            Post shown = new Post(r.json().getString("id"), actor, in, marker);
            shown.file = up.json().getString("id");
            posts.add(shown);
            keptWithPost.put(name, shown);
          } else {
            assertThat(in >= 0 && !members.get(in).contains(actor)).as("only non-members are refused: %s", r.body()).isTrue();
          }
        }
        case POLL -> {
          // a marker of its own: an edit retires the text's marker, never the options'
          String option = "M" + t + "x" + (markers++) + "Q";
          JsonObject body = new JsonObject().put("text", marker + " #" + topic)
              .put("poll", new JsonObject().put("options", new JsonArray().add(option + "a").add(option + "b")));
          int in = step.c() % 2 == 0 ? g : -1;
          if (in >= 0) body.put("group", groupIds[in]);
          Response r = s.post("/api/posts", token, body);
          if (r.status() == 201) {
            Post poll = new Post(r.json().getString("id"), actor, in, marker);
            posts.add(poll);
            keptWithPost.put(option, poll);
          } else {
            assertThat(in >= 0 && !members.get(in).contains(actor)).as("only non-members are refused: %s", r.body()).isTrue();
          }
        }
        case PIN -> {
          // group g's owner pins a post: one of another group, or of none, must never show on g's page
          if (target == null) continue;
          Response r = s.put("/api/groups/" + groupIds[g] + "/pinned/" + target.id, tokens.get(people.get(g)), null);
          if (r.status() == 200) assertThat(target.group).as("pinned in group %d: %s", g, r.body()).isEqualTo(g);
        }
        case TOPIC_PIN -> {
          // the admin pins a post to the topic's page: only a public one; one they may not see is not there for them
          if (target == null) continue;
          String admin = people.get(ADMIN);
          boolean sees = !target.deleted && (target.group < 0 || !isPrivate[target.group] || members.get(target.group).contains(admin));
          Response r = s.put("/api/topics/" + topic + "/pinned/" + target.id, tokens.get(admin), null);
          assertThat(r.status()).as("the admin pinning %s to #%s: %s", target.id, topic, r.body()).isIn(!sees ? List.of(404)
              : target.group >= 0 ? List.of(422) : List.of(200, 422));
        }
        case VOTE -> {
          if (target == null) continue;
          Response r = s.put("/api/posts/" + target.id + "/vote", token, new JsonObject().put("option", step.c() % 2));
          boolean visible = !target.deleted && (target.group < 0 || !isPrivate[target.group] || members.get(target.group).contains(actor));
          // a visible post that is no poll is refused as such (422); one the voter may not see is not there
          assertThat(r.status()).as("%s voting on %s: %s", actor, target.id, r.body()).isIn(visible ? List.of(200, 422) : List.of(404));
        }
        case REPLY -> {
          if (target == null) continue;
          Response r = s.post("/api/posts", token, new JsonObject().put("text", marker + " @" + target.author).put("inReplyTo", target.id));
          if (r.status() == 201) {
            posts.add(new Post(r.json().getString("id"), actor, target.group, marker, target, false));
            assertThat(target.group < 0 || members.get(target.group).contains(actor)).as("reply by a non-member accepted").isTrue();
          }
        }
        case EDIT -> {
          if (target == null || target.deleted) continue;
          Response r = s.put("/api/posts/" + target.id, tokens.get(target.author), new JsonObject().put("text", marker + " edited"));
          if (r.status() == 200) {
            target.oldMarkers.add(target.marker);
            target.marker = marker;
            target.linked = false;
            target.secretTagged = false;
          }
        }
        case DELETE -> {
          if (target == null || target.deleted) continue;
          if (s.delete("/api/posts/" + target.id, tokens.get(target.author)).status() == 204) target.deleted = true;
        }
        case ENDORSE -> {
          if (target != null) s.put("/api/posts/" + target.id + "/endorsement", token, null);
        }
        case SHARE -> {
          if (target == null) continue;
          Response r = s.put("/api/posts/" + target.id + "/share", token, null);
          if (r.status() == 200) assertThat(target.group < 0 || !isPrivate[target.group]).as("a private post was shared").isTrue();
        }
        case FOLLOW -> s.put("/api/me/following/users/" + other, token, null);
        case FOLLOW_TOPIC -> s.put("/api/me/following/topics/" + topic, token, null);
        case JOIN -> {
          String role = s.put("/api/groups/" + groupIds[g] + "/members/" + actor, token, null).json().getString("role");
          if ("member".equals(role) || "owner".equals(role)) members.get(g).add(actor);
        }
        case INVITE -> {
          // an owner invites, the invitee accepts
          String owner = people.get(g);
          s.put("/api/groups/" + groupIds[g] + "/members/" + other, tokens.get(owner), null);
          Response accepted = s.put("/api/groups/" + groupIds[g] + "/members/" + other, tokens.get(other), null);
          if ("member".equals(accepted.json().getString("role")) || "owner".equals(accepted.json().getString("role"))) members.get(g).add(other);
        }
        case REQUEST_APPROVE -> {
          s.post("/api/groups/" + groupIds[g] + "/requests", token, null);
          if (step.c() % 2 == 0) {
            Response approved = s.put("/api/groups/" + groupIds[g] + "/members/" + actor, tokens.get(people.get(g)), null);
            if ("member".equals(approved.json().getString("role")) || "owner".equals(approved.json().getString("role"))) members.get(g).add(actor);
          }
        }
        case LEAVE -> {
          if (s.delete("/api/groups/" + groupIds[g] + "/members/" + actor, token).status() == 200) members.get(g).remove(actor);
        }
        case QUESTION -> {
          boolean idea = step.c() % 3 == 0;
          JsonObject body = new JsonObject().put("text", marker + " #" + topic + "?").put("kind", idea ? "idea" : "question");
          if (step.c() % 2 == 0) body.put("group", groupIds[g]);
          Response r = s.post("/api/posts", token, body);
          if (r.status() == 201) posts.add(new Post(r.json().getString("id"), actor, body.containsKey("group") ? g : -1, marker, null, !idea));
        }
        case ACCEPT -> {
          if (target == null || !target.question || target.deleted) continue;
          List<Post> answers = posts.stream().filter(p -> p.parent == target && !p.deleted && !p.author.equals(target.author)).toList();
          if (answers.isEmpty()) continue;
          Post answer = answers.get(step.b() % answers.size());
          s.put("/api/posts/" + target.id + "/accepted-answer", tokens.get(target.author), new JsonObject().put("answer", answer.id));
        }
        case SKILL -> {
          JsonObject body = new JsonObject().put("topic", topic);
          if (target != null && target.author.equals(other)) body.put("evidence", target.id);
          s.post("/api/users/" + other + "/skills", token, body);
        }
        case BOOKMARK -> {
          JsonObject body = new JsonObject().put("url", "https://example.org/bm/" + marker).put("comment", marker);
          if (step.c() % 2 == 0) body.put("group", groupIds[g]);
          if (s.post("/api/bookmarks", token, body).status() == 200) bookmarks.put(marker, body.containsKey("group") ? g : -1);
        }
        case ANNOUNCE -> {
          // mostly the group's owner (person g), now and then whoever acts, whom the rule refuses unless they own it
          String who = step.c() % 3 == 0 ? actor : people.get(g);
          Response r = s.post("/api/announcements", tokens.get(who), new JsonObject().put("text", marker + " #" + topic)
              .put("audience", new JsonObject().put("kind", "group").put("group", groupIds[g])));
          if (who.equals(people.get(g))) assertThat(r.status()).as("the owner announcing to g%d: %s", g, r.body()).isEqualTo(201);
          else assertThat(r.status()).as("%s announcing to g%d: %s", who, g, r.body()).isIn(403, 422);
          if (r.status() == 201) {
            announced.put(marker, g);
            announcementIds.add(r.json().getString("id"));
            if (step.c() % 2 == 0) s.put("/api/announcements/" + r.json().getString("id") + "/acknowledgement", tokens.get(other), null);
          }
        }
        case REPORT -> {
          if (target == null) continue;
          Response r = s.post("/api/posts/" + target.id + "/reports", token, new JsonObject().put("reason", "other").put("note", marker));
          boolean visible = !target.deleted && (target.group < 0 || !isPrivate[target.group] || members.get(target.group).contains(actor));
          if (r.status() == 201) reportNotes.put(marker, target);
          else if (r.status() != 200) {
            assertThat(!visible || target.author.equals(actor)).as("%s reporting %s: %s", actor, target.id, r.body()).isTrue();
          }
          if (!visible) assertThat(r.status()).as("reporting a post one may not see").isEqualTo(404);
        }
        case MODERATE -> {
          if (target == null) continue;
          boolean remove = step.c() % 2 == 0;
          JsonObject body = new JsonObject().put("action", remove ? "remove" : "keep");
          if (remove) body.put("reason", marker);
          Response r = s.post("/api/posts/" + target.id + "/moderation", token, body);
          boolean visible = !target.deleted && (target.group < 0 || !isPrivate[target.group] || members.get(target.group).contains(actor));
          boolean moderates = actor.equals(people.get(ADMIN)) || (target.group >= 0 && actor.equals(people.get(target.group)));
          assertThat(r.status()).as("%s moderating %s: %s", actor, target.id, r.body()).isEqualTo(!visible ? 404 : moderates ? 200 : 403);
          if (remove && r.status() == 200) {
            target.deleted = true;
            removalReasons.put(marker, target.author);
          }
        }
        case SAVE -> {
          // a saved list outlives one's membership: it must not outlive what one may see
          if (target == null) continue;
          Response r = s.put("/api/posts/" + target.id + "/saved", token, null);
          boolean visible = !target.deleted && (target.group < 0 || !isPrivate[target.group] || members.get(target.group).contains(actor));
          assertThat(r.status()).as("%s saving %s: %s", actor, target.id, r.body()).isEqualTo(visible ? 200 : 404);
          // and now and then leaves the group at once, the case the list must get right
          if (target.group >= 0 && step.c() % 2 == 0
              && s.delete("/api/groups/" + groupIds[target.group] + "/members/" + actor, token).status() == 200) {
            members.get(target.group).remove(actor);
          }
        }
        case HOOK -> {
          // the group's owner connects a tool (once); it posts into the group, reaching whom a member's post would
          if (hooks[g] == null) {
            hooks[g] = s.post("/api/groups/" + groupIds[g] + "/integrations", tokens.get(people.get(g)), new JsonObject().put("name", "Tool " + g)).json();
          }
          String text = marker + " #" + topic + (step.c() % 2 == 0 ? " @" + other : "");
          Response r = s.call(io.vertx.core.http.HttpMethod.POST, "/hooks/" + hooks[g].getString("id"), hooks[g].getString("secret"),
              new JsonObject().put("text", text), Map.of());
          assertThat(r.status()).as("the integration posting: %s", r.body()).isEqualTo(201);
          posts.add(new Post(r.json().getString("id"), hooks[g].getString("author"), g, marker));
        }
        case REMOVE -> {
          if (s.delete("/api/groups/" + groupIds[g] + "/members/" + other, tokens.get(people.get(g))).status() == 200) members.get(g).remove(other);
        }
      }
      positions.add(s.head());
    }

    for (String viewer : people) {
      // what this viewer must never be shown, as the model says
      Set<String> forbiddenMarkers = new HashSet<>();
      Set<String> forbiddenIds = new HashSet<>();
      for (Post p : posts) {
        forbiddenMarkers.addAll(p.oldMarkers);
        boolean hidden = p.group >= 0 && isPrivate[p.group] && !members.get(p.group).contains(viewer);
        if (p.deleted || hidden) forbiddenMarkers.add(p.marker);
        if (hidden) forbiddenIds.add(p.id);
      }
      bookmarks.forEach((marker, group) -> {
        if (group >= 0 && isPrivate[group] && !members.get(group).contains(viewer)) forbiddenMarkers.add(marker);
      });
      announced.forEach((marker, group) -> {
        if (isPrivate[group] && !members.get(group).contains(viewer)) forbiddenMarkers.add(marker);
      });
      reportNotes.forEach((marker, p) -> {
        if (p.deleted || (p.group >= 0 && isPrivate[p.group] && !members.get(p.group).contains(viewer))) forbiddenMarkers.add(marker);
      });
      keptWithPost.forEach((marker, p) -> {
        if (p.deleted || (p.group >= 0 && isPrivate[p.group] && !members.get(p.group).contains(viewer))) forbiddenMarkers.add(marker);
      });
      removalReasons.forEach((marker, author) -> {
        if (!author.equals(viewer)) forbiddenMarkers.add(marker);
      });
      String token = tokens.get(viewer);
      List<String> bodies = new ArrayList<>();
      bodies.add(s.get("/api/timelines/home?limit=100", token).body().toString());
      bodies.add(s.get("/api/topics/" + topic + "/posts?limit=100", token).body().toString());
      for (String person : people) bodies.add(s.get("/api/users/" + person + "/posts?limit=100", token).body().toString());
      for (String g : groupIds) bodies.add(s.get("/api/groups/" + g + "/posts?limit=100", token).body().toString());
      bodies.add(s.get("/api/announcements?limit=100", token).body().toString());
      String saved = s.get("/api/me/saved?limit=100", token).body().toString();
      bodies.add(saved);
      for (String id : forbiddenIds) assertThat(saved).as("saved posts of %s", viewer).doesNotContain(id);
      String queue = s.get("/api/moderation/reports?limit=100", token).body().toString();
      bodies.add(queue);
      for (String id : forbiddenIds) assertThat(queue).as("moderation queue of %s", viewer).doesNotContain(id);
      for (String id : announcementIds) bodies.add(s.get("/api/announcements/" + id, token).body().toString());
      for (Post p : posts) {
        bodies.add(s.get("/api/posts/" + p.id, token).body().toString());
        bodies.add(s.get("/api/posts/" + p.id + "/thread", token).body().toString());
        Response previews = s.get("/api/posts/" + p.id + "/link-previews", token);
        assertThat(previews.status()).as("previews of %s to %s", p.id, viewer).isEqualTo(forbiddenMarkers.contains(p.marker) ? 404 : 200);
        bodies.add(previews.body().toString());
        if (previews.status() == 200 && p.linked) {
          assertThat(previews.body().toString()).as("the page %s links to, previewed", p.id).contains(p.marker + " page");
        }
        if (p.file != null) {
          // its uploader always; anyone else exactly while the post that shows it is theirs to see
          boolean hidden = p.deleted || (p.group >= 0 && isPrivate[p.group] && !members.get(p.group).contains(viewer));
          Response file = s.get("/api/files/" + p.file, token);
          assertThat(file.status()).as("file of %s, to %s", p.id, viewer).isEqualTo(p.author.equals(viewer) || !hidden ? 200 : 404);
          if (file.status() == 404) bodies.add(file.body().toString());
        }
      }
      // a profile's post count leaves out exactly the posts its viewer may not see
      for (String person : people) {
        long visible = posts.stream().filter(p -> p.author.equals(person) && !p.deleted)
            .filter(p -> p.group < 0 || !isPrivate[p.group] || members.get(p.group).contains(viewer)).count();
        assertThat(s.get("/api/users/" + person, token).json().getInteger("posts")).as("%s's post count as %s sees it", person, viewer)
            .isEqualTo((int) visible);
      }
      // the knowledge bank's paths: questions, answers, skills' evidence, search
      bodies.add(s.get("/api/questions?limit=100&topic=" + topic, token).body().toString());
      bodies.add(s.get("/api/me/questions?limit=100", token).body().toString());
      bodies.add(s.get("/api/ideas?limit=100&topic=" + topic, token).body().toString());
      bodies.add(s.get("/api/links?limit=100", token).body().toString());
      bodies.add(s.get("/api/links?limit=100&sort=week", token).body().toString());
      for (Post p : posts) if (p.question) bodies.add(s.get("/api/questions/" + p.id, token).body().toString());
      // edit history is the one place earlier versions are shown — of posts the viewer may still see
      Set<String> forbiddenInHistory = new HashSet<>();
      for (Post p : posts) {
        if (!forbiddenMarkers.contains(p.marker)) continue;
        forbiddenInHistory.add(p.marker);
        forbiddenInHistory.addAll(p.oldMarkers);
      }
      for (Post p : posts) {
        String history = s.get("/api/posts/" + p.id + "/history", token).body().toString();
        for (String m : forbiddenInHistory) assertThat(history).as("history of %s to %s", p.id, viewer).doesNotContain(m);
      }
      for (String person : people) bodies.add(s.get("/api/users/" + person + "/skills", token).body().toString());
      s.awaitSearch();
      bodies.add(s.get("/api/search?limit=100&tag=" + topic, token).body().toString());
      bodies.add(s.get("/api/search?limit=100&q=" + String.join("+", forbiddenMarkers), token).body().toString());
      // a topic used only in the private group is named to its members alone: in search, in #completion, where
      // its count is of the posts they may see (not deleted, still carrying it)
      int secretPosts = members.get(0).contains(viewer) ? (int) posts.stream().filter(p -> p.secretTagged && !p.deleted).count() : 0;
      int completedCount = items(s.get("/api/topics?q=" + secretTopic, token)).stream().map(o -> (JsonObject) o)
          .filter(o -> o.getString("topic").equals(secretTopic)).mapToInt(o -> o.getInteger("posts")).sum();
      assertThat(completedCount).as("#%s's posts as %s may count them", secretTopic, viewer).isEqualTo(secretPosts);
      if (!members.get(0).contains(viewer)) {
        assertThat(s.get("/api/search?q=" + secretTopic, token).json().getJsonArray("topics")).as("topics found by %s", viewer).isEmpty();
        assertThat(items(s.get("/api/topics?q=" + secretTopic, token))).as("topics completed for %s", viewer).isEmpty();
      }
      bodies.add(s.get("/api/search/similar-questions?limit=20&text=" + topic + "+" + String.join("+", forbiddenMarkers), token).body().toString());
      bodies.add(s.get("/api/me/digest?limit=20&since=" + scriptStart, token).body().toString());
      String notifications = s.get("/api/notifications?limit=100", token).body().toString();
      bodies.add(notifications);
      for (String body : bodies) for (String m : forbiddenMarkers) assertThat(body).as("HTTP to %s", viewer).doesNotContain(m);
      for (String id : forbiddenIds) assertThat(notifications).as("notifications of %s", viewer).doesNotContain(id);
      // who knows the topic counts exactly the evidence this viewer can read on the other paths
      assertThat(expertsAsSeenBy(token, topic)).as("experts on #%s as %s sees them", topic, viewer)
          .isEqualTo(evidenceVisibleTo(token, topic, posts, people));
      // each person's skills are what a non-member sees whoever asks: the same as for a newcomer
      // in no group, or the same as for every other member
      String privateGroupPeer = members.get(0).contains(viewer) ? members.get(0).iterator().next() : probe;
      for (String person : people) {
        assertThat(skillsAsSeenBy(tokens.getOrDefault(privateGroupPeer, probeToken), person))
            .as("%s's skills as %s sees them", person, viewer).isEqualTo(skillsAsSeenBy(token, person));
      }

      // the socket, resuming from a random point of the script on every stream
      long since = positions.get(Math.floorMod((viewer + t).hashCode(), positions.size()));
      long head = s.head();
      try (StreamClient ws = StreamClient.connect(s.vertx, s.server.port(), token)) {
        List<JsonObject> subs = new ArrayList<>(List.of(new JsonObject().put("stream", "home"), new JsonObject().put("stream", "notifications"),
            new JsonObject().put("stream", "topic").put("tag", topic)));
        for (String person : people) subs.add(new JsonObject().put("stream", "user").put("user", person));
        for (String g : groupIds) subs.add(new JsonObject().put("stream", "group").put("group", g));
        for (Post p : posts) if (p.id.hashCode() % 3 == 0) subs.add(new JsonObject().put("stream", "thread").put("post", p.id));
        for (JsonObject sub : subs) ws.send(sub.put("type", "subscribe").put("since", since));
        List<JsonObject> got = ws.upTo(head);
        assertThat(got.stream().filter(m -> Set.of("subscribed", "error").contains(m.getString("type")))).as("every subscription answered")
            .hasSize(subs.size());
        for (JsonObject m : got) {
          String text = m.encode();
          for (String marker : forbiddenMarkers) assertThat(text).as("socket of %s", viewer).doesNotContain(marker);
          if ("notification".equals(m.getString("type"))) {
            for (String id : forbiddenIds) assertThat(text).as("socket notification of %s", viewer).doesNotContain(id);
          }
        }
      }
    }
    // pushed to their phones: who did what, never any post's words, whatever they may see
    for (String person : people) {
      for (byte[] body : PUSHED.getOrDefault(person, List.of())) {
        String opened;
        try {
          opened = new String(PHONES.get(person).decrypt(body), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.security.GeneralSecurityException e) {
          throw new AssertionError("a push to " + person + " that their phone cannot open", e);
        }
        assertThat(opened).as("a push to %s", person).doesNotContainPattern("M\\d+x\\d+Q").doesNotContain(topic);
      }
    }
  }

  /** Who is listed and what evidence each has; not the score or order, which decay by the millisecond. */
  private static Map<String, JsonObject> expertsAsSeenBy(String token, String topic) {
    Map<String, JsonObject> out = new java.util.TreeMap<>();
    for (Object o : items(s.get("/api/experts?limit=100&topic=" + topic, token))) {
      JsonObject e = (JsonObject) o;
      out.put(e.getJsonObject("user").getString("id"), e.getJsonObject("evidence"));
    }
    return out;
  }

  /**
   * The expected evidence, worked out from what the viewer reads on other paths (each checked
   * above): the posts they may open, their endorsement counts, questions' accepted answers, and
   * people's skills.
   */
  private static Map<String, JsonObject> evidenceVisibleTo(String token, String topic, List<Post> posts, List<String> people) {
    Map<String, JsonObject> visible = new HashMap<>();
    for (Post p : posts) {
      Response r = s.get("/api/posts/" + p.id, token);
      if (r.status() == 200) visible.put(p.id, r.json());
    }
    Map<String, int[]> counts = new java.util.TreeMap<>(); // accepted, answers, endorsements, with, without
    for (JsonObject p : visible.values()) {
      JsonObject question = p.getString("inReplyTo") == null ? null : visible.get(p.getString("inReplyTo"));
      boolean answer = question != null && "question".equals(question.getString("kind"))
          && !question.getJsonObject("author").getString("id").equals(p.getJsonObject("author").getString("id"));
      boolean onTopic = p.getJsonArray("hashtags").contains(topic) || (answer && question.getJsonArray("hashtags").contains(topic));
      if (!onTopic || (!answer && p.getInteger("endorsements") == 0)) continue;
      if (p.getJsonObject("author").getBoolean("app", false)) continue; // a tool is nobody to ask
      int[] c = counts.computeIfAbsent(p.getJsonObject("author").getString("id"), k -> new int[5]);
      if (answer) {
        c[1]++;
        String accepted = s.get("/api/questions/" + question.getString("id"), token).json().getString("acceptedAnswer");
        if (p.getString("id").equals(accepted)) c[0]++;
      }
      c[2] += p.getInteger("endorsements");
    }
    for (String person : people) {
      for (Object o : items(s.get("/api/users/" + person + "/skills", token))) {
        JsonObject k = (JsonObject) o;
        if (!k.getString("topic").equals(topic)) continue;
        int[] c = counts.computeIfAbsent(person, x -> new int[5]);
        c[3] += k.getInteger("withEvidence");
        c[4] += k.getInteger("endorsements") - k.getInteger("withEvidence");
      }
    }
    Map<String, JsonObject> out = new java.util.TreeMap<>();
    counts.forEach((user, c) -> out.put(user, new JsonObject().put("acceptedAnswers", c[0]).put("answers", c[1]).put("endorsements", c[2])
        .put("skillEndorsements", c[3]).put("skillEndorsementsWithoutEvidence", c[4])));
    return out;
  }

  /** Each skill's count and evidence; not whether the asker endorsed it. */
  private static List<String> skillsAsSeenBy(String token, String person) {
    return items(s.get("/api/users/" + person + "/skills", token)).stream().map(o -> {
      JsonObject k = (JsonObject) o;
      List<String> evidence = k.getJsonArray("evidence").stream().map(x -> ((JsonObject) x).getJsonObject("post").getString("id")).sorted().toList();
      return k.getString("topic") + " " + k.getInteger("endorsements") + " " + evidence;
    }).toList();
  }

  static JsonArray items(Response r) {
    return r.json().getJsonArray("items");
  }
}
