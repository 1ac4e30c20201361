package no.deling.pulse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.deling.support.Await;
import no.deling.support.StreamClient;
import no.deling.support.StreamSchemas;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pulse's network figures through a real HTTP client: roles, suppression, one's own figures, the audit. */
class PulseApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.with(Map.of("DELING_PULSE_REFRESH_MS", "1000"));
  static TestServer s;

  private static String withRoles(String user, String department, String... roles) {
    return s.server.tokens().sign(new JsonObject().put("sub", user).put("name", user).put("department", department).put("roles", List.of(roles)), 60);
  }

  @Test
  void leadersSeeUnitFigures_withSmallUnitsWithheld_andEveryQueryIsAudited() throws Exception {
    // Sales: 6 people who reply to each other twice (ties both ways); Legal: 2 people
    List<String> sales = new ArrayList<>();
    for (int i = 0; i < 6; i++) sales.add(s.token("pn-sales" + i, "Sales " + i, "PnSales"));
    String legal1 = s.token("pn-legal0", "Legal 0", "PnLegal");
    String legal2 = s.token("pn-legal1", "Legal 1", "PnLegal");
    for (int i = 0; i < 6; i++) {
      String post = s.publish(sales.get(i), "Pipeline update " + i);
      String next = sales.get((i + 1) % 6);
      s.reply(next, post, "Thanks");
      s.reply(next, post, "And one more thing");
      String back = s.publish(next, "Answering " + i);
      s.reply(sales.get(i), back, "Noted");
      s.reply(sales.get(i), back, "Noted again");
    }
    String legalPost = s.publish(legal1, "Contract templates");
    s.reply(legal2, legalPost, "Thanks");
    s.reply(legal2, legalPost, "Thanks again");

    String leader = withRoles("pn-leader", "PnBoard", "leader");
    String employee = sales.get(0);
    assertThat(s.get("/api/pulse/network", employee).status()).isEqualTo(403);
    JsonObject pulse = awaitRefreshWith(leader, "PnSales", 6);
    JsonObject salesUnit = unit(pulse.getJsonArray("departments"), "PnSales");
    assertThat(salesUnit.getInteger("people")).isEqualTo(6);
    assertThat(salesUnit.getDouble("reciprocity")).isEqualTo(1.0);
    assertThat(salesUnit.getDouble("eiIndex")).isEqualTo(-1.0);
    JsonObject legalUnit = unit(pulse.getJsonArray("departments"), "PnLegal");
    assertThat(legalUnit.getValue("reciprocity")).as("two people: withheld").isNull();
    assertThat(legalUnit.getValue("eiIndex")).isNull();
    assertThat(pulse.encode()).as("no person is named").doesNotContain("pn-sales", "pn-legal", "Sales 0");

    // one's own figures, for oneself
    JsonObject mine = s.get("/api/me/network", employee).json();
    assertThat(mine.getInteger("networkSize")).isEqualTo(2);
    assertThat(mine.getInteger("outsideMyDepartment")).isZero();
    assertThat(mine.getDouble("reciprocity")).isEqualTo(1.0);

    // the audit: admins read who asked what
    String admin = withRoles("pn-admin", "PnIT", "admin");
    assertThat(s.get("/api/admin/pulse-audit", leader).status()).isEqualTo(403);
    JsonArray audit = s.get("/api/admin/pulse-audit", admin).json().getJsonArray("items");
    assertThat(audit.getJsonObject(0).getJsonObject("by").getString("id")).isEqualTo("pn-leader");
    assertThat(audit.getJsonObject(0).getString("query")).isEqualTo("GET /api/pulse/network");
  }

  /** Refreshes run on a schedule: wait for one taken after the whole department's ties were written. */
  @Test
  void activity_perWholeHour_withQuietHoursWithheld() {
    String leader = withRoles("pa-leader", "PaBoard", "leader");
    assertThat(s.get("/api/pulse/activity", s.token("pa-someone")).status()).isEqualTo(403);
    // an hour long ago, with nobody active: withheld; this hour, once five people wrote: shown
    JsonObject quiet = s.get("/api/pulse/activity?from=2001-01-01T10:00:00Z&to=2001-01-01T12:00:00Z", leader).json();
    assertThat(quiet.getJsonArray("items")).hasSize(2);
    assertThat(quiet.getJsonArray("items").getJsonObject(0).getBoolean("withheld")).isTrue();
    List<String> writers = new ArrayList<>();
    for (int i = 0; i < 5; i++) writers.add(s.token("pa-writer" + i));
    for (String t : writers) s.publish(t, "A note for the hour");
    JsonArray hours = s.get("/api/pulse/activity", leader).json().getJsonArray("items");
    // the newest hour, or the one before if the clock just turned the hour
    JsonObject last = hours.getJsonObject(hours.size() - 1);
    if (last.containsKey("withheld")) last = hours.getJsonObject(hours.size() - 2);
    assertThat(last.containsKey("withheld")).isFalse();
    assertThat(last.getInteger("activePeople")).isGreaterThanOrEqualTo(5);
    assertThat(last.getInteger("posts")).isGreaterThanOrEqualTo(5);
    assertThat(last.encode()).as("counts, never names").doesNotContain("pa-writer");
    assertThat(s.get("/api/pulse/activity?from=2026-12-01T10:00:00Z&to=2026-11-01T10:00:00Z", leader).status()).isEqualTo(422);
  }

  private static String kind(String token, String text, String kind) {
    TestServer.Response r = s.post("/api/posts", token, new JsonObject().put("text", text).put("kind", kind));
    assertThat(r.status()).isEqualTo(201);
    return r.json().getString("id");
  }

  @Test
  void trendsQuestionsIdeasAndNewVoices_showTopicsAndCounts_neverPeople() {
    String leader = withRoles("pt-leader", "PtBoard", "leader");
    List<String> people = new ArrayList<>();
    for (int i = 0; i < 6; i++) people.add(s.token("pt-person" + i, "Pt Person " + i, "PtDept"));
    // six colleagues take up a new topic in the same hour: it trends
    for (String p : people) s.publish(p, "Launch day notes #pt_launch");
    // five ask about one topic, two about another
    for (int i = 0; i < 5; i++) kind(people.get(i), "How do we roll back a release? #pt_deploy " + i, "question");
    for (int i = 0; i < 2; i++) kind(people.get(i), "Where is the style guide? #pt_style " + i, "question");
    // one idea endorsed by five, one by two
    String popular = kind(people.get(0), "Shorter meetings on Fridays", "idea");
    String quiet = kind(people.get(1), "A second coffee machine", "idea");
    for (int i = 1; i < 6; i++) s.put("/api/posts/" + popular + "/endorsement", people.get(i), null);
    for (int i = 2; i < 4; i++) s.put("/api/posts/" + quiet + "/endorsement", people.get(i), null);

    for (String route : List.of("/api/pulse/trends", "/api/pulse/questions", "/api/pulse/ideas", "/api/pulse/new-voices")) {
      assertThat(s.get(route, people.get(0)).status()).as(route).isEqualTo(403);
    }
    JsonObject trends = s.get("/api/pulse/trends", leader).json();
    JsonObject launch = trends.getJsonArray("items").stream().map(o -> (JsonObject) o).filter(t -> "pt_launch".equals(t.getString("topic")))
        .findFirst().orElseThrow();
    assertThat(launch.getInteger("authorsInPeakHour")).isEqualTo(6);
    assertThat(launch.getDouble("score")).as("(6 − 1)² / 1 against the prior").isEqualTo(25.0);
    assertThat(launch.getJsonArray("posts")).hasSize(3);

    JsonObject questions = s.get("/api/pulse/questions?weeks=2", leader).json();
    JsonArray topics = questions.getJsonArray("unansweredByTopic");
    JsonObject deploy = topics.stream().map(o -> (JsonObject) o).filter(t -> "pt_deploy".equals(t.getString("topic"))).findFirst().orElseThrow();
    assertThat(deploy.getInteger("unanswered")).isEqualTo(5);
    assertThat(deploy.getJsonObject("byAge").getInteger("underADay")).isEqualTo(5);
    assertThat(deploy.getJsonObject("byAge").getInteger("overAWeek")).as("an empty age covers nobody: shown").isZero();
    assertThat(topics.stream().map(o -> ((JsonObject) o).getString("topic"))).as("two askers: withheld").doesNotContain("pt_style");
    assertThat(questions.getInteger("withheldTopics")).isGreaterThanOrEqualTo(1);
    assertThat(questions.getJsonArray("weeks")).hasSize(2);

    JsonObject ideas = s.get("/api/pulse/ideas", leader).json();
    assertThat(ideas.getJsonArray("rising").stream().map(o -> ((JsonObject) o).getString("id"))).contains(popular).doesNotContain(quiet);

    JsonObject voices = s.get("/api/pulse/new-voices?week=" + java.time.Instant.now(), leader).json();
    assertThat(voices.getBoolean("complete")).isFalse();
    assertThat(voices.getInteger("total")).isGreaterThanOrEqualTo(6);
    assertThat(voices.getJsonArray("departments")).as("a running week shows its total only").isEmpty();
    assertThat(s.get("/api/pulse/new-voices", leader).json().getBoolean("complete")).isTrue();

    for (JsonObject answer : List.of(trends, questions, ideas, voices)) {
      assertThat(answer.encode()).as("no person is named").doesNotContain("pt-person", "Pt Person");
    }
    assertThat(s.get("/api/pulse/trends?at=2001-01-01T00:00:00Z", leader).status()).isEqualTo(422);
    assertThat(s.get("/api/pulse/questions?weeks=99", leader).status()).as("outside the contract").isEqualTo(400);
  }

  @Test
  void pulseStream_forLeadersOnly_audited_andMovingWithTheLog() {
    String leader = withRoles("ps-leader", "PsBoard", "leader");
    String employee = s.token("ps-employee");
    try (StreamClient c = StreamClient.connect(s.vertx, s.server.port(), employee)) {
      JsonObject refused = c.subscribe(new JsonObject().put("stream", "pulse"));
      assertThat(refused.getString("code")).isEqualTo("forbidden");
      assertThat(StreamSchemas.problem(refused)).isNull();
    }
    try (StreamClient c = StreamClient.connect(s.vertx, s.server.port(), leader)) {
      JsonObject ack = c.subscribe(new JsonObject().put("stream", "pulse"));
      assertThat(ack.getString("type")).isEqualTo("subscribed");
      assertThat(StreamSchemas.problem(ack)).isNull();
      JsonObject first = c.next("pulse");
      assertThat(StreamSchemas.problem(first)).isNull();
      long seen = first.getLong("position");
      s.publish(employee, "Something happens");
      long head = s.head();
      JsonObject later = c.next(m -> "pulse".equals(m.getString("type")) && m.getLong("position") >= head);
      assertThat(later.getLong("position")).isGreaterThan(seen);
      assertThat(StreamSchemas.problem(later)).isNull();
      assertThat(later.encode()).doesNotContain("ps-employee");
    }
    JsonArray audit = s.get("/api/admin/pulse-audit", withRoles("ps-admin", "PsIT", "admin")).json().getJsonArray("items");
    assertThat(audit.stream().map(o -> (JsonObject) o).filter(e -> "SUBSCRIBE pulse".equals(e.getString("query")))
        .map(e -> e.getJsonObject("by").getString("id"))).contains("ps-leader");
  }

  private static JsonObject awaitRefreshWith(String leader, String department, int people) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      JsonObject pulse = s.get("/api/pulse/network", leader).json();
      JsonArray units = pulse.getJsonArray("departments");
      JsonObject u = units == null ? null : unit(units, department);
      JsonObject legal = units == null ? null : unit(units, "PnLegal");
      if (u != null && u.getInteger("people") == people && Double.valueOf(1.0).equals(u.getDouble("reciprocity")) && legal != null
          && legal.getInteger("people") == 2) {
        return pulse;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no refresh with " + department);
  }

  private static JsonObject unit(JsonArray units, String name) {
    return units.stream().map(o -> (JsonObject) o).filter(u -> name.equals(u.getString("name"))).findFirst().orElse(null);
  }
}
