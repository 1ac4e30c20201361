package no.deling.questions;

import static no.deling.support.TestServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import no.deling.support.StreamClient;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Questions, answers, acceptance, edit history, skills and "who knows X" through a real HTTP and WebSocket client. */
class QuestionApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;

  private static String ask(String token, String text) {
    TestServer.Response r = s.post("/api/posts", token, new JsonObject().put("text", text).put("kind", "question"));
    assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
    assertThat(r.json().getJsonObject("post").getString("kind")).isEqualTo("question");
    return r.json().getString("id");
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getJsonObject("question").getString("id")).toList();
  }

  @Test
  void aQuestion_getsAnswers_theAskerAcceptsOne_andItsStatusAndTimesFollow() {
    String asker = s.token("qa-asker");
    String bob = s.token("qa-bob");
    String carol = s.token("qa-carol");
    String q = ask(asker, "How do we roll back a #qadeploy?");
    JsonObject one = s.get("/api/questions/" + q, bob).json();
    assertThat(one.getString("status")).isEqualTo("unanswered");
    assertThat(one.getValue("firstAnswerAfterSeconds")).isNull();
    assertThat(ids(s.get("/api/questions?status=unanswered&topic=qadeploy", bob).json())).containsExactly(q);

    String bobs = s.reply(bob, q, "helm rollback");
    String carols = s.reply(carol, q, "Revert the commit and redeploy");
    s.reply(asker, q, "Thanks both"); // the asker's own reply is no answer
    s.put("/api/posts/" + carols + "/endorsement", bob, null);
    JsonObject answered = s.get("/api/questions/" + q, asker).json();
    assertThat(answered.getString("status")).isEqualTo("answered");
    assertThat(answered.getInteger("answers")).isEqualTo(2);
    assertThat(answered.getLong("firstAnswerAfterSeconds")).isNotNull();
    // by endorsements before acceptance: carol's (1 endorsement) first
    assertThat(answered.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id"))).containsExactly(carols, bobs);

    try (StreamClient ws = StreamClient.connect(s.vertx, s.server.port(), bob);
        StreamClient thread = StreamClient.connect(s.vertx, s.server.port(), carol)) {
      ws.subscribe(new JsonObject().put("stream", "notifications"));
      thread.subscribe(new JsonObject().put("stream", "thread").put("post", q));
      JsonObject accepted = s.put("/api/posts/" + q + "/accepted-answer", asker, new JsonObject().put("answer", bobs)).json();
      assertThat(accepted.getString("status")).isEqualTo("accepted");
      assertThat(accepted.getString("acceptedAnswer")).isEqualTo(bobs);
      assertThat(accepted.getLong("acceptedAfterSeconds")).isNotNull();
      // the accepted answer first, whatever its endorsements
      List<JsonObject> items = accepted.getJsonArray("items").stream().map(o -> (JsonObject) o).toList();
      assertThat(items.get(0).getString("id")).isEqualTo(bobs);
      assertThat(items.get(0).getBoolean("accepted")).isTrue();
      assertThat(items.get(0).getBoolean("editedSinceAccepted")).isFalse();
      JsonObject told = ws.next("notification").getJsonObject("notification");
      assertThat(told.getString("kind")).isEqualTo("answer.accepted");
      assertThat(told.getString("post")).isEqualTo(bobs);
      JsonObject status = thread.next("question.status");
      assertThat(status.getString("status")).isEqualTo("accepted");
      assertThat(status.getString("acceptedAnswer")).isEqualTo(bobs);
    }
    assertThat(ids(s.get("/api/questions?status=accepted&topic=qadeploy", bob).json())).containsExactly(q);
    assertThat(ids(s.get("/api/questions?status=unanswered&topic=qadeploy", bob).json())).isEmpty();
    assertThat(ids(s.get("/api/me/questions", asker).json())).containsExactly(q);
    assertThat(ids(s.get("/api/me/questions", bob).json())).isEmpty();

    // an accepted answer edited afterwards says so, and its history shows both versions
    s.put("/api/posts/" + bobs, bob, new JsonObject().put("text", "helm rollback <release> 0"));
    JsonObject after = s.get("/api/questions/" + q, carol).json();
    assertThat(after.getJsonArray("items").getJsonObject(0).getBoolean("editedSinceAccepted")).isTrue();
    List<String> versions = s.get("/api/posts/" + bobs + "/history", carol).json().getJsonArray("versions").stream()
        .map(o -> ((JsonObject) o).getString("text")).toList();
    assertThat(versions).containsExactly("helm rollback", "helm rollback <release> 0");

    // withdrawing: answered again; deleting the only answers: unanswered
    assertThat(s.delete("/api/posts/" + q + "/accepted-answer", asker).json().getString("status")).isEqualTo("answered");
    s.delete("/api/posts/" + bobs, bob);
    s.delete("/api/posts/" + carols, carol);
    assertThat(s.get("/api/questions/" + q, asker).json().getString("status")).isEqualTo("unanswered");
    assertThat(s.get("/api/posts/" + bobs + "/history", carol).status()).as("a deleted post has no history to show").isEqualTo(404);
  }

  @Test
  void acceptingIsTheAskers_andOnlyADirectAnswer() {
    String asker = s.token("qa2-asker");
    String bob = s.token("qa2-bob");
    String q = ask(asker, "Where is the #qa2wiki?");
    String answer = s.reply(bob, q, "Here");
    String comment = s.reply(asker, answer, "Which page?");
    String elsewhere = s.publish(bob, "Unrelated");
    assertThat(s.put("/api/posts/" + q + "/accepted-answer", bob, new JsonObject().put("answer", answer)).status()).isEqualTo(403);
    assertProblem(s.put("/api/posts/" + q + "/accepted-answer", asker, new JsonObject().put("answer", comment)), 422, "answer",
        "answer-to-this-question");
    assertProblem(s.put("/api/posts/" + q + "/accepted-answer", asker, new JsonObject().put("answer", elsewhere)), 422, "answer",
        "answer-to-this-question");
    assertProblem(s.put("/api/posts/" + elsewhere + "/accepted-answer", bob, new JsonObject().put("answer", answer)), 422, "id", "question");
    assertProblem(s.post("/api/posts", bob, new JsonObject().put("text", "?").put("inReplyTo", q).put("kind", "question")), 422, "kind",
        "top-level");
    assertThat(s.post("/api/posts", bob, new JsonObject().put("text", "?").put("kind", "riddle")).status()).isEqualTo(400);
    assertThat(s.get("/api/questions?status=maybe", bob).status()).isEqualTo(400);
  }

  @Test
  void skills_withEvidence_showOnTheProfile_andTheExpertIsAskedNewQuestions() {
    String asker = s.token("sk-asker");
    String eve = s.token("sk-eve");
    String fay = s.token("sk-fay");
    String gus = s.token("sk-gus");
    s.get("/api/me", gus);
    String evePost = s.publish(eve, "How we cut build times with #skgradle caching");
    JsonObject skills = s.post("/api/users/sk-eve/skills", fay, new JsonObject().put("topic", "#SkGradle").put("evidence", evePost)).json();
    JsonObject gradle = skills.getJsonArray("items").getJsonObject(0);
    assertThat(gradle.getString("topic")).isEqualTo("skgradle");
    assertThat(gradle.getInteger("withEvidence")).isEqualTo(1);
    assertThat(gradle.getJsonArray("evidence").getJsonObject(0).getJsonObject("post").getString("id")).isEqualTo(evePost);
    s.post("/api/users/sk-gus/skills", fay, new JsonObject().put("topic", "skgradle"));
    assertProblem(s.post("/api/users/sk-eve/skills", eve, new JsonObject().put("topic", "skgradle")), 422, "id", "not-yourself");
    String faysPost = s.publish(fay, "mine");
    assertProblem(s.post("/api/users/sk-eve/skills", gus, new JsonObject().put("topic", "skgradle").put("evidence", faysPost)), 422,
        "evidence", "their-own-post");

    JsonObject experts = s.get("/api/experts?topic=skgradle", asker).json();
    List<String> ranked = experts.getJsonArray("items").stream().map(o -> ((JsonObject) o).getJsonObject("user").getString("id")).toList();
    assertThat(ranked).containsExactly("sk-eve", "sk-gus");
    assertThat(experts.getJsonArray("items").getJsonObject(0).getString("reason")).isEqualTo("1 skill endorsement with evidence in #skgradle");

    // a new question about the topic goes to the people who know, with the reason
    String q = ask(asker, "Why is our #skgradle build slow?");
    JsonObject told = s.notificationsOf(eve, "question").getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(n -> "question".equals(n.getString("kind"))).findFirst().orElseThrow();
    assertThat(told.getString("post")).isEqualTo(q);
    assertThat(told.getString("reason")).isEqualTo("1 skill endorsement with evidence in #skgradle");
    assertThat(s.notificationsOf(gus, "question").getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("kind")))
        .contains("question");
    assertThat(s.get("/api/notifications", asker).json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("kind")))
        .as("never the asker").doesNotContain("question");

    // hiding the skill: gone from others' view of the profile and from who knows
    JsonObject hidden = s.put("/api/me/hidden-skills/skgradle", eve, null).json();
    assertThat(hidden.getJsonArray("items").getJsonObject(0).getBoolean("hidden")).isTrue();
    assertThat(s.get("/api/users/sk-eve/skills", fay).json().getJsonArray("items")).isEmpty();
    assertThat(s.get("/api/experts?topic=skgradle", asker).json().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getJsonObject("user").getString("id"))).containsExactly("sk-gus");
    s.delete("/api/me/hidden-skills/skgradle", eve);
    // evidence edited after it was cited says so
    s.put("/api/posts/" + evePost, eve, new JsonObject().put("text", "How we cut build times with #skgradle caching (updated)"));
    assertThat(s.get("/api/users/sk-eve/skills", fay).json().getJsonArray("items").getJsonObject(0).getJsonArray("evidence").getJsonObject(0)
        .getBoolean("editedSinceEndorsed")).isTrue();
    assertThat(s.get("/api/experts", asker).status()).isEqualTo(400);
  }
}
