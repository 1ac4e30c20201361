package no.deling.questions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Questions left unanswered are brought to their topics' owners, once; through a real HTTP client. */
class WaitingQuestionsApiTest {
  // no wait at all, looked for ten times a second: what a day and a minute are in production
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.with(Map.of("DELING_QUESTION_WAIT_MINUTES", "0",
      "DELING_QUESTION_WAIT_SWEEP_MS", "100"));
  static TestServer s;

  private static List<String> waiting(String token) {
    return s.get("/api/notifications?limit=100", token).json().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(n -> "question.waiting".equals(n.getString("kind"))).map(n -> n.getString("post")).toList();
  }

  private static String ask(String token, String text, String group) {
    JsonObject body = new JsonObject().put("text", text).put("kind", "question");
    if (group != null) body.put("group", group);
    return s.post("/api/posts", token, body).json().getString("id");
  }

  @Test
  void anUnansweredQuestion_isBroughtToItsTopicsOwnersOnce_butNotAnAnsweredOne_norOneTheyMayNotSee_norTheirOwn() throws Exception {
    String admin = s.server.tokens().sign(new JsonObject().put("sub", "wq-admin").put("roles", new JsonArray().add("admin")), 60);
    String owner = s.token("wq-owner");
    String asker = s.token("wq-asker");
    String helper = s.token("wq-helper");
    for (String t : List.of(owner, asker, helper)) s.get("/api/me", t);
    // answered before the topic had an owner: nothing waits
    String answered = ask(asker, "Where do refund forms go? #refunds", null);
    s.post("/api/posts", helper, new JsonObject().put("text", "To finance, in the portal").put("inReplyTo", answered));
    s.put("/api/topics/refunds/owners/wq-owner", admin, null);

    String unanswered = ask(asker, "Who signs refunds over 10k? #refunds", null);
    String g = s.privateGroup(asker, "Finance leads");
    String privately = ask(asker, "Internal: refund policy draft? #refunds", g);
    String own = ask(owner, "Should #refunds cover vouchers?", null);

    for (int i = 0; i < 100 && waiting(owner).isEmpty(); i++) Thread.sleep(50);
    Thread.sleep(600); // six more sweeps: nothing further is due
    assertThat(waiting(owner)).as("brought once, only the one that waits for them").containsExactly(unanswered);
    assertThat(s.events().stream().filter(e -> e.type().equals("QuestionEscalated.v1")).count()).isEqualTo(1);
    assertThat(List.of(answered, privately, own)).doesNotContain(unanswered);
    JsonObject n = s.get("/api/notifications?limit=100", owner).json().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(x -> "question.waiting".equals(x.getString("kind"))).findFirst().orElseThrow();
    assertThat(n.getJsonArray("from").getJsonObject(0).getString("id")).as("from its asker").isEqualTo("wq-asker");
    assertThat(no.deling.notifications.NotificationWords.link(n, "https://deling.example")).isEqualTo("https://deling.example/#/question/" + unanswered);
  }
}
