package no.deling.groups;

import static no.deling.support.TestServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import no.deling.support.StreamClient;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Groups through a real HTTP and WebSocket client: membership rules, group posts, and who sees them. */
class GroupApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;
  static String alice;
  static String bob;
  static String carol;
  static String dave;

  @BeforeAll
  static void start() {
    alice = s.token("alice");
    bob = s.token("bob");
    carol = s.token("carol");
    dave = s.token("dave");
    for (String t : List.of(alice, bob, carol, dave)) assertThat(s.get("/api/me", t).status()).isEqualTo(200);
  }


  static String group(String token, String name, String access) {
    Response r = s.post("/api/groups", token, new JsonObject().put("name", name).put("access", access).put("topics", List.of("deals")));
    assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
    return r.json().getString("id");
  }

  static String post(String token, String group, String text) {
    Response r = s.post("/api/posts", token, new JsonObject().put("text", text).put("group", group));
    assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
    return r.json().getString("id");
  }

  static List<String> texts(Response page) {
    return page.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("text")).toList();
  }

  @Test
  void privateGroup_isInvisible_toOutsiders_andItsPostsReachMembersOnly() {
    String g = group(alice, "Sales leads", "private");
    assertThat(s.get("/api/groups/" + g, alice).json().getString("role")).isEqualTo("owner");
    assertThat(s.get("/api/groups/" + g, carol).status()).isEqualTo(404);
    assertThat(s.get("/api/groups", carol).json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id"))).doesNotContain(g);
    // carol follows alice, but is not in the group
    s.put("/api/me/following/users/alice", carol, null);
    // an invitation, accepted
    assertThat(s.put("/api/groups/" + g + "/members/bob", alice, null).json().getString("role")).isEqualTo("invited");
    assertThat(s.get("/api/groups/" + g, bob).json().getString("role")).isEqualTo("invited");
    assertThat(s.get("/api/groups/" + g + "/posts", bob).status()).as("an invitee is not yet a reader").isEqualTo(403);
    assertThat(s.put("/api/groups/" + g + "/members/bob", bob, null).json().getString("role")).isEqualTo("member");

    String secret = post(alice, g, "Q4 pipeline #deals is secret");
    assertThat(s.get("/api/posts/" + secret, bob).json().getString("group")).isEqualTo(g);
    // met on the home timeline, the post says where it was posted, and so who else reads it
    JsonObject inHome = s.get("/api/timelines/home", bob).json().getJsonArray("items").getJsonObject(0);
    assertThat(inHome.getJsonObject("postedIn")).isEqualTo(new JsonObject().put("id", g).put("name", "Sales leads").put("access", "private"));
    assertThat(s.get("/api/posts/" + secret, carol).status()).isEqualTo(404);
    assertThat(s.get("/api/posts/" + secret + "/thread", carol).status()).isEqualTo(404);
    assertThat(texts(s.get("/api/timelines/home", bob))).contains("Q4 pipeline #deals is secret");
    assertThat(texts(s.get("/api/timelines/home", carol))).doesNotContain("Q4 pipeline #deals is secret");
    assertThat(texts(s.get("/api/users/alice/posts", carol))).doesNotContain("Q4 pipeline #deals is secret");
    assertThat(texts(s.get("/api/topics/deals/posts", carol))).doesNotContain("Q4 pipeline #deals is secret");
    assertThat(texts(s.get("/api/groups/" + g + "/posts", bob))).containsExactly("Q4 pipeline #deals is secret");
    assertThat(s.get("/api/groups/" + g + "/posts", carol).status()).isEqualTo(404);
    assertThat(s.get("/api/users/alice", carol).json().getInteger("posts"))
        .as("a profile's count leaves out what its viewer may not see")
        .isEqualTo(s.get("/api/users/alice", bob).json().getInteger("posts") - 1);

    // outsiders cannot reply, endorse or share; a member cannot share it outside
    assertProblem(s.post("/api/posts", carol, new JsonObject().put("text", "me too").put("inReplyTo", secret)), 422, "inReplyTo", "existing-post");
    assertThat(s.put("/api/posts/" + secret + "/endorsement", carol, null).status()).isEqualTo(404);
    assertProblem(s.put("/api/posts/" + secret + "/share", bob, null), 422, "id", "private-group-post");
    assertProblem(s.post("/api/posts", carol, new JsonObject().put("text", "hi").put("group", g)), 422, "group", "existing-group");

    // a reply goes to the thread's group
    Response reply = s.post("/api/posts", bob, new JsonObject().put("text", "on it").put("inReplyTo", secret));
    assertThat(reply.json().getJsonObject("post").getString("group")).isEqualTo(g);

    // bob leaves: he reads nothing of the group any more
    assertThat(s.delete("/api/groups/" + g + "/members/bob", bob).json().getValue("role")).isNull();
    assertThat(s.get("/api/posts/" + secret, bob).status()).isEqualTo(404);
    assertThat(texts(s.get("/api/timelines/home", bob))).doesNotContain("Q4 pipeline #deals is secret");
  }

  @Test
  void joinRequests_areApprovedByOwners_whoAreNotified() {
    String g = group(alice, "Board prep", "private");
    assertThat(s.post("/api/groups/" + g + "/requests", dave, null).json().getString("role")).isEqualTo("requested");
    JsonObject n = s.notificationsOf(alice, "group.request");
    assertThat(n.getJsonArray("items").stream().map(o -> (JsonObject) o))
        .anySatisfy(x -> {
          assertThat(x.getString("kind")).isEqualTo("group.request");
          assertThat(x.getJsonObject("group").getString("id")).isEqualTo(g);
        });
    assertThat(s.put("/api/groups/" + g + "/members/dave", carol, null).status()).as("not an owner (nor a member)").isEqualTo(404);
    assertThat(s.get("/api/groups/" + g + "/members", alice).json().getJsonArray("items").size()).isEqualTo(2);
    assertThat(s.put("/api/groups/" + g + "/members/dave", alice, null).json().getString("role")).isEqualTo("member");
    assertThat(s.notificationsOf(dave, "group.approved").getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("kind")))
        .contains("group.approved");
    // a group always keeps an owner
    assertProblem(s.delete("/api/groups/" + g + "/members/alice", alice), 422, "user", "last-owner");
    assertThat(s.put("/api/groups/" + g + "/members/dave", alice, new JsonObject().put("role", "owner")).json().getString("role")).isEqualTo("owner");
    assertThat(s.delete("/api/groups/" + g + "/members/alice", alice).status()).isEqualTo(200);
  }

  @Test
  void members_comeAPageAtATime_whatWaitsForAnOwnerFirst_thenOwners_thenMembers_andFindByName() {
    String owner = s.token("gm-owner");
    String g = group(owner, "Whole company", "open");
    List<String> joined = new java.util.ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String id = "gm-member" + i;
      assertThat(s.put("/api/groups/" + g + "/members/" + id, s.token(id), null).status()).isEqualTo(200);
      joined.add(id);
    }
    assertThat(s.put("/api/groups/" + g + "/members/gm-member3", owner, new JsonObject().put("role", "owner")).status()).isEqualTo(200);
    assertThat(s.get("/api/me", s.token("gm-invitee")).status()).isEqualTo(200);
    Response invited = s.put("/api/groups/" + g + "/members/gm-invitee", owner, null);
    assertThat(invited.json().getString("role")).as("%s", invited.body()).isEqualTo("invited");
    String member = s.token("gm-member0");

    // the owner: the invitation first, then the two owners, then the members in the order they joined
    List<String> seen = new java.util.ArrayList<>();
    String next = null;
    do {
      JsonObject page = s.get("/api/groups/" + g + "/members?limit=3" + (next == null ? "" : "&next=" + next), owner).json();
      assertThat(page.getJsonArray("items").size()).isLessThanOrEqualTo(3);
      page.getJsonArray("items").forEach(o -> seen.add(((JsonObject) o).getJsonObject("user").getString("id") + ":" + ((JsonObject) o).getString("role")));
      next = page.getString("next");
    } while (next != null);
    assertThat(seen).containsExactly("gm-invitee:invited", "gm-owner:owner", "gm-member3:owner", "gm-member0:member", "gm-member1:member",
        "gm-member2:member", "gm-member4:member", "gm-member5:member", "gm-member6:member");
    // a member sees no invitations; the default page is twenty
    JsonObject all = s.get("/api/groups/" + g + "/members", member).json();
    assertThat(all.getJsonArray("items")).hasSize(8);
    assertThat(all.getString("next")).isNull();
    assertThat(all.encode()).doesNotContain("gm-invitee");
    assertThat(s.get("/api/groups/" + g + "/members?q=MEMBER5", member).json().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getJsonObject("user").getString("id"))).containsExactly("gm-member5");
    assertProblem(s.get("/api/groups/" + g + "/members?limit=101", member), 400, "limit", "maximum");
  }

  @Test
  void openGroup_anyoneJoins_andArchivingMakesItReadOnly() {
    String g = group(alice, "Kotlin guild", "open");
    assertThat(s.get("/api/groups/" + g, carol).json().getString("access")).isEqualTo("open");
    Response joined = s.put("/api/groups/" + g + "/members/carol", carol, null);
    assertThat(joined.json().getString("role")).as("%s", joined.body()).isEqualTo("member");
    String p = post(carol, g, "Coroutines talk on Friday");
    assertThat(texts(s.get("/api/groups/" + g + "/posts", dave))).as("an open group is public").contains("Coroutines talk on Friday");
    assertThat(texts(s.get("/api/timelines/home", alice))).as("members get group posts at home").contains("Coroutines talk on Friday");
    assertThat(s.get("/api/me/groups", carol).json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id"))).contains(g);
    assertThat(s.post("/api/groups/" + g + "/archive", carol, null).status()).isEqualTo(403);
    assertThat(s.post("/api/groups/" + g + "/archive", alice, null).json().getBoolean("archived")).isTrue();
    assertThat(s.post("/api/posts", carol, new JsonObject().put("text", "late").put("group", g)).status()).isEqualTo(403);
    assertThat(s.get("/api/posts/" + p, dave).status()).isEqualTo(200);
  }

  @Test
  void anOwnerRenamesTheGroup_rewritesItsDescriptionAndTopics_andSearchFindsItByItsNewName() {
    String g = group(alice, "Bike crew", "open");
    Response r = s.call(io.vertx.core.http.HttpMethod.PATCH, "/api/groups/" + g, alice,
        new JsonObject().put("name", "Cycling club").put("topics", List.of("cycling", "#Bikes")).toBuffer(), Map.of("Content-Type", "application/json"));
    assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    assertThat(r.json().getString("name")).isEqualTo("Cycling club");
    assertThat(r.json().getJsonArray("topics")).containsExactly("cycling", "bikes");
    JsonObject seen = s.get("/api/groups/" + g, bob).json();
    assertThat(seen.getString("name")).isEqualTo("Cycling club");
    assertThat(seen.getString("access")).isEqualTo("open");
    String earlier = post(alice, g, "Sunday ride?");
    assertThat(s.get("/api/posts/" + earlier, carol).json().getJsonObject("postedIn").getString("name")).isEqualTo("Cycling club");
    s.call(io.vertx.core.http.HttpMethod.PATCH, "/api/groups/" + g, alice,
        new JsonObject().put("name", "Cycling & coffee").toBuffer(), Map.of("Content-Type", "application/json"));
    assertThat(s.get("/api/posts/" + earlier, carol).json().getJsonObject("postedIn").getString("name"))
        .as("a post already written names the group as it is called now").isEqualTo("Cycling & coffee");
    assertThat(s.get("/api/timelines/home", carol).json().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(o -> o.getValue("group") == null).map(o -> o.containsKey("postedIn")).toList()).as("a post to everyone has none").doesNotContain(true);
    Response byCarol = s.call(io.vertx.core.http.HttpMethod.PATCH, "/api/groups/" + g, carol,
        new JsonObject().put("name", "Carol's club").toBuffer(), Map.of("Content-Type", "application/json"));
    assertThat(byCarol.status()).isEqualTo(403);
    Response empty = s.call(io.vertx.core.http.HttpMethod.PATCH, "/api/groups/" + g, alice, new JsonObject().toBuffer(),
        Map.of("Content-Type", "application/json"));
    assertThat(empty.status()).as("%s", empty.body()).isEqualTo(400);
    Response access = s.call(io.vertx.core.http.HttpMethod.PATCH, "/api/groups/" + g, alice, new JsonObject().put("access", "private").toBuffer(),
        Map.of("Content-Type", "application/json"));
    assertThat(access.status()).as("access is fixed at creation").isEqualTo(400);
    s.awaitSearch();
    assertThat(s.get("/api/search?q=cycling&type=group", bob).body().toString()).contains(g);
    assertThat(s.get("/api/search?q=crew&type=group", bob).body().toString()).as("the old name is gone from search").doesNotContain(g);
  }

  @Test
  void removedMember_losesTheGroupStream_atOnce_andCannotResumeIntoIt() {
    String g = group(alice, "Reorg", "private");
    s.put("/api/groups/" + g + "/members/carol", alice, null);
    s.put("/api/groups/" + g + "/members/carol", carol, null);
    try (StreamClient ws = StreamClient.connect(s.vertx, s.server.port(), carol);
        StreamClient outsider = StreamClient.connect(s.vertx, s.server.port(), dave)) {
      JsonObject ack = ws.subscribe(new JsonObject().put("stream", "group").put("group", g));
      assertThat(ack.getString("type")).isEqualTo("subscribed");
      assertThat(outsider.subscribe(new JsonObject().put("stream", "group").put("group", g)).getString("code")).isEqualTo("not_found");
      long before = ack.getLong("position");
      post(alice, g, "first plan");
      assertThat(ws.next("update").getJsonObject("post").getString("text")).isEqualTo("first plan");
      s.delete("/api/groups/" + g + "/members/carol", alice);
      JsonObject revoked = ws.next("error");
      assertThat(revoked.getString("code")).isEqualTo("forbidden");
      assertThat(revoked.getString("stream")).isEqualTo("group:" + g);
      post(alice, g, "second plan");
      try (StreamClient again = StreamClient.connect(s.vertx, s.server.port(), carol)) {
        assertThat(again.subscribe(new JsonObject().put("stream", "group").put("group", g)).getString("type")).isEqualTo("error");
        again.subscribe(new JsonObject().put("stream", "home").put("since", before));
        again.subscribe(new JsonObject().put("stream", "user").put("user", "alice").put("since", before));
        assertThat(again.drain(300).stream().map(JsonObject::encode)).noneMatch(m -> m.contains("plan"));
      }
      assertThat(ws.drain(200).stream().map(JsonObject::encode)).noneMatch(m -> m.contains("second plan"));
    }
  }
}
