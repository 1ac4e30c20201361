package no.deling.follows;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** "Whom should I follow?", through a real HTTP client: ranked by the ties that exist, each with its reasons, and only from what I may see. */
class WhoToFollowApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;

  private static List<JsonObject> suggestions(String token) {
    return s.get("/api/me/suggestions?limit=10", token).json().getJsonArray("items").stream().map(o -> (JsonObject) o).toList();
  }

  @Test
  void colleaguesWhoRepliedEndorsedOrWriteWhereIListen_comeFirst_withTheirReasons_andNeverWhomIFollowOrWhatICannotSee() {
    String me = s.token("wtf-me", "Mia", "Sales");
    String replier = s.token("wtf-replier", "Rune", "Legal");
    String endorser = s.token("wtf-endorser", "Eva", "Legal");
    String writer = s.token("wtf-writer", "Tor", "Legal");
    String grouper = s.token("wtf-grouper", "Gro", "Legal");
    String colleague = s.token("wtf-colleague", "Dag", "Sales");
    String followed = s.token("wtf-followed", "Fia", "Legal");
    String secret = s.token("wtf-secret", "Sol", "Legal");
    for (String t : List.of(replier, endorser, writer, grouper, colleague, followed, secret)) s.get("/api/me", t);

    String mine = s.publish(me, "Our Q4 numbers are in");
    s.reply(replier, mine, "Great work");
    s.reply(replier, mine, "One question on the forecast");
    s.put("/api/posts/" + mine + "/endorsement", endorser, null);
    s.put("/api/me/following/topics/kotlin", me, null);
    for (int i = 0; i < 3; i++) s.publish(writer, "#kotlin tip " + i);
    String g = s.privateGroup(grouper, "Contracts");
    s.invite(g, grouper, "wtf-me", me);
    s.groupPost(grouper, g, "Template updated");
    s.put("/api/me/following/users/wtf-followed", me, null);
    s.publish(followed, "#kotlin from someone already followed");
    // words in a private group I am not in: they must not make Sol a suggestion, nor show why
    String hidden = s.privateGroup(secret, "Hidden");
    s.groupPost(secret, hidden, "#kotlin in secret");
    // a conversation in a private group I have since left: what I may no longer see is no reason
    String leaver = s.token("wtf-leaver", "Liv", "Legal");
    String left = s.privateGroup(leaver, "Left behind");
    s.invite(left, leaver, "wtf-me", me);
    String there = s.groupPost(me, left, "A thought for this group");
    s.reply(leaver, there, "Reply one");
    s.reply(leaver, there, "Reply two");
    s.put("/api/posts/" + there + "/endorsement", leaver, null);
    s.delete("/api/groups/" + left + "/members/wtf-me", me);
    JsonObject tool = s.post("/api/groups/" + g + "/integrations", grouper, new JsonObject().put("name", "Contract bot")).json();
    s.call(io.vertx.core.http.HttpMethod.POST, "/hooks/" + tool.getString("id"), tool.getString("secret"), new JsonObject().put("text", "Signed"),
        java.util.Map.of());

    List<JsonObject> items = suggestions(me);
    assertThat(items.stream().map(i -> i.getJsonObject("user").getString("id")).toList())
        .containsSubsequence("wtf-replier", "wtf-writer", "wtf-endorser")
        .contains("wtf-grouper", "wtf-colleague")
        .doesNotContain("wtf-me", "wtf-followed", "wtf-secret", "wtf-leaver", tool.getString("author"));
    JsonObject rune = items.get(0);
    assertThat(rune.getJsonObject("user").getString("name")).isEqualTo("Rune");
    assertThat(rune.getJsonObject("reasons").getMap()).containsEntry("repliedToMe", 2).containsEntry("sameDepartment", false);
    JsonObject dag = items.stream().filter(i -> i.getJsonObject("user").getString("id").equals("wtf-colleague")).findFirst().orElseThrow();
    assertThat(dag.getJsonObject("reasons").getMap()).containsEntry("sameDepartment", true).containsEntry("repliedToMe", 0);
    JsonObject tor = items.stream().filter(i -> i.getJsonObject("user").getString("id").equals("wtf-writer")).findFirst().orElseThrow();
    assertThat(tor.getJsonObject("reasons").getInteger("postsInMyTopics")).isEqualTo(3);

    s.put("/api/me/following/users/wtf-replier", me, null);
    assertThat(suggestions(me).stream().map(i -> i.getJsonObject("user").getString("id"))).as("followed now").doesNotContain("wtf-replier");
  }

  @Test
  void topicsThePeopleIFollowAndMyGroupsUse_areOffered_byHowManyColleaguesUseThem_notToolsNorWhatICannotSee() {
    String me = s.token("tt-me");
    String ann = s.token("tt-ann");
    String ben = s.token("tt-ben");
    String cy = s.token("tt-cy");
    String outsider = s.token("tt-out");
    for (String t : List.of(ann, ben, cy, outsider)) s.get("/api/me", t);
    s.put("/api/me/following/users/tt-ann", me, null);
    s.put("/api/me/following/users/tt-ben", me, null);
    s.put("/api/me/following/topics/java", me, null);
    s.publish(ann, "Structured concurrency notes #kotlinx #java");
    s.publish(ben, "Flows vs channels #kotlinx");
    s.publish(ben, "Gradle again #buildtools");
    String g = s.privateGroup(cy, "Platform");
    s.invite(g, cy, "tt-me", me);
    s.groupPost(cy, g, "Coroutines everywhere #kotlinx");
    JsonObject tool = s.post("/api/groups/" + g + "/integrations", cy, new JsonObject().put("name", "CI")).json();
    for (int i = 0; i < 5; i++) {
      s.call(io.vertx.core.http.HttpMethod.POST, "/hooks/" + tool.getString("id"), tool.getString("secret"), new JsonObject().put("text", "Build " + i + " #nightly"),
          java.util.Map.of());
    }
    // words in a private group I am not in
    String hidden = s.privateGroup(outsider, "Hidden");
    s.groupPost(outsider, hidden, "#secretproject kick-off");
    s.put("/api/me/following/users/tt-out", me, null);

    List<JsonObject> topics = s.get("/api/me/suggestions", me).json().getJsonArray("topics").stream().map(o -> (JsonObject) o).toList();
    List<String> tags = topics.stream().map(t -> t.getString("tag")).toList();
    assertThat(tags).as("by how many colleagues use them").startsWith("kotlinx").contains("buildtools")
        .doesNotContain("java", "nightly", "secretproject");
    assertThat(topics.get(0).getJsonObject("reasons").getMap()).containsEntry("colleagues", 3).containsEntry("postsInMyGroups", 1)
        .containsEntry("postsByPeopleIFollow", 2);
  }

  @Test
  void aNewcomer_isOfferedTheirDepartment() {
    String a = s.token("wtf-new1", "Ada", "Ops");
    String b = s.token("wtf-new2", "Bo", "Ops");
    s.get("/api/me", b);
    List<JsonObject> items = suggestions(a);
    assertThat(items).anySatisfy(i -> {
      assertThat(i.getJsonObject("user").getString("id")).isEqualTo("wtf-new2");
      assertThat(i.getJsonObject("reasons").getBoolean("sameDepartment")).isTrue();
    });
  }
}
