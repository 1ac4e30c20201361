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

  /** s1 owns a private group of s1..s5 (s6 invited, not yet a member); nobody there is a leader. */
  private String privateGroupOfFive() {
    Response created = s.post("/api/groups", tokens.get("s1"), new JsonObject().put("name", "Key accounts").put("access", "private"));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    String g = created.json().getString("id");
    for (String u : List.of("s2", "s3", "s4", "s5")) {
      assertThat(s.put("/api/groups/" + g + "/members/" + u, tokens.get("s1"), null).status()).isEqualTo(200);
      assertThat(s.put("/api/groups/" + g + "/members/" + u, tokens.get(u), null).json().getString("role")).isEqualTo("member");
    }
    assertThat(s.put("/api/groups/" + g + "/members/s6", tokens.get("s1"), null).json().getString("role")).isEqualTo("invited");
    return g;
  }

  private static JsonObject toGroup(String g) {
    return new JsonObject().put("kind", "group").put("group", g);
  }

  @Test
  void aGroupsOwner_announcesToItsMembers_whoAloneSeeIt_andItsReachCountsThem() {
    String g = privateGroupOfFive();
    JsonObject made = announce("s1", "Key account review moves to Friday", toGroup(g));
    String id = made.getString("id");
    assertThat(made.getJsonObject("audience")).isEqualTo(toGroup(g).put("name", "Key accounts"));
    assertThat(made.getJsonObject("reach")).as("four members besides the owner: under 5, no count")
        .isEqualTo(new JsonObject().put("hidden", "the audience is under 5 people, so no count is shown"));
    for (String member : List.of("s2", "s3", "s4", "s5")) assertThat(pinned(member)).as(member).containsExactly(id);
    assertThat(pinned("s1")).as("its author knows what they said").isEmpty();
    for (String outsider : List.of("s6", "e1", "lea")) {
      assertThat(pinned(outsider)).as(outsider).isEmpty();
      assertThat(s.get("/api/announcements/" + id, tokens.get(outsider)).status()).as(outsider).isEqualTo(404);
      assertThat(s.put("/api/announcements/" + id + "/acknowledgement", tokens.get(outsider), null).status()).as(outsider).isEqualTo(404);
      assertThat(s.get("/api/announcements", tokens.get(outsider)).body().toString()).as(outsider).doesNotContain("Key account review");
    }

    // the invitee joins: they are in the audience now, and the count appears at five
    assertThat(s.put("/api/groups/" + g + "/members/s6", tokens.get("s6"), null).json().getString("role")).isEqualTo("member");
    assertThat(pinned("s6")).containsExactly(id);
    s.put("/api/announcements/" + id + "/acknowledgement", tokens.get("s2"), null);
    assertThat(s.get("/api/announcements/" + id, tokens.get("s1")).json().getJsonObject("reach"))
        .isEqualTo(new JsonObject().put("audience", 5).put("acknowledged", 1));

    // a member who leaves a private group loses its announcement, acknowledged or not, as they lose its posts
    assertThat(s.delete("/api/groups/" + g + "/members/s2", tokens.get("s2")).status()).isIn(200, 204);
    assertThat(s.delete("/api/groups/" + g + "/members/s3", tokens.get("s3")).status()).isIn(200, 204);
    for (String left : List.of("s2", "s3")) {
      assertThat(pinned(left)).as(left).isEmpty();
      assertThat(s.get("/api/announcements/" + id, tokens.get(left)).status()).as(left).isEqualTo(404);
      assertThat(s.get("/api/announcements", tokens.get(left)).json().getJsonArray("items")).as(left).isEmpty();
    }
    assertThat(s.get("/api/announcements/" + id, tokens.get("s1")).json().getJsonObject("reach").containsKey("hidden"))
        .as("three members besides the owner now").isTrue();
  }

  @Test
  void onlyAGroupsOwners_announceToIt_andAnArchivedOrUnknownGroupTakesNone() {
    String g = privateGroupOfFive();
    Response member = s.post("/api/announcements", tokens.get("s2"), new JsonObject().put("text", "Hi").put("audience", toGroup(g)));
    assertThat(member.status()).isEqualTo(403);
    Response leader = s.post("/api/announcements", tokens.get("lea"), new JsonObject().put("text", "Hi").put("audience", toGroup(g)));
    assertThat(leader.status()).as("a leader with no role in a private group is not told it exists").isEqualTo(422);
    assertThat(leader.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("audience.group");
    Response unknown = s.post("/api/announcements", tokens.get("s1"),
        new JsonObject().put("text", "Hi").put("audience", toGroup("0000000000000000042")));
    assertThat(unknown.status()).isEqualTo(422);
    Response mixed = s.post("/api/announcements", tokens.get("lea"),
        new JsonObject().put("text", "Hi").put("audience", new JsonObject().put("kind", "everyone").put("group", g)));
    assertThat(mixed.status()).as("everyone with a group named is not quietly everyone").isEqualTo(422);
    assertThat(mixed.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("audience.group");
    Response noGroup = s.post("/api/announcements", tokens.get("s1"), new JsonObject().put("text", "Hi").put("audience", new JsonObject().put("kind", "group")));
    assertThat(noGroup.status()).isEqualTo(422);
    assertThat(s.post("/api/groups/" + g + "/archive", tokens.get("s1"), null).status()).isIn(200, 204);
    Response archived = s.post("/api/announcements", tokens.get("s1"), new JsonObject().put("text", "Hi").put("audience", toGroup(g)));
    assertThat(archived.status()).isEqualTo(403);
    assertThat(s.events().stream().map(e -> e.type())).noneMatch(t -> t.startsWith("AnnouncementPublished"));
  }

  @Test
  void live_aGroupAnnouncement_reachesTheMembersHomeStreams_only() {
    String g = privateGroupOfFive();
    try (StreamClient s2 = StreamClient.connect(s.vertx, s.server.port(), tokens.get("s2"));
        StreamClient s6 = StreamClient.connect(s.vertx, s.server.port(), tokens.get("s6"))) {
      s2.subscribe(new JsonObject().put("type", "subscribe").put("stream", "home"));
      s6.subscribe(new JsonObject().put("type", "subscribe").put("stream", "home"));
      String id = announce("s1", "Key account review moves to Friday", toGroup(g)).getString("id");
      JsonObject live = s2.next("announcement");
      assertThat(live.getJsonObject("announcement").getString("id")).isEqualTo(id);
      assertThat(live.getJsonObject("announcement").getJsonObject("audience")).isEqualTo(toGroup(g).put("name", "Key accounts"));
      assertThat(StreamSchemas.problem(live)).isNull();
      assertThat(s6.drain(300)).as("an invitee is not a member").noneMatch(m -> m.getString("type").startsWith("announcement"));
    }
  }

  /**
   * Announcements written before groups could be an audience are AnnouncementPublished.v1 (with
   * {@code "department": null} for everyone): a server of today reads them as the v2 they would
   * have been, and writes only v2.
   */
  @Test
  void announcementsWrittenAsV1_readAsBefore() {
    s.close();
    String everyone = "0384036914845450240";
    String sales = "0384036914845450241";
    no.deling.support.StoppedLog.appendWritten(dir, List.of(
        new no.deling.support.StoppedLog.Written("announcement-" + everyone, "AnnouncementPublished.v1", "{\"announcementId\":\"" + everyone
            + "\",\"author\":\"lea\",\"text\":\"Welcome, all\",\"audience\":{\"kind\":\"everyone\",\"department\":null},\"publishedAt\":\"2026-11-01T09:00:00Z\"}"),
        new no.deling.support.StoppedLog.Written("announcement-" + sales, "AnnouncementPublished.v1", "{\"announcementId\":\"" + sales
            + "\",\"author\":\"lea\",\"text\":\"Sales targets\",\"audience\":{\"kind\":\"department\",\"department\":\"Sales\"},\"publishedAt\":\"2026-11-01T10:00:00Z\"}")));
    s = TestServer.start(dir);
    assertThat(pinned("s1")).containsExactly(sales, everyone);
    assertThat(pinned("e1")).containsExactly(everyone);
    assertThat(s.get("/api/announcements/" + sales, tokens.get("lea")).json().getJsonObject("audience"))
        .isEqualTo(new JsonObject().put("kind", "department").put("department", "Sales"));
    assertThat(reach(everyone)).isEqualTo(new JsonObject().put("audience", 8).put("acknowledged", 0));
    announce("lea", "A new one", new JsonObject().put("kind", "everyone"));
    assertThat(s.events().stream().filter(e -> e.type().startsWith("AnnouncementPublished")).map(e -> e.type()))
        .containsExactly("AnnouncementPublished.v1", "AnnouncementPublished.v1", "AnnouncementPublished.v2");
  }
}
