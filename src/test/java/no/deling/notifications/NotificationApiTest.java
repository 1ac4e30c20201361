package no.deling.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NotificationApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;

  private static List<JsonObject> items(JsonObject page) {
    return page.getJsonArray("items").stream().map(o -> (JsonObject) o).toList();
  }

  @Test
  void notifications_pageNewestFirst_groupEndorsements_countUnread_andMarkRead() throws Exception {
    String nina = s.token("nina");
    List<String> fans = List.of(s.token("fan1"), s.token("fan2"), s.token("fan3"));
    s.get("/api/me", nina);
    String post = s.publish(nina, "Lunch talk slides");
    for (String f : fans) s.put("/api/posts/" + post + "/endorsement", f, null);
    String mention = s.publish(fans.get(0), "thanks @nina");
    s.put("/api/me/following/users/nina", fans.get(1), null);
    JsonObject page = poll(nina, 3);
    List<JsonObject> all = items(page);
    assertThat(all.stream().map(n -> n.getString("kind"))).containsExactly("follow", "mention", "endorsement");
    assertThat(all.get(2).getJsonArray("from").stream().map(o -> ((JsonObject) o).getString("id"))).containsExactly("fan3", "fan2", "fan1");
    assertThat(all.get(1).getString("post")).isEqualTo(mention);
    // what each is about, in its own words: the endorsed post, the post that mentions; nothing for a follow
    assertThat(all.get(2).getString("excerpt")).isEqualTo("Lunch talk slides");
    assertThat(all.get(1).getString("excerpt")).isEqualTo("thanks @nina");
    assertThat(all.get(0).containsKey("excerpt")).isFalse();
    assertThat(page.getInteger("unread")).isEqualTo(3);
    // paging
    JsonObject first = s.get("/api/notifications?limit=2", nina).json();
    assertThat(items(first)).hasSize(2);
    JsonObject second = s.get("/api/notifications?limit=2&before=" + first.getString("next"), nina).json();
    assertThat(items(second).stream().map(n -> n.getString("kind"))).containsExactly("endorsement");
    // mark read up to the mention
    JsonObject read = s.post("/api/notifications/read", nina, new JsonObject().put("upTo", all.get(1).getString("id"))).json();
    assertThat(read.getString("readUpTo")).isEqualTo(all.get(1).getString("id"));
    JsonObject after = s.get("/api/notifications", nina).json();
    assertThat(after.getInteger("unread")).isEqualTo(1);
    assertThat(items(after).get(1).getBoolean("read")).isTrue();
    assertThat(s.post("/api/notifications/read", nina, new JsonObject().put("upTo", "x")).status()).isEqualTo(422);
    // a deleted post's notifications go with it
    s.delete("/api/posts/" + mention, fans.get(0));
    assertThat(items(s.get("/api/notifications", nina).json()).stream().map(n -> n.getString("kind"))).doesNotContain("mention");
  }

  @Test
  void aLongPostsExcerpt_endsAtAWord_withinTheFirstHundredCharacters() throws Exception {
    String olga = s.token("excerpt-olga");
    String fan = s.token("excerpt-fan");
    s.get("/api/me", olga);
    String text = "The quarterly planning notes are in the shared folder, with the budget sheet and the hiring plan for "
        + "the spring, please read them before Friday";
    String post = s.publish(olga, text);
    s.put("/api/posts/" + post + "/endorsement", fan, null);
    String excerpt = items(poll(olga, 1)).get(0).getString("excerpt");
    assertThat(excerpt).isEqualTo("The quarterly planning notes are in the shared folder, with the budget sheet and the hiring plan for…");
    assertThat(text).startsWith(excerpt.substring(0, excerpt.length() - 1));
  }

  /** Notifications are a subscriber of their own: wait until it has caught up. */
  private static JsonObject poll(String token, int atLeast) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      JsonObject page = s.get("/api/notifications", token).json();
      if (page.getJsonArray("items").size() >= atLeast) return page;
      Thread.sleep(50);
    }
    return s.get("/api/notifications", token).json();
  }
}
