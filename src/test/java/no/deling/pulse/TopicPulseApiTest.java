package no.deling.pulse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A topic's pulse through a real HTTP client: who may ask, what counts, what is withheld, and the audit. */
class TopicPulseApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;

  private static String withRoles(String user, String department, String... roles) {
    return s.server.tokens().sign(new JsonObject().put("sub", user).put("name", user).put("department", department).put("roles", List.of(roles)), 60);
  }

  private static JsonObject thisWeek(JsonObject pulse) {
    JsonArray weeks = pulse.getJsonArray("weeks");
    return weeks.getJsonObject(weeks.size() - 1);
  }

  @Test
  void itsOwnersLeadersAndAdminsSeeIt_countsOfWhatEveryoneMayRead_neverNames_andEveryQuestionIsAudited() {
    String admin = withRoles("tpa-admin", "TpaIT", "admin");
    String owner = s.token("tpa-owner", "Tpa Owner", "TpaOps");
    s.get("/api/me", owner); // known to the server, as the directory would have them
    assertThat(s.put("/api/topics/tpa_kotlin/owners/tpa-owner", admin, null).status()).isEqualTo(200);
    String leader = withRoles("tpa-leader", "TpaBoard", "leader");
    String employee = s.token("tpa-employee", "Tpa Employee", "TpaOps");

    // four colleagues in Sales post about the topic, one in Legal asks about it and a fifth in Sales answers
    List<String> sales = new ArrayList<>();
    for (int i = 0; i < 5; i++) sales.add(s.token("tpa-sales" + i, "Tpa Sales " + i, "TpaSales"));
    for (int i = 0; i < 4; i++) s.publish(sales.get(i), "Coroutines note " + i + " #tpa_kotlin");
    String legal = s.token("tpa-legal", "Tpa Legal", "TpaLegal");
    TestServer.Response asked = s.post("/api/posts", legal, new JsonObject().put("text", "Which #tpa_kotlin version do we run?").put("kind", "question"));
    assertThat(asked.status()).isEqualTo(201);
    String question = asked.json().getString("id");
    s.reply(sales.get(4), question, "2.1, since October");
    // a private group's post about the topic counts nowhere in it
    String privateOwner = s.token("tpa-secret", "Tpa Secret", "TpaSecret");
    String group = s.privateGroup(privateOwner, "Tpa secret project");
    assertThat(s.post("/api/posts", privateOwner, new JsonObject().put("text", "Secret #tpa_kotlin plans").put("group", group)).status())
        .isEqualTo(201);

    TestServer.Response refused = s.get("/api/topics/tpa_kotlin/pulse", employee);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.json().getString("detail")).contains("#tpa_kotlin");

    JsonObject pulse = s.get("/api/topics/tpa_kotlin/pulse", owner).json();
    assertThat(pulse.getString("topic")).isEqualTo("tpa_kotlin");
    assertThat(pulse.getInteger("k")).isEqualTo(5);
    assertThat(pulse.getJsonArray("weeks")).hasSize(8);
    JsonObject week = thisWeek(pulse);
    assertThat(week.getBoolean("complete")).isFalse();
    assertThat(week.getInteger("people")).as("four posters, the asker and the answerer; not the private group's").isEqualTo(6);
    assertThat(week.getInteger("posts")).as("four posts and the question").isEqualTo(5);
    assertThat(week.getInteger("questions")).isEqualTo(1);
    assertThat(week.getInteger("answers")).isEqualTo(1);
    assertThat(week.getInteger("departments")).isEqualTo(2);
    assertThat(week.getInteger("newPeople")).isEqualTo(6);
    assertThat(week.getDouble("answeredShare")).isEqualTo(1.0);
    assertThat(week.getDouble("acceptedShare")).isEqualTo(0.0);
    assertThat(pulse.getJsonArray("departments")).as("a week still running is not broken down").isEmpty();
    assertThat(pulse.encode()).as("no person is named").doesNotContain("tpa-", "Tpa ", "Secret");

    assertThat(s.get("/api/topics/tpa_kotlin/pulse?weeks=2", leader).json().getJsonArray("weeks")).hasSize(2);

    // a deleted post no longer counts: the week falls under k and is withheld whole
    String gone = s.publish(sales.get(0), "One more #tpa_kotlin note");
    assertThat(thisWeek(s.get("/api/topics/tpa_kotlin/pulse", owner).json()).getInteger("posts")).isEqualTo(6);
    assertThat(s.delete("/api/posts/" + gone, sales.get(0)).status()).isEqualTo(204);
    for (int i = 1; i < 4; i++) {
      String mine = s.get("/api/users/tpa-sales" + i + "/posts", sales.get(i)).json().getJsonArray("items").getJsonObject(0).getString("id");
      assertThat(s.delete("/api/posts/" + mine, sales.get(i)).status()).isEqualTo(204);
    }
    JsonObject after = thisWeek(s.get("/api/topics/tpa_kotlin/pulse", owner).json());
    assertThat(after.getBoolean("withheld")).as("three people left: %s", after).isTrue();
    assertThat(after.containsKey("people")).isFalse();

    // every question was written down before it was answered; the refused one too is not answered
    JsonArray audit = s.get("/api/admin/pulse-audit?limit=100", admin).json().getJsonArray("items");
    List<String> asked2 = audit.stream().map(o -> ((JsonObject) o).getJsonObject("by").getString("id") + " " + ((JsonObject) o).getString("query")).toList();
    assertThat(asked2).contains("tpa-owner GET /api/topics/tpa_kotlin/pulse", "tpa-leader GET /api/topics/tpa_kotlin/pulse?weeks=2")
        .noneMatch(q -> q.startsWith("tpa-employee"));
  }

  @Test
  void aDismissedOwnerLosesIt_andBadWeeksAreRefusedNamingTheField() {
    String admin = withRoles("tpb-admin", "TpbIT", "admin");
    String owner = s.token("tpb-owner", "Tpb Owner", "TpbOps");
    s.get("/api/me", owner);
    assertThat(s.put("/api/topics/tpb_topic/owners/tpb-owner", admin, null).status()).isEqualTo(200);
    assertThat(s.get("/api/topics/tpb_topic/pulse", owner).status()).isEqualTo(200);
    assertThat(s.get("/api/topics/tpb_other/pulse", owner).status()).as("another topic").isEqualTo(403);
    for (String weeks : List.of("0", "27", "x")) {
      TestServer.Response r = s.get("/api/topics/tpb_topic/pulse?weeks=" + weeks, owner);
      assertThat(r.status()).as(weeks).isBetween(400, 422);
      assertThat(r.body().toString()).contains("weeks");
    }
    assertThat(s.get("/api/topics/not-a-topic!/pulse", owner).status()).isBetween(400, 422);
    assertThat(s.delete("/api/topics/tpb_topic/owners/tpb-owner", admin).status()).isEqualTo(200);
    assertThat(s.get("/api/topics/tpb_topic/pulse", owner).status()).isEqualTo(403);
  }
}
