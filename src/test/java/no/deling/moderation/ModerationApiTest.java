package no.deling.moderation;

import static no.deling.support.TestServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reporting posts, the moderators' queue, and removing or keeping a post, through a real HTTP client. */
class ModerationApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;

  private static String admin(String user) {
    return s.server.tokens().sign(new JsonObject().put("sub", user).put("name", "Admin " + user).put("roles", new JsonArray().add("admin")), 60);
  }

  private static TestServer.Response report(String token, String post, String reason, String note) {
    JsonObject body = new JsonObject().put("reason", reason);
    if (note != null) body.put("note", note);
    return s.post("/api/posts/" + post + "/reports", token, body);
  }

  private static List<JsonObject> queue(String token) {
    return s.get("/api/moderation/reports", token).json().getJsonArray("items").stream().map(o -> (JsonObject) o).toList();
  }

  /** The queue's or log's item about this post. */
  private static JsonObject about(List<JsonObject> items, String post) {
    return items.stream().filter(i -> post.equals(i.getJsonObject("post").getString("id"))).findFirst()
        .orElseThrow(() -> new AssertionError("nothing about post " + post + " in " + items));
  }

  private static List<String> queuedPosts(String token) {
    return queue(token).stream().map(i -> i.getJsonObject("post").getString("id")).toList();
  }

  private static JsonObject notification(String token, String kind) {
    return s.notificationsOf(token, kind).getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(n -> kind.equals(n.getString("kind"))).findFirst().orElseThrow(() -> new AssertionError("no " + kind + " notification"));
  }

  @Test
  void reportedPosts_reachAnAdminsQueue_withoutNamingTheReporters_andAremovalTellsTheAuthorWhy() {
    String author = s.token("mod-author");
    String bob = s.token("mod-bob");
    String carol = s.token("mod-carol");
    String dave = s.token("mod-dave");
    String admin = admin("mod-admin");
    String post = s.publish(author, "Buy cheap watches at example.com");

    assertThat(report(bob, post, "spam", null).status()).isEqualTo(201);
    assertThat(report(bob, post, "spam", null).status()).as("reported already, still open").isEqualTo(200);
    assertProblem(report(carol, post, "other", null), 422, "note", "required");
    assertProblem(report(carol, post, "rude", null), 400, "reason", "enum");
    assertProblem(report(author, post, "spam", null), 422, "id", "not-own-post");
    assertThat(report(carol, post, "other", "Selling things on the intranet").status()).isEqualTo(201);

    TestServer.Response page = s.get("/api/moderation/reports", admin);
    JsonObject item = page.json().getJsonArray("items").getJsonObject(0);
    assertThat(item.getJsonObject("post").getString("id")).isEqualTo(post);
    assertThat(item.getInteger("reports")).isEqualTo(2);
    assertThat(page.json().getInteger("total")).isEqualTo(page.json().getJsonArray("items").size());
    assertThat(item.getJsonObject("reasons").getMap()).containsExactlyInAnyOrderEntriesOf(Map.of("spam", 1, "other", 1));
    assertThat(item.getJsonArray("notes").getJsonObject(0).getString("note")).isEqualTo("Selling things on the intranet");
    assertThat(page.body().toString()).as("moderators never learn who reported").doesNotContain("mod-bob").doesNotContain("mod-carol");
    assertThat(queue(dave)).as("someone who moderates nothing has an empty queue").isEmpty();

    assertThat(s.post("/api/posts/" + post + "/moderation", dave, new JsonObject().put("action", "remove").put("reason", "no")).status())
        .isEqualTo(403);
    assertThat(s.post("/api/posts/" + post + "/moderation", dave, new JsonObject().put("action", "keep")).status()).isEqualTo(403);
    assertProblem(s.post("/api/posts/" + post + "/moderation", admin, new JsonObject().put("action", "remove")), 422, "reason", "required");
    assertProblem(s.post("/api/posts/" + post + "/moderation", admin, new JsonObject().put("action", "delete")), 400, "action", "enum");

    TestServer.Response removed = s.post("/api/posts/" + post + "/moderation", admin,
        new JsonObject().put("action", "remove").put("reason", "Advertising is not what the intranet is for"));
    assertThat(removed.status()).as("%s", removed.body()).isEqualTo(200);
    for (String viewer : List.of(author, bob, admin)) assertThat(s.get("/api/posts/" + post, viewer).status()).isEqualTo(404);
    assertThat(queuedPosts(admin)).doesNotContain(post);

    JsonObject told = notification(author, "post.removed");
    assertThat(told.getString("reason")).isEqualTo("Advertising is not what the intranet is for");
    assertThat(told.getJsonArray("from").getJsonObject(0).getString("id")).isEqualTo("mod-admin");
    assertThat(notification(bob, "report.removed").containsKey("post")).isFalse();
    notification(carol, "report.removed");
    assertThat(s.post("/api/posts/" + post + "/moderation", admin, new JsonObject().put("action", "remove").put("reason", "again")).status())
        .as("a post that is gone is not removed twice").isEqualTo(404);
    assertThat(report(dave, post, "spam", null).status()).as("a removed post is no longer reported").isEqualTo(404);

    JsonObject export = s.get("/api/me/export", author).json();
    JsonObject exported = export.getJsonArray("posts").stream().map(o -> (JsonObject) o).filter(p -> post.equals(p.getString("id"))).findFirst().orElseThrow();
    assertThat(exported.getBoolean("deleted")).isTrue();
    assertThat(exported.getString("removalReason")).isEqualTo("Advertising is not what the intranet is for");
    assertThat(exported.getString("removedBy")).isEqualTo("mod-admin");
  }

  @Test
  void aReportedPostItsAuthorDeletes_leavesTheQueue_andItsReportersAreTold_butNotThoseOfAnEarlierRound() {
    String author = s.token("del-author");
    String bob = s.token("del-bob");
    String carol = s.token("del-carol");
    String admin = admin("del-admin");
    String post = s.publish(author, "Salaries of the whole team attached");
    assertThat(report(carol, post, "confidential", null).status()).isEqualTo(201);
    assertThat(s.post("/api/posts/" + post + "/moderation", admin, new JsonObject().put("action", "keep")).status()).isEqualTo(200);
    assertThat(report(bob, post, "confidential", null).status()).isEqualTo(201);
    assertThat(s.delete("/api/posts/" + post, author).status()).isEqualTo(204);
    assertThat(queuedPosts(admin)).doesNotContain(post);
    JsonObject told = notification(bob, "report.deleted");
    assertThat(told.containsKey("post")).as("the post is gone").isFalse();
    assertThat(told.getJsonArray("from").getJsonObject(0).getString("id")).isEqualTo("del-author");
    assertThat(s.get("/api/notifications", carol).json().getJsonArray("items").stream()
        .anyMatch(o -> "report.deleted".equals(((JsonObject) o).getString("kind")))).as("her round was closed already").isFalse();
    String plain = s.publish(author, "Never reported");
    assertThat(s.delete("/api/posts/" + plain, author).status()).isEqualTo(204);
  }

  @Test
  void aPostKept_closesItsReports_tellsTheReporters_andMayBeReportedAgain() {
    String author = s.token("keep-author");
    String bob = s.token("keep-bob");
    String admin = admin("keep-admin");
    String post = s.publish(author, "Our quarterly numbers are in the deck");
    assertThat(report(bob, post, "confidential", null).status()).isEqualTo(201);
    assertThat(queuedPosts(admin)).contains(post);
    assertProblem(s.post("/api/posts/" + post + "/moderation", admin, new JsonObject().put("action", "keep").put("reason", "fine")), 422,
        "reason", "remove-only");

    assertThat(s.post("/api/posts/" + post + "/moderation", admin, new JsonObject().put("action", "keep")).status()).isEqualTo(200);
    assertThat(queuedPosts(admin)).doesNotContain(post);
    assertThat(s.get("/api/posts/" + post, bob).status()).isEqualTo(200);
    assertThat(notification(bob, "report.kept").getString("post")).isEqualTo(post);
    assertThat(s.post("/api/posts/" + post + "/moderation", admin, new JsonObject().put("action", "keep")).status())
        .as("nothing open: nothing changes").isEqualTo(200);

    assertThat(report(bob, post, "confidential", "It names a customer").status()).as("a new round").isEqualTo(201);
    assertThat(about(queue(admin), post)
        .getInteger("reports")).isEqualTo(1);
  }

  /** How many of {@code token}'s notifications tell of a report on {@code post}. */
  private static long reportsTold(String token, String post) {
    return s.notifications(token, "post.reported").stream().filter(n -> post.equals(n.getString("post"))).count();
  }

  @Test
  void aPostsFirstReport_isToldToTheAdminsAsTheirLastTokensSaid_onceARound_namingTheAuthorNotTheReporter() {
    String admin = admin("tell-admin");
    s.get("/api/me", admin);
    String author = s.token("tell-author");
    String reader = s.token("tell-reader");
    s.get("/api/me", reader);
    String post = s.publish(author, "Our rival's price list, leaked");

    assertThat(report(s.token("tell-a"), post, "other", "Confidential").status()).isEqualTo(201);
    JsonObject told = notification(admin, "post.reported");
    assertThat(told.getString("post")).isEqualTo(post);
    assertThat(told.getJsonArray("from").getJsonObject(0).getString("id")).as("it names the author, not the reporter").isEqualTo("tell-author");
    assertThat(told.encode()).doesNotContain("tell-a\"");
    assertThat(report(s.token("tell-b"), post, "spam", null).status()).isEqualTo(201);
    assertThat(reportsTold(admin, post)).as("the first report of a round, not each").isEqualTo(1);
    assertThat(reportsTold(reader, post)).as("nobody who moderates nothing").isZero();
    assertThat(reportsTold(author, post)).isZero();

    assertThat(s.post("/api/posts/" + post + "/moderation", admin, new JsonObject().put("action", "keep")).status()).isEqualTo(200);
    assertThat(report(s.token("tell-c"), post, "other", "Still confidential").status()).isEqualTo(201);
    assertThat(no.deling.support.Await.settled(() -> reportsTold(admin, post), 2L, java.time.Duration.ofSeconds(2)))
        .as("a new round is told again").isEqualTo(2);
  }

  @Test
  void aPrivateGroupsPosts_areModeratedByItsOwners_andNeverReachAnAdminWhoIsNotInIt() {
    String owner = s.token("priv-owner");
    String mona = s.token("priv-mona");
    String mike = s.token("priv-mike");
    String outsider = s.token("priv-outsider");
    String admin = admin("priv-admin");
    s.get("/api/me", mona);
    s.get("/api/me", mike);
    String g = s.post("/api/groups", owner, new JsonObject().put("name", "Board room").put("access", "private")).json().getString("id");
    for (String user : List.of("priv-mona", "priv-mike")) {
      assertThat(s.put("/api/groups/" + g + "/members/" + user, owner, null).status()).isIn(200, 201);
    }
    s.put("/api/groups/" + g + "/members/priv-mona", mona, null);
    s.put("/api/groups/" + g + "/members/priv-mike", mike, null);
    String post = s.post("/api/posts", mike, new JsonObject().put("text", "Mona is useless").put("group", g)).json().getString("id");

    assertThat(report(outsider, post, "harassment", null).status()).as("a post one may not see is no post").isEqualTo(404);
    assertThat(report(admin, post, "harassment", null).status()).isEqualTo(404);
    assertThat(report(mona, post, "harassment", null).status()).isEqualTo(201);

    JsonObject told = notification(owner, "post.reported");
    assertThat(told.getString("post")).isEqualTo(post);
    assertThat(told.getJsonArray("from").getJsonObject(0).getString("id")).as("it names the author, not the reporter").isEqualTo("priv-mike");
    assertThat(queuedPosts(admin)).doesNotContain(post);
    assertThat(queuedPosts(mona)).as("a member who does not own the group moderates nothing").isEmpty();
    assertThat(queuedPosts(owner)).containsExactly(post);
    assertThat(s.post("/api/posts/" + post + "/moderation", admin, new JsonObject().put("action", "remove").put("reason", "x")).status())
        .isEqualTo(404);
    assertThat(s.post("/api/posts/" + post + "/moderation", owner, new JsonObject().put("action", "remove").put("reason", "Be kind")).status())
        .isEqualTo(200);
    assertThat(notification(mike, "post.removed").getJsonObject("group").getString("id")).isEqualTo(g);
    notification(mona, "report.removed");
  }

  @Test
  void anOpenGroupsPosts_areModeratedByItsOwnersAndByAdmins() {
    String owner = s.token("open-owner");
    String member = s.token("open-member");
    String reader = s.token("open-reader");
    String admin = admin("open-admin");
    s.get("/api/me", member);
    String g = s.openGroup(owner, "Running club");
    s.put("/api/groups/" + g + "/members/open-member", member, null);
    String post = s.post("/api/posts", member, new JsonObject().put("text", "Selling my old shoes").put("group", g)).json().getString("id");
    assertThat(report(reader, post, "spam", null).status()).isEqualTo(201);
    assertThat(queuedPosts(owner)).contains(post);
    assertThat(queuedPosts(admin)).contains(post);
    assertThat(s.post("/api/posts/" + post + "/moderation", owner, new JsonObject().put("action", "keep")).status()).isEqualTo(200);
    assertThat(queuedPosts(admin)).doesNotContain(post);
  }

  @Test
  void adminsOverseeWhatModeratorsDecided_butNotInsidePrivateGroupsTheyAreNotIn() {
    String owner = s.token("log-owner");
    String member = s.token("log-member");
    String admin = admin("log-admin");
    s.get("/api/me", member);
    String open = s.openGroup(owner, "Chess");
    String closed = s.post("/api/groups", owner, new JsonObject().put("name", "Chess board").put("access", "private")).json().getString("id");
    s.put("/api/groups/" + open + "/members/log-member", member, null);
    s.put("/api/groups/" + closed + "/members/log-member", owner, null);
    s.put("/api/groups/" + closed + "/members/log-member", member, null);
    String inOpen = s.post("/api/posts", member, new JsonObject().put("text", "Selling a chess set").put("group", open)).json().getString("id");
    String inClosed = s.post("/api/posts", member, new JsonObject().put("text", "Board gossip").put("group", closed)).json().getString("id");
    String kept = s.publish(member, "Chess club on Thursday");
    assertThat(report(owner, kept, "spam", null).status()).isEqualTo(201);
    assertThat(s.post("/api/posts/" + inOpen + "/moderation", owner, new JsonObject().put("action", "remove").put("reason", "No selling here")).status())
        .isEqualTo(200);
    assertThat(s.post("/api/posts/" + inClosed + "/moderation", owner, new JsonObject().put("action", "remove").put("reason", "Keep it kind")).status())
        .isEqualTo(200);
    assertThat(s.post("/api/posts/" + kept + "/moderation", admin, new JsonObject().put("action", "keep")).status()).isEqualTo(200);

    TestServer.Response log = s.get("/api/moderation/log?limit=100", admin);
    List<JsonObject> items = log.json().getJsonArray("items").stream().map(o -> (JsonObject) o).toList();
    JsonObject keptDecision = about(items, kept);
    assertThat(keptDecision.getString("action")).isEqualTo("keep");
    assertThat(keptDecision.getInteger("reports")).isEqualTo(1);
    JsonObject removal = about(items, inOpen);
    assertThat(removal.getString("reason")).isEqualTo("No selling here");
    assertThat(removal.getJsonObject("by").getString("id")).isEqualTo("log-owner");
    assertThat(removal.getJsonObject("post").getJsonObject("group").getString("name")).isEqualTo("Chess");
    assertThat(items.indexOf(keptDecision)).as("newest first").isLessThan(items.indexOf(removal));
    assertThat(log.body().toString()).as("a private group's decisions are its owners' own").doesNotContain(inClosed, "Keep it kind")
        .as("never the post's words").doesNotContain("Selling a chess set");
    assertThat(s.get("/api/moderation/log", owner).status()).isEqualTo(403);
    // a page at a time, one by one: the same decisions in the same order, the hidden one never counted
    List<JsonObject> paged = no.deling.support.Pages.walk(next -> s.get("/api/moderation/log?limit=1" + (next == null ? "" : "&before=" + next), admin)
        .json(), "items", items.size());
    assertThat(paged).isEqualTo(items);
    assertThat(s.get("/api/moderation/log?before=x", admin).status()).isEqualTo(400);
  }

  @Test
  void erasingAnAuthor_takesTheirRemovedPostsReasonsOutOfTheLog_asARebuildWould() {
    String author = s.token("gone-author");
    String admin = admin("gone-admin");
    String post = s.publish(author, "Something that breaks the rules");
    assertThat(s.post("/api/posts/" + post + "/moderation", admin, new JsonObject().put("action", "remove").put("reason", "Breaks rule 4")).status())
        .isEqualTo(200);
    assertThat(s.get("/api/moderation/log?limit=100", admin).body().toString()).contains(post, "Breaks rule 4");
    assertThat(s.delete("/api/users/gone-author", admin).status()).isIn(200, 204);
    assertThat(s.get("/api/moderation/log?limit=100", admin).body().toString()).doesNotContain(post).doesNotContain("Breaks rule 4");
  }

  @Test
  void erasingAReporter_takesTheirReportAway() {
    String author = s.token("erase-author");
    String reporter = s.token("erase-reporter");
    String other = s.token("erase-other");
    String admin = admin("erase-admin");
    String post = s.publish(author, "Something people dislike");
    assertThat(report(reporter, post, "other", "I name myself here: erase-reporter's complaint").status()).isEqualTo(201);
    assertThat(report(other, post, "misinformation", null).status()).isEqualTo(201);
    assertThat(s.delete("/api/users/erase-reporter", admin).status()).isIn(200, 204);
    JsonObject item = about(queue(admin), post);
    assertThat(item.getInteger("reports")).isEqualTo(1);
    assertThat(item.getJsonObject("reasons").getMap()).containsOnlyKeys("misinformation");
    assertThat(item.getJsonArray("notes")).isEmpty();
  }

  @Test
  void theQueueAndWhatPeopleWereTold_areTheSame_afterARestartAndAReplay() throws Exception {
    String[] posts = new String[3];
    no.deling.support.ModelRuns.playThenCheckThrice("deling-moderation", Map.of("DELING_WRITE_RATE", "0"), t -> {
      String author = t.token("r-author");
      String bob = t.token("r-bob");
      String admin = t.server.tokens().sign(new JsonObject().put("sub", "r-admin").put("roles", new JsonArray().add("admin")), 60);
      for (int i = 0; i < 3; i++) posts[i] = t.publish(author, "Post " + i);
      for (String post : posts) {
        assertThat(t.post("/api/posts/" + post + "/reports", bob, new JsonObject().put("reason", "spam")).status()).isEqualTo(201);
      }
      t.post("/api/posts/" + posts[1] + "/moderation", admin, new JsonObject().put("action", "keep"));
      t.post("/api/posts/" + posts[2] + "/moderation", admin, new JsonObject().put("action", "remove").put("reason", "Off topic"));
    }, (t, when) -> {
      String admin = t.server.tokens().sign(new JsonObject().put("sub", "r-admin").put("roles", new JsonArray().add("admin")), 60);
      List<String> queued = t.get("/api/moderation/reports", admin).json().getJsonArray("items").stream()
          .map(o -> ((JsonObject) o).getJsonObject("post").getString("id")).toList();
      assertThat(queued).as(when).containsExactly(posts[0]);
      List<String> bobWasTold = t.notificationsOf(t.token("r-bob"), "report.removed").getJsonArray("items").stream()
          .map(o -> ((JsonObject) o).getString("kind")).toList();
      assertThat(bobWasTold).as(when).containsExactlyInAnyOrder("report.kept", "report.removed");
      JsonObject authorWasTold = t.notificationsOf(t.token("r-author"), "post.removed").getJsonArray("items").getJsonObject(0);
      assertThat(authorWasTold.getString("reason")).as(when).isEqualTo("Off topic");
      assertThat(t.get("/api/posts/" + posts[2], admin).status()).as(when).isEqualTo(404);
    });
  }
}
