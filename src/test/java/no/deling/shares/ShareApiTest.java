package no.deling.shares;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import no.deling.support.StreamClient;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ShareApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;

  private static List<JsonObject> home(String token) {
    return s.get("/api/timelines/home", token).json().getJsonArray("items").stream().map(o -> (JsonObject) o).toList();
  }

  @Test
  void aShare_reachesTheSharersFollowers_once_markedSharedBy_andLive() {
    String author = s.token("ann");
    String sharer1 = s.token("sam");
    String sharer2 = s.token("sue");
    String reader = s.token("rob");
    for (String t : List.of(author, sharer1, sharer2, reader)) s.get("/api/me", t);
    s.put("/api/me/following/users/sam", reader, null);
    s.put("/api/me/following/users/sue", reader, null);
    String post = s.publish(author, "Our new onboarding guide");
    assertThat(home(reader)).isEmpty();
    try (StreamClient ws = StreamClient.connect(s.vertx, s.server.port(), reader)) {
      ws.subscribe(new JsonObject().put("stream", "home"));
      JsonObject shared = s.put("/api/posts/" + post + "/share", sharer1, null).json();
      assertThat(shared.getBoolean("shared")).isTrue();
      assertThat(shared.getInteger("shares")).isEqualTo(1);
      JsonObject live = ws.next("update").getJsonObject("post");
      assertThat(live.getString("id")).isEqualTo(post);
      assertThat(live.getJsonObject("sharedBy").getString("id")).isEqualTo("sam");
      s.put("/api/posts/" + post + "/share", sharer2, null);
      assertThat(ws.drain(300).stream().filter(m -> "update".equals(m.getString("type")))).as("once per timeline, live too").isEmpty();
    }
    List<JsonObject> items = home(reader);
    assertThat(items).hasSize(1);
    assertThat(items.get(0).getString("id")).isEqualTo(post);
    assertThat(items.get(0).getJsonObject("sharedBy").getString("id")).isEqualTo("sam");
    assertThat(items.get(0).getInteger("shares")).isEqualTo(2);
    // when the first share is withdrawn, the post comes through the second
    s.delete("/api/posts/" + post + "/share", sharer1);
    assertThat(home(reader).get(0).getJsonObject("sharedBy").getString("id")).isEqualTo("sue");
    // the author is told
    assertThat(s.notificationsOf(author, "share").getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("kind")))
        .contains("share");
    // following the author too: the post is there in its own right, not as a share
    s.put("/api/me/following/users/ann", reader, null);
    List<JsonObject> after = home(reader);
    assertThat(after).hasSize(1);
    assertThat(after.get(0).containsKey("sharedBy")).isFalse();
  }
}
