package no.deling.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import no.deling.support.TestServer.Response;

/**
 * A log with a bit of everything, written through the HTTP API as people would: profiles,
 * follows, posts with mentions and topics, replies, edits, deletes, endorsements, shares, a
 * private group and its posts, questions with accepted answers, ideas and their status, skills,
 * bookmarks, announcements and acknowledgements, reports with removals and posts kept,
 * notifications read, saved posts, polls and votes, pinned posts, a group's integration posting, a
 * group kept off a member's home,
 * and one person erased.
 */
public final class RichHistory {
  public static final List<String> PEOPLE = List.of("ada", "bo", "cy", "di", "ed", "fay");

  private final TestServer s;
  private final Random random;
  private final List<String> tokens = new ArrayList<>();
  private final List<String> posts = new ArrayList<>();
  private final List<String> authors = new ArrayList<>();
  private String admin;
  private String leader;
  private String group;
  /** The group's integration now connected (with its secret), or null. */
  private JsonObject hook;

  public RichHistory(TestServer s, long seed) {
    this.s = s;
    this.random = new Random(seed);
  }

  private String login(String user, String department, String... roles) {
    JsonObject body = new JsonObject().put("user", user).put("name", user.toUpperCase() + " Person").put("department", department);
    if (roles.length > 0) body.put("roles", new JsonArray(List.of(roles)));
    Response r = s.post("/api/dev/login", null, body);
    if (r.status() != 200) throw new AssertionError(r.body().toString());
    return r.json().getString("token");
  }

  /** The people, their group and a first round of follows. */
  public RichHistory begin() {
    admin = login("root", "IT", "admin");
    leader = login("lead", "Management", "leader");
    for (int i = 0; i < PEOPLE.size(); i++) tokens.add(login(PEOPLE.get(i), i % 2 == 0 ? "Sales" : "Engineering"));
    for (int i = 0; i < PEOPLE.size(); i++) s.put("/api/me/following/users/" + PEOPLE.get((i + 1) % PEOPLE.size()), tokens.get(i), null);
    s.put("/api/me/following/topics/plans", tokens.get(2), null);
    Response g = s.post("/api/groups", tokens.get(0), new JsonObject().put("name", "Secret deals").put("access", "private").put("topics", List.of("deals")));
    group = g.json().getString("id");
    s.put("/api/groups/" + group + "/members/" + PEOPLE.get(1), tokens.get(0), null);
    s.put("/api/groups/" + group + "/members/" + PEOPLE.get(1), tokens.get(1), null);
    return this;
  }

  /** {@code steps} random actions. */
  public RichHistory steps(int steps) {
    for (int i = 0; i < steps; i++) step(i);
    return this;
  }

  private int who() {
    return random.nextInt(tokens.size());
  }

  private String somePost() {
    return posts.get(random.nextInt(posts.size()));
  }

  private void step(int n) {
    int me = who();
    String t = tokens.get(me);
    int kind = posts.size() < 3 ? 0 : random.nextInt(21);
    switch (kind) {
      case 0, 1 -> created(me, s.post("/api/posts", t, new JsonObject().put("text", "Note " + n + " by " + PEOPLE.get(me) + " about #plans for @"
          + PEOPLE.get(who()))));
      case 2 -> created(me, s.post("/api/posts", t, new JsonObject().put("text", "Reply " + n + " by " + PEOPLE.get(me) + " #plans")
          .put("inReplyTo", somePost())));
      case 3 -> s.put("/api/posts/" + somePost() + "/endorsement", t, null);
      case 4 -> s.put("/api/posts/" + somePost() + "/share", t, null);
      case 5 -> {
        int i = random.nextInt(posts.size());
        s.put("/api/posts/" + posts.get(i), tokens.get(PEOPLE.indexOf(authors.get(i)) < 0 ? 0 : PEOPLE.indexOf(authors.get(i))),
            new JsonObject().put("text", "Edited " + n + " #deals https://example.org/" + n));
      }
      case 6 -> {
        int i = random.nextInt(posts.size());
        int author = PEOPLE.indexOf(authors.get(i));
        if (author >= 0 && random.nextInt(3) == 0) s.delete("/api/posts/" + posts.get(i), tokens.get(author));
      }
      case 7 -> created(me < 2 ? me : 0, s.post("/api/posts", tokens.get(me < 2 ? me : 0),
          new JsonObject().put("text", "In the group " + n + " #deals").put("group", group)));
      case 8 -> {
        Response q = s.post("/api/posts", t, new JsonObject().put("text", "Question " + n + " on #kotlin?").put("kind", "question"));
        created(me, q);
        int other = (me + 1) % tokens.size();
        Response a = s.post("/api/posts", tokens.get(other), new JsonObject().put("text", "Answer " + n).put("inReplyTo", q.json().getString("id")));
        created(other, a);
        if (random.nextBoolean()) s.put("/api/posts/" + q.json().getString("id") + "/accepted-answer", t, new JsonObject().put("answer", a.json().getString("id")));
      }
      case 9 -> {
        Response idea = s.post("/api/posts", t, new JsonObject().put("text", "Idea " + n + " #office").put("kind", "idea"));
        created(me, idea);
        s.put("/api/posts/" + idea.json().getString("id") + "/idea-status", leader, new JsonObject().put("status", "under-review").put("note", "Looking " + n));
      }
      case 10 -> s.post("/api/users/" + PEOPLE.get((me + 2) % PEOPLE.size()) + "/skills", t, new JsonObject().put("topic", "kotlin"));
      case 11 -> s.post("/api/bookmarks", t, new JsonObject().put("url", "https://example.org/b" + (n % 4)).put("comment", "Worth it " + n)
          .put("tags", List.of("reading")));
      case 12 -> {
        Response a = s.post("/api/announcements", leader, new JsonObject().put("text", "Announcement " + n)
            .put("audience", new JsonObject().put("kind", "everyone")));
        if (a.status() == 201) s.put("/api/announcements/" + a.json().getString("id") + "/acknowledgement", t, null);
      }
      case 13 -> {
        // reported, and now and then an admin removes the post or keeps it
        String post = somePost();
        s.post("/api/posts/" + post + "/reports", t, new JsonObject().put("reason", "other").put("note", "Reported " + n));
        int decision = random.nextInt(3);
        if (decision == 0) s.post("/api/posts/" + post + "/moderation", admin, new JsonObject().put("action", "remove").put("reason", "Removed " + n));
        else if (decision == 1) s.post("/api/posts/" + post + "/moderation", admin, new JsonObject().put("action", "keep"));
      }
      case 14 -> {
        // saved to read later, and now and then taken off the list again
        String post = somePost();
        s.put("/api/posts/" + post + "/saved", t, null);
        if (random.nextInt(3) == 0) s.delete("/api/posts/" + somePost() + "/saved", t);
      }
      case 15 -> {
        // a poll, now and then in the group, and votes in it: cast, changed, withdrawn
        JsonObject body = new JsonObject().put("text", "Poll " + n + " #plans")
            .put("poll", new JsonObject().put("options", new JsonArray().add("Yes " + n).add("No " + n).add("Later " + n)));
        if (me < 2 && random.nextBoolean()) body.put("group", group);
        Response poll = s.post("/api/posts", t, body);
        created(me, poll);
        if (poll.status() == 201) {
          String id = poll.json().getString("id");
          for (String voter : tokens) s.put("/api/posts/" + id + "/vote", voter, new JsonObject().put("option", random.nextInt(3)));
          s.put("/api/posts/" + id + "/vote", tokens.get(who()), new JsonObject().put("option", random.nextInt(3)));
          if (random.nextBoolean()) s.delete("/api/posts/" + id + "/vote", tokens.get(who()));
          if (random.nextInt(3) == 0) s.post("/api/posts/" + id + "/poll/close", t, null);
        }
      }
      case 16 -> {
        // the group's owner pins a post (one not in the group is refused, which changes nothing) or takes one down
        String post = somePost();
        if (random.nextInt(3) == 0) s.delete("/api/groups/" + group + "/pinned/" + post, tokens.get(0));
        else s.put("/api/groups/" + group + "/pinned/" + post, tokens.get(0), null);
      }
      case 17 -> {
        // the group's owner connects a tool; it posts into the group, and now and then the owner gives it a new secret, or revokes it
        if (hook == null || random.nextInt(4) == 0) {
          if (hook != null) s.delete("/api/groups/" + group + "/integrations/" + hook.getString("id"), tokens.get(0));
          hook = s.post("/api/groups/" + group + "/integrations", tokens.get(0), new JsonObject().put("name", "Tool " + n)).json();
        } else if (random.nextInt(4) == 0) {
          hook = s.post("/api/groups/" + group + "/integrations/" + hook.getString("id") + "/secret", tokens.get(0), new JsonObject()).json();
        }
        Response r = s.call(io.vertx.core.http.HttpMethod.POST, "/hooks/" + hook.getString("id"), hook.getString("secret"),
            new JsonObject().put("text", "Build " + n + " passed #deals @" + PEOPLE.get(me)), java.util.Map.of());
        if (r.status() == 201) {
          posts.add(r.json().getString("id"));
          authors.add(hook.getString("author"));
        }
      }
      case 18 -> {
        // the group's member keeps it off her home, or has it back
        if (random.nextBoolean()) s.put("/api/me/muted-groups/" + group, tokens.get(1), null);
        else s.delete("/api/me/muted-groups/" + group, tokens.get(1));
      }
      case 19 -> {
        // a photo posted into the group, or to everyone
        Response up = s.upload(t, "photo-" + n + ".png", Images.png(8 + random.nextInt(8), 8));
        if (up.status() == 201) {
          JsonObject body = new JsonObject().put("text", "A photo " + n).put("attachments", new JsonArray().add(up.json().getString("id")));
          if (random.nextBoolean()) body.put("group", group);
          Response r = s.post("/api/posts", t, body);
          if (r.status() == 201) {
            posts.add(r.json().getString("id"));
            authors.add(PEOPLE.get(me));
          }
        }
      }
      default -> {
        JsonArray items = s.get("/api/notifications", t).json().getJsonArray("items");
        if (items != null && !items.isEmpty()) s.post("/api/notifications/read", t, new JsonObject().put("upTo", items.getJsonObject(0).getValue("id")));
      }
    }
  }

  private void created(int author, Response r) {
    if (r.status() != 201) return;
    posts.add(r.json().getString("id"));
    authors.add(PEOPLE.get(author));
  }

  /** How many posts {@code user} published. */
  public long postsBy(String user) {
    return authors.stream().filter(user::equals).count();
  }

  /** The admin erases {@code user} (one of {@link #PEOPLE}). */
  public RichHistory erase(String user) {
    Response r = s.delete("/api/users/" + user, admin);
    if (r.status() != 200) throw new AssertionError(r.body().toString());
    return this;
  }
}
