package no.deling.ideas;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ideas board and idea statuses through a real HTTP client. */
class IdeaApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;

  private static String propose(String token, String text) {
    TestServer.Response r = s.post("/api/posts", token, new JsonObject().put("text", text).put("kind", "idea"));
    assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
    return r.json().getString("id");
  }

  private static List<String> board(String query, String token) {
    JsonArray items = s.get("/api/ideas?" + query, token).json().getJsonArray("items");
    return items.stream().map(o -> ((JsonObject) o).getJsonObject("idea").getString("id")).toList();
  }

  private static String leader(TestServer t, String id, String name, String department) {
    return t.server.tokens().sign(new JsonObject().put("sub", id).put("name", name).put("department", department)
        .put("roles", List.of("leader")), 600);
  }

  /** How many of {@code token}'s notifications say that {@code idea} rose. */
  private static long risings(TestServer t, String token, String idea) {
    return t.notifications(token, "idea.rising").stream().filter(n -> idea.equals(n.getString("post"))).count();
  }

  private static void endorse(TestServer t, String idea, String... users) {
    for (String user : users) assertThat(t.put("/api/posts/" + idea + "/endorsement", t.token(user), null).status()).isEqualTo(200);
  }

  @Test
  void anIdeasFifthEndorsement_reachesTheLeadersOfItsAuthorsDepartment_once_butNotItsAuthorNorALeaderWhoEndorsedIt() {
    String author = s.token("rise-rita", "Rita", "Facilities");
    String lea = leader(s, "rise-lea", "Lea", "facilities");
    String leo = leader(s, "rise-leo", "Leo", "Facilities");
    String lis = leader(s, "rise-lis", "Lis", "Finance");
    String colleague = s.token("rise-col", "Col", "Facilities");
    for (String t : List.of(author, lea, leo, lis, colleague)) s.get("/api/me", t);
    String idea = propose(author, "A bike repair stand in the garage");
    assertThat(s.put("/api/posts/" + idea + "/endorsement", leo, null).status()).isEqualTo(200);
    endorse(s, idea, "rise-f1", "rise-f2", "rise-f3");
    assertThat(risings(s, lea, idea)).as("four endorsements").isZero();

    endorse(s, idea, "rise-f4");
    assertThat(no.deling.support.Await.settled(() -> risings(s, lea, idea), 1L, java.time.Duration.ofSeconds(2))).isEqualTo(1);
    JsonObject told = s.notifications(lea, "idea.rising").get(0);
    assertThat(no.deling.notifications.NotificationWords.of("en").line(told)).isEqualTo("Rita has an idea from your department that five colleagues endorsed");
    // taken back and given again, and a sixth: no second time
    s.delete("/api/posts/" + idea + "/endorsement", s.token("rise-f4"));
    endorse(s, idea, "rise-f4", "rise-f5");
    // told of a later post, Lea has been told of everything before it (notifications are kept in the log's order)
    s.post("/api/posts", colleague, new JsonObject().put("text", "Thanks for backing the stand, @rise-lea"));
    s.notificationsOf(lea, "mention");
    assertThat(risings(s, lea, idea)).as("once").isEqualTo(1);
    assertThat(risings(s, leo, idea)).as("a leader who endorsed it knows").isZero();
    assertThat(risings(s, lis, idea)).as("another department's leader").isZero();
    assertThat(risings(s, colleague, idea)).as("a colleague who leads nothing").isZero();
    assertThat(risings(s, author, idea)).isZero();
  }

  @Test
  void anIdeaRisesOnce_andItsDepartmentsLeadersAreKnown_whileRunning_afterARestart_andAfterAReplay() throws Exception {
    String[] ideas = new String[3];
    java.util.concurrent.atomic.AtomicInteger look = new java.util.concurrent.atomic.AtomicInteger();
    no.deling.support.ModelRuns.playThenCheckThrice("deling-ideas-rise", java.util.Map.of("DELING_WRITE_RATE", "0"), t -> {
      t.get("/api/me", leader(t, "r-lea", "Lea", "Legal"));
      String author = t.token("r-ada", "Ada", "Legal");
      for (int i = 0; i < ideas.length; i++) {
        ideas[i] = t.post("/api/posts", author, new JsonObject().put("text", "Idea " + i).put("kind", "idea")).json().getString("id");
        endorse(t, ideas[i], "r-f1", "r-f2", "r-f3", "r-f4");
      }
    }, (t, when) -> {
      // each look, one more idea has its fifth endorsement, and the first one another
      int k = look.getAndIncrement();
      endorse(t, ideas[k], "r-f5");
      if (k > 0) endorse(t, ideas[0], "r-g" + k);
      String lea = leader(t, "r-lea", "Lea", "Legal");
      assertThat(no.deling.support.Await.settled(() -> risings(t, lea, ideas[k]), 1L, java.time.Duration.ofSeconds(2))).as(when).isEqualTo(1);
      for (int i = 0; i < k; i++) assertThat(risings(t, lea, ideas[i])).as("%s: idea %d once", when, i).isEqualTo(1);
    });
  }

  @Test
  void risingPutsTheIdeaGatheringSupport_aboveOlderOnes_andLeadersSetStatuses() {
    String author = s.token("idea-author");
    String leader = s.server.tokens().sign(new JsonObject().put("sub", "idea-leader").put("name", "Lea").put("roles", List.of("leader")), 60);
    List<String> fans = List.of(s.token("idea-f1"), s.token("idea-f2"), s.token("idea-f3"));
    String older = propose(author, "Bike racks by the entrance #ideaboard");
    String newer = propose(author, "Quiet room on the third floor #ideaboard");
    s.put("/api/posts/" + newer + "/endorsement", fans.get(0), null);
    s.put("/api/posts/" + newer + "/endorsement", fans.get(1), null);
    s.put("/api/posts/" + older + "/endorsement", fans.get(2), null);
    assertThat(board("topic=ideaboard", author)).containsExactly(newer, older);
    assertThat(board("topic=ideaboard&sort=newest", author)).containsExactly(newer, older);
    s.put("/api/posts/" + older + "/endorsement", fans.get(0), null);
    s.put("/api/posts/" + older + "/endorsement", fans.get(1), null);
    assertThat(board("topic=ideaboard", author)).as("three endorsements now beat two").containsExactly(older, newer);
    // a page at a time, in the same order; and an endorsement taken back moves it back down
    JsonObject first = s.get("/api/ideas?topic=ideaboard&limit=1", author).json();
    assertThat(first.getJsonArray("items").getJsonObject(0).getJsonObject("idea").getString("id")).isEqualTo(older);
    assertThat(board("topic=ideaboard&limit=1&next=" + first.getString("next"), author)).containsExactly(newer);
    String third = propose(author, "Standing desks for everyone #ideaboard");
    assertThat(board("topic=ideaboard", author)).as("a new idea, unendorsed, comes last").containsExactly(older, newer, third);
    s.delete("/api/posts/" + older + "/endorsement", fans.get(0));
    s.delete("/api/posts/" + older + "/endorsement", fans.get(1));
    assertThat(board("topic=ideaboard", author)).as("two withdrawn: one left against two").containsExactly(newer, older, third);
    s.put("/api/posts/" + older + "/endorsement", fans.get(0), null);
    s.put("/api/posts/" + older + "/endorsement", fans.get(1), null);
    assertThat(board("topic=ideaboard", author)).containsExactly(older, newer, third);
    s.delete("/api/posts/" + third, author);

    assertThat(s.put("/api/posts/" + older + "/idea-status", author, new JsonObject().put("status", "accepted")).status()).isEqualTo(403);
    JsonObject decided = s.put("/api/posts/" + older + "/idea-status", leader, new JsonObject().put("status", "accepted").put("note", "Ordered")).json();
    assertThat(decided.getString("status")).isEqualTo("accepted");
    assertThat(decided.getString("note")).isEqualTo("Ordered");
    assertThat(board("topic=ideaboard&status=accepted", author)).containsExactly(older);
    JsonObject told = s.notificationsOf(fans.get(2), "idea.status").getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(n -> "idea.status".equals(n.getString("kind"))).findFirst().orElseThrow();
    assertThat(told.getString("reason")).isEqualTo("accepted: Ordered");
    assertThat(s.notificationsOf(author, "idea.status").getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("kind")))
        .contains("idea.status");
  }

  @Test
  void aGroupsOwner_decidesTheGroupsIdeas() {
    String owner = s.token("idea-owner");
    String member = s.token("idea-member");
    s.get("/api/me", member);
    String g = s.openGroup(owner, "Facilities");
    s.put("/api/groups/" + g + "/members/idea-member", member, null);
    String idea = s.post("/api/posts", member, new JsonObject().put("text", "More plants").put("kind", "idea").put("group", g)).json().getString("id");
    assertThat(board("group=" + g, member)).containsExactly(idea);
    assertThat(s.put("/api/posts/" + idea + "/idea-status", owner, new JsonObject().put("status", "done")).json().getString("status")).isEqualTo("done");
    assertThat(s.put("/api/posts/" + idea + "/idea-status", member, new JsonObject().put("status", "declined")).status()).isEqualTo(403);
  }
}
