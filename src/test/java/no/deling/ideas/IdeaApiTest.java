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
