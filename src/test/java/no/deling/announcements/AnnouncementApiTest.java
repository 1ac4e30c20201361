package no.deling.announcements;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.deling.support.StreamClient;
import no.deling.support.StreamSchemas;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Announcements as leaders and their audiences use them, over HTTP and the live stream. */
class AnnouncementApiTest {
  @TempDir Path dir;
  TestServer s;
  final Map<String, String> tokens = new HashMap<>();

  @BeforeEach
  void start() {
    s = TestServer.start(dir);
    login("lea", "Management", true);
    for (int i = 1; i <= 6; i++) login("s" + i, "Sales", false);
    login("e1", "Engineering", false);
    login("e2", "Engineering", false);
  }

  @AfterEach
  void stop() {
    s.close();
  }

  private void login(String user, String department, boolean leader) {
    JsonObject body = new JsonObject().put("user", user).put("department", department);
    if (leader) body.put("roles", new JsonArray().add("leader"));
    Response r = s.post("/api/dev/login", null, body);
    assertThat(r.status()).isEqualTo(200);
    tokens.put(user, r.json().getString("token"));
  }

  private JsonObject announce(String who, String text, JsonObject audience) {
    Response r = s.post("/api/announcements", tokens.get(who), new JsonObject().put("text", text).put("audience", audience));
    assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
    return r.json();
  }

  private List<String> pinned(String who) {
    JsonObject home = s.get("/api/timelines/home", tokens.get(who)).json();
    return home.getJsonArray("announcements").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  private JsonObject reach(String id) {
    return s.get("/api/announcements/" + id, tokens.get("lea")).json().getJsonObject("reach");
  }

  @Test
  void aDepartmentAnnouncement_staysPinnedUntilAcknowledged_andItsAuthorSeesACount() {
    String id = announce("lea", "Sales kick-off moves to Thursday #kickoff", new JsonObject().put("kind", "department").put("department", "sales")).getString("id");
    assertThat(reach(id)).isEqualTo(new JsonObject().put("audience", 6).put("acknowledged", 0));
    assertThat(pinned("s1")).containsExactly(id);
    assertThat(pinned("e1")).isEmpty();
    assertThat(pinned("lea")).as("its author knows what they said").isEmpty();
    assertThat(s.get("/api/announcements/" + id, tokens.get("e1")).status()).isEqualTo(404);
    assertThat(s.put("/api/announcements/" + id + "/acknowledgement", tokens.get("e1"), null).status()).isEqualTo(404);

    long before = s.head();
    assertThat(s.put("/api/announcements/" + id + "/acknowledgement", tokens.get("s1"), null).json().getBoolean("acknowledged")).isTrue();
    assertThat(s.put("/api/announcements/" + id + "/acknowledgement", tokens.get("s1"), null).status()).isEqualTo(200);
    assertThat(s.events().stream().filter(e -> e.position() > before && e.type().equals("AnnouncementAcknowledged.v1")).count())
        .as("acknowledging twice is one event").isEqualTo(1);
    assertThat(pinned("s1")).isEmpty();
    assertThat(pinned("s2")).containsExactly(id);
    assertThat(s.get("/api/announcements/" + id, tokens.get("s1")).json().getBoolean("acknowledged")).isTrue();
    Response forAuthor = s.get("/api/announcements/" + id, tokens.get("lea"));
    assertThat(forAuthor.json().getJsonObject("reach")).isEqualTo(new JsonObject().put("audience", 6).put("acknowledged", 1));
    assertThat(forAuthor.body().toString()).as("a count, never names").doesNotContain("\"s1\"");
    assertThat(s.get("/api/announcements/" + id, tokens.get("s2")).json().containsKey("reach")).as("only its author sees the reach").isFalse();

    // the directory decides the audience now: a new colleague in Sales sees it and counts
    login("s7", "Sales", false);
    assertThat(pinned("s7")).containsExactly(id);
    assertThat(reach(id).getInteger("audience")).isEqualTo(7);
  }

  @Test
  void anAudienceUnderFivePeople_getsNoCount() {
    String id = announce("lea", "Engineering offsite", new JsonObject().put("kind", "department").put("department", "Engineering")).getString("id");
    assertThat(reach(id).containsKey("audience")).isFalse();
    assertThat(reach(id).containsKey("acknowledged")).isFalse();
    assertThat(reach(id).getString("hidden")).contains("under 5");
    s.put("/api/announcements/" + id + "/acknowledgement", tokens.get("e1"), null);
    assertThat(reach(id).containsKey("acknowledged")).isFalse();
  }

  @Test
  void onlyLeaders_announce_andBadAudiencesAreRefused() {
    Response employee = s.post("/api/announcements", tokens.get("s1"),
        new JsonObject().put("text", "Hi all").put("audience", new JsonObject().put("kind", "everyone")));
    assertThat(employee.status()).isEqualTo(403);
    Response nobody = s.post("/api/announcements", tokens.get("lea"),
        new JsonObject().put("text", "Hi").put("audience", new JsonObject().put("kind", "department").put("department", "Nowhere")));
    assertThat(nobody.status()).isEqualTo(422);
    assertThat(nobody.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("audience.department");
    Response badKind = s.post("/api/announcements", tokens.get("lea"),
        new JsonObject().put("text", "Hi").put("audience", new JsonObject().put("kind", "galaxy")));
    assertThat(badKind.status()).isEqualTo(400);
    assertThat(badKind.json().getJsonArray("errors").getJsonObject(0).getString("field")).startsWith("audience");
  }

  @Test
  void live_theAudienceGetsItOnTheHomeStream_acknowledgingAndWithdrawingUnpinIt() {
    try (StreamClient s2 = StreamClient.connect(s.vertx, s.server.port(), tokens.get("s2"));
        StreamClient e1 = StreamClient.connect(s.vertx, s.server.port(), tokens.get("e1"))) {
      s2.subscribe(new JsonObject().put("type", "subscribe").put("stream", "home"));
      e1.subscribe(new JsonObject().put("type", "subscribe").put("stream", "home"));
      long since = s.head();
      String id = announce("lea", "Sales targets are out", new JsonObject().put("kind", "department").put("department", "Sales")).getString("id");
      JsonObject live = s2.next("announcement");
      assertThat(live.getJsonObject("announcement").getString("id")).isEqualTo(id);
      assertThat(StreamSchemas.problem(live)).isNull();

      s.put("/api/announcements/" + id + "/acknowledgement", tokens.get("s2"), null);
      JsonObject acked = s2.next("announcement.acknowledged");
      assertThat(acked.getString("id")).isEqualTo(id);
      assertThat(StreamSchemas.problem(acked)).isNull();

      assertThat(s.delete("/api/announcements/" + id, tokens.get("s1")).status()).isEqualTo(403);
      assertThat(s.delete("/api/announcements/" + id, tokens.get("lea")).status()).isEqualTo(204);
      JsonObject withdrawn = s2.next("announcement.withdrawn");
      assertThat(StreamSchemas.problem(withdrawn)).isNull();
      assertThat(pinned("s3")).isEmpty();
      assertThat(e1.drain(300)).as("Engineering is not the audience").noneMatch(m -> m.getString("type").startsWith("announcement"));

      // a resume replays only what still applies: the withdrawn announcement is not pinned again
      try (StreamClient again = StreamClient.connect(s.vertx, s.server.port(), tokens.get("s3"))) {
        again.send(new JsonObject().put("type", "subscribe").put("stream", "home").put("since", since));
        List<JsonObject> replay = again.drain(500);
        assertThat(replay).noneMatch(m -> m.getString("type").equals("announcement"));
        assertThat(replay).anyMatch(m -> m.getString("type").equals("announcement.withdrawn"));
      }
    }
  }

  @Test
  void toEveryone_reachesEveryDepartment_andTheListShowsMineAndThoseForMe() {
    String id = announce("lea", "Welcome to Deling!", new JsonObject().put("kind", "everyone")).getString("id");
    assertThat(pinned("e1")).containsExactly(id);
    assertThat(pinned("s6")).containsExactly(id);
    assertThat(reach(id).getInteger("audience")).isEqualTo(8);
    assertThat(s.get("/api/announcements", tokens.get("e1")).json().getJsonArray("items")).hasSize(1);
    assertThat(s.get("/api/announcements", tokens.get("lea")).json().getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(id);
    // a later page (a cursor just below the largest id) carries none
    var later = s.get("/api/timelines/home?limit=5&before=9223372036854775806", tokens.get("e1"));
    assertThat(later.status()).as("%s", later.body()).isEqualTo(200);
    assertThat(later.json().containsKey("announcements")).as("only the first page carries them").isFalse();
    // a cursor above the largest id is before everything: the first page
    var beyond = s.get("/api/timelines/home?limit=5&before=9999999999999999999", tokens.get("e1"));
    assertThat(beyond.status()).as("%s", beyond.body()).isEqualTo(200);
    assertThat(beyond.json().getJsonArray("announcements").getJsonObject(0).getString("id")).isEqualTo(id);
  }
}
