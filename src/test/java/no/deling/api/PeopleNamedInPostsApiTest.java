package no.deling.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import no.deling.support.ServerPerClass;
import no.deling.support.StreamClient;
import no.deling.support.StreamSchemas;
import no.deling.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A post names people by id ({@code @kari}); readers see names: whom it mentions, and on a reply, whose
 * post it answers. Read at every answer, so a changed name or a departure shows at once.
 */
class PeopleNamedInPostsApiTest {
  static final String SCIM = "scim-token-for-names-0123456789";
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.with(Map.of("DELING_SCIM_TOKEN", SCIM));
  static TestServer s;
  static String ola;
  static String kari;

  @BeforeAll
  static void people() {
    ola = s.token("pn-ola", "Ola Nordmann", "Sales");
    kari = s.token("pn-kari", "Kari Berg", "Engineering");
    s.get("/api/me", ola);
    s.get("/api/me", kari);
  }

  @Test
  void mentionsCarryTheNamesOfColleagues_only_andFollowANewNameAndADeparture() {
    assertThat(s.scim(HttpMethod.POST, "/Users", SCIM, new JsonObject().put("userName", "pn-per").put("displayName", "Per Hansen")).status())
        .as("from the directory").isEqualTo(201);
    String id = s.publish(ola, "Thanks @pn-kari, and @pn-per. Ask @nobody-here or mail x@pn-kari.no");
    JsonObject post = s.get("/api/posts/" + id, kari).json();
    assertThat(post.getJsonArray("mentions")).as("the ids as written").containsExactly("pn-kari", "pn-per", "nobody-here");
    assertThat(post.getJsonArray("mentioned")).as("an @word that names nobody gets no name").containsExactly(
        named("pn-kari", "Kari Berg"), named("pn-per", "Per Hansen"));

    s.get("/api/me", s.token("pn-kari", "Kari Berg-Olsen", "Engineering")); // her token's claims change her profile
    assertThat(s.scim(HttpMethod.PATCH, "/Users/pn-per", SCIM, new JsonObject()
        .put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray().add(new JsonObject().put("op", "replace").put("path", "active").put("value", false)))).status())
        .isEqualTo(200);
    JsonObject after = s.get("/api/timelines/home", ola).json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("id").equals(id)).findFirst().orElseThrow();
    assertThat(after.getJsonArray("mentioned")).as("on a timeline page too, with today's names").containsExactly(
        named("pn-kari", "Kari Berg-Olsen"), named("pn-per", "Per Hansen").put("former", true));

    String plain = s.publish(ola, "nobody named here, not even @ghost");
    assertThat(s.get("/api/posts/" + plain, kari).json().containsKey("mentioned")).isFalse();
  }

  @Test
  void aReplySaysWhosePostItAnswers_untilThatPostIsDeleted() {
    // a colleague of her own: the test above renames Kari, and whether her older token's name came back
    // depended on both tokens being signed within the same second
    String siv = s.token("pn-siv", "Siv Dahl", "Engineering");
    String root = s.publish(siv, "Who knows #gradle?");
    String answer = s.reply(ola, root, "I do");
    String thanks = s.reply(siv, answer, "Thanks!");
    assertThat(s.get("/api/posts/" + answer, siv).json().getJsonObject("replyingTo")).isEqualTo(named("pn-siv", "Siv Dahl"));
    JsonArray thread = s.get("/api/posts/" + root + "/thread", ola).json().getJsonArray("items");
    assertThat(thread.getJsonObject(0).containsKey("replyingTo")).as("a post that answers nothing").isFalse();
    assertThat(thread.getJsonObject(2).getJsonObject("replyingTo")).isEqualTo(named("pn-ola", "Ola Nordmann"));

    assertThat(s.delete("/api/posts/" + answer, ola).status()).isEqualTo(204);
    assertThat(s.get("/api/posts/" + thanks, ola).json().containsKey("replyingTo")).as("a deleted post names nobody").isFalse();
  }

  @Test
  void livePosts_carryTheNamesToo_asTheStreamsContractSays() {
    String eva = s.token("pn-eva", "Eva Lie", "Finance");
    s.get("/api/me", eva);
    String root = s.publish(eva, "Lunch?");
    try (StreamClient ws = StreamClient.connect(s.vertx, s.server.port(), eva)) {
      ws.subscribe(new JsonObject().put("stream", "thread").put("post", root));
      String reply = s.reply(ola, root, "Yes, @pn-eva!");
      JsonObject update = ws.next(m -> "update".equals(m.getString("type")) && reply.equals(m.getJsonObject("post").getString("id")));
      assertThat(StreamSchemas.problem(update)).isNull();
      JsonObject live = update.getJsonObject("post");
      assertThat(live.getJsonArray("mentioned")).containsExactly(named("pn-eva", "Eva Lie"));
      assertThat(live.getJsonObject("replyingTo")).isEqualTo(named("pn-eva", "Eva Lie"));
    }
  }

  private static JsonObject named(String id, String name) {
    return new JsonObject().put("id", id).put("name", name);
  }
}
