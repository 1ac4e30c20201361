package no.deling.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hearing of new replies in a conversation one wrote in or follows, and muting it, through a real HTTP client. */
class ThreadSubscriptionApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;

  private static List<JsonObject> told(String token, String kind) {
    return s.get("/api/notifications?limit=100", token).json().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(n -> kind.equals(n.getString("kind"))).toList();
  }

  private static boolean subscribed(String token, String post) {
    return s.get("/api/posts/" + post + "/subscription", token).json().getBoolean("subscribed");
  }

  @Test
  void theAskerAndEveryoneWhoAnswered_hearOfNewReplies_groupedPerConversation() {
    String asker = s.token("th-asker");
    String ann = s.token("th-ann");
    String ben = s.token("th-ben");
    String cat = s.token("th-cat");
    String question = s.post("/api/posts", asker, new JsonObject().put("text", "How do we rotate keys? #ops").put("kind", "question")).json().getString("id");
    String annsAnswer = s.reply(ann, question, "With the vault's rotate command");
    String bens = s.reply(ben, annsAnswer, "That only rotates the active one");
    assertThat(s.notificationsOf(asker, "thread.reply").getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("kind")))
        .as("ben replied to ann, in the asker's conversation").contains("thread.reply");
    assertThat(told(ann, "thread.reply")).as("ann was replied to: told once, as a reply").isEmpty();
    s.reply(cat, bens, "The passive one rotates at midnight");
    JsonObject grouped = s.notificationsOf(ann, "thread.reply").getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(n -> "thread.reply".equals(n.getString("kind"))).findFirst().orElseThrow();
    assertThat(grouped.getString("post")).as("about the conversation's first post").isEqualTo(question);
    awaitCount(asker, "thread.reply", 1);
    JsonObject askers = told(asker, "thread.reply").get(0);
    assertThat(askers.getInteger("count")).as("ben and cat, unread: one item").isEqualTo(2);
    assertThat(told(ben, "thread.reply")).as("ben was replied to: told once, as a reply").isEmpty();
    assertThat(subscribed(cat, question)).isTrue();
    assertThat(subscribed(s.token("th-dan"), annsAnswer)).isFalse();
  }

  @Test
  void muting_stopsThem_followingStartsThem_andAChoiceOutlastsOnesOwnPosts() {
    String author = s.token("mu-author");
    String talker = s.token("mu-talker");
    String lurker = s.token("mu-lurker");
    String root = s.publish(author, "Lunch plans?");
    String mine = s.reply(talker, root, "Pizza");
    JsonObject muted = s.put("/api/posts/" + mine + "/subscription", talker, new JsonObject().put("subscribed", false)).json();
    assertThat(muted.getString("thread")).isEqualTo(root);
    assertThat(muted.getBoolean("subscribed")).isFalse();
    assertThat(s.put("/api/posts/" + root + "/subscription", lurker, new JsonObject().put("subscribed", true)).status()).isEqualTo(200);
    s.reply(author, root, "Pizza it is");
    s.notificationsOf(lurker, "thread.reply");
    assertThat(told(lurker, "thread.reply")).hasSize(1);
    assertThat(told(talker, "thread.reply")).as("muted").isEmpty();
    assertThat(s.put("/api/posts/" + root + "/subscription", lurker, new JsonObject().put("subscribed", true)).json().getBoolean("subscribed"))
        .as("following again changes nothing").isTrue();
    assertThat(s.events().stream().filter(e -> e.type().equals("ThreadSubscriptionSet.v1")).count()).isEqualTo(2);
    assertThat(s.get("/api/posts/0384036914845450240/subscription", lurker).status()).isEqualTo(404);
    assertThat(s.put("/api/posts/" + root + "/subscription", lurker, new JsonObject().put("subscribed", "yes")).status()).isEqualTo(400);
  }

  @Test
  void someoneWhoLeftAPrivateGroup_hearsNothingMoreOfItsConversations() {
    String owner = s.token("pg-owner");
    String member = s.token("pg-member");
    String g = s.privateGroup(owner, "Mergers");
    s.invite(g, owner, "pg-member", member);
    String root = s.post("/api/posts", owner, new JsonObject().put("text", "Target list").put("group", g)).json().getString("id");
    s.reply(member, root, "Add Acme");
    assertThat(s.delete("/api/groups/" + g + "/members/pg-member", member).status()).isEqualTo(200);
    assertThat(s.get("/api/posts/" + root + "/subscription", member).status()).isEqualTo(404);
    assertThat(s.put("/api/posts/" + root + "/subscription", member, new JsonObject().put("subscribed", true)).status()).isEqualTo(404);
    s.reply(owner, root, "Acme is off the list: secret");
    String marker = s.publish(owner, "a later post, to know the notifications have caught up @pg-member");
    s.notificationsOf(member, "mention");
    assertThat(s.get("/api/notifications?limit=100", member).body().toString()).doesNotContain(root).contains(marker);
  }

  private static void awaitCount(String token, String kind, int items) {
    for (int i = 0; i < 100 && told(token, kind).size() < items; i++) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
