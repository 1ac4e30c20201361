package no.deling.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushMessageTest {
  private static final long NOW = Instant.parse("2026-12-07T10:00:00Z").toEpochMilli();

  private static JsonObject notification(long id, String kind, String from, String post, long minutesAgo, boolean read) {
    JsonObject n = new JsonObject().put("id", Long.toString(id)).put("kind", kind).put("read", read)
        .put("from", new JsonArray().add(new JsonObject().put("id", from.toLowerCase()).put("name", from)))
        .put("createdAt", Instant.ofEpochMilli(NOW - minutesAgo * 60_000).toString());
    if (post != null) n.put("post", post);
    return n;
  }

  @Test
  void whatIsDue_isUnread_notYetPushed_andFromTheLastQuarterOfAnHour() {
    JsonArray items = new JsonArray().add(notification(50, "mention", "Bob", "p5", 0, false)).add(notification(40, "reply", "Lea", "p4", 1, true))
        .add(notification(30, "follow", "Kai", null, 2, false)).add(notification(20, "endorsement", "Ola", "p2", 20, false));
    assertThat(PushMessage.due(items, 0, NOW, false)).extracting(n -> n.getString("id")).containsExactly("50", "30");
    assertThat(PushMessage.due(items, 30, NOW, false)).extracting(n -> n.getString("id")).containsExactly("50");
    assertThat(PushMessage.due(items, 50, NOW, false)).isEmpty();
    assertThat(PushMessage.due(items, 0, NOW, true)).as("only where someone waits: the mention, not the follow").extracting(n -> n.getString("id"))
        .containsExactly("50");
  }

  @Test
  void theMessage_saysTheNewestWhoDidWhat_howManyMore_andWhereToOpenIt_inTheDevicesLanguage() {
    List<JsonObject> due = List.of(notification(50, "mention", "Bob Berg", "0388", 0, false), notification(30, "follow", "Kai", null, 2, false));
    PushMessage.Message en = PushMessage.of(due, "en");
    assertThat(en.message().getString("title")).isEqualTo("Bob Berg mentioned you");
    assertThat(en.message().getString("body")).isEqualTo("and 1 more notification");
    assertThat(en.message().getString("url")).as("a path on the origin the device subscribed at").isEqualTo("/#/post/0388");
    assertThat(en.message().getString("tag")).isEqualTo("deling-notifications");
    assertThat(en.upTo()).isEqualTo(50);
    assertThat(en.count()).isEqualTo(2);
    assertThat(en.urgent()).as("someone mentioned them").isTrue();
    PushMessage.Message nb = PushMessage.of(List.of(due.get(1)), "nb");
    assertThat(nb.message().getString("title")).isEqualTo("Kai følger deg");
    assertThat(nb.message().getString("body")).isEmpty();
    assertThat(nb.message().getString("url")).isEqualTo("/#/notifications");
    assertThat(nb.urgent()).isFalse();
    assertThat(PushMessage.of(List.of(due.get(0), due.get(1), due.get(1)), "nb").message().getString("body")).isEqualTo("og 2 varsler til");
  }
}
