package no.deling.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.asShipped();
  static TestServer s;
  static String alice;
  static String bob;

  @BeforeAll
  static void start() {
    alice = s.token("alice", "Alice", "Sales");
    bob = s.token("bob", "Bob", "Engineering");
    s.get("/api/me", bob); // bob becomes a known user
  }


  @Test
  void publish_returns201_withSortableId_position_andLocation_andReadYourWrites() {
    Response r = s.post("/api/posts", alice, new JsonObject().put("text", "Hello #Deling, cc @bob https://deling.no"));
    assertThat(r.status()).isEqualTo(201);
    JsonObject body = r.json();
    String id = body.getString("id");
    assertThat(id).matches("[0-9]{19}");
    assertThat(body.getLong("position")).isPositive();
    assertThat(r.header("Location")).isEqualTo("/api/posts/" + id);
    // the very next read shows it: no sleeping, no polling
    JsonArray home = s.get("/api/timelines/home", alice).json().getJsonArray("items");
    assertThat(home.getJsonObject(0).getString("id")).isEqualTo(id);
    JsonObject post = s.get("/api/posts/" + id, alice).json();
    assertThat(post.getJsonArray("hashtags")).containsExactly("deling");
    assertThat(post.getJsonArray("mentions")).containsExactly("bob");
    assertThat(post.getJsonArray("links")).containsExactly("https://deling.no");
    assertThat(post.getJsonObject("author")).isEqualTo(new JsonObject().put("id", "alice").put("name", "Alice").put("department", "Sales"));
    assertThat(post.getInteger("endorsements")).isZero();
    assertThat(post.getBoolean("endorsedByMe")).isFalse();
  }

  @Test
  void text_thatJsonMustEscape_andNotLatin1_comesBackAsWritten_everywhere() {
    // the read side keeps texts as UTF-8 and writes them into JSON as they are: quotes, backslashes,
    // newlines and tabs must still be escaped, and characters beyond Latin-1 kept whole
    String text = "She said \"hei\" \\ C:\\tmp\nline two\ttab æøå \uD83D\uDE00 \u2028 end";
    String id = s.publish(alice, text);
    assertThat(s.get("/api/posts/" + id, alice).json().getString("text")).isEqualTo(text);
    assertThat(s.get("/api/timelines/home", alice).json().getJsonArray("items").getJsonObject(0).getString("text")).isEqualTo(text);
    assertThat(s.get("/api/users/alice/posts", bob).json().getJsonArray("items").getJsonObject(0).getString("text")).isEqualTo(text);
    // and an emoji as its four UTF-8 bytes on every path, as the answer to the post had it, not as two escaped halves
    s.awaitSearch();
    for (String path : List.of("/api/posts/" + id, "/api/timelines/home", "/api/users/alice/posts", "/api/search?q=hei", "/api/posts/" + id + "/thread")) {
      assertThat(s.get(path, alice).body().toString(java.nio.charset.StandardCharsets.UTF_8)).as(path).contains("\uD83D\uDE00").doesNotContain("\\uD83D");
    }
  }

  @Test
  void ids_sortByCreationOrder() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) ids.add(s.publish(alice, "post " + i));
    assertThat(ids).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void reply_joinsThread_andThreadListsRootThenReplies() {
    String root = s.publish(alice, "Question: who knows #vertx?");
    String r1 = s.reply(bob, root, "I do");
    String r2 = s.reply(alice, r1, "Thanks!");
    JsonObject thread = s.get("/api/posts/" + r2 + "/thread", bob).json();
    assertThat(thread.getString("root")).isEqualTo(root);
    JsonArray items = thread.getJsonArray("items");
    assertThat(items.stream().map(o -> ((JsonObject) o).getString("id")).toList()).containsExactly(root, r1, r2);
    assertThat(items.getJsonObject(1).getString("inReplyTo")).isEqualTo(root);
    assertThat(items.getJsonObject(2).getString("threadRoot")).isEqualTo(root);
    assertThat(s.get("/api/posts/" + root, bob).json().getInteger("replies")).isEqualTo(1);
  }

  @Test
  void reply_toUnknownPost_is422_andChangesNothing() {
    long head = s.head();
    Response r = s.post("/api/posts", bob, new JsonObject().put("text", "hi").put("inReplyTo", "0000000000000000001"));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("inReplyTo");
    assertThat(s.head()).isEqualTo(head);
  }

  @Test
  void edit_byAuthor_showsEverywhere_andByOthers_is403() {
    String id = s.publish(alice, "first draft #drafts");
    Response forbidden = s.put("/api/posts/" + id, bob, new JsonObject().put("text", "hijacked"));
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.header("Content-Type")).isEqualTo("application/problem+json");
    Response edited = s.put("/api/posts/" + id, alice, new JsonObject().put("text", "final #released"));
    assertThat(edited.status()).isEqualTo(200);
    assertThat(edited.json().getString("editedAt")).isNotNull();
    assertThat(s.get("/api/posts/" + id, bob).json().getString("text")).isEqualTo("final #released");
    assertThat(ids(s.get("/api/topics/released/posts", bob))).contains(id);
    assertThat(ids(s.get("/api/topics/drafts/posts", bob))).doesNotContain(id);
    assertThat(s.get("/api/users/alice/posts", bob).json().getJsonArray("items").getJsonObject(0).getString("text"))
        .isEqualTo("final #released");
  }

  @Test
  void delete_byOthers_is403_byAuthor_removesEverywhere_butThreadKeepsTombstone() {
    String root = s.publish(bob, "root");
    String id = s.reply(alice, root, "to be deleted #gone");
    assertThat(s.delete("/api/posts/" + id, bob).status()).isEqualTo(403);
    assertThat(s.delete("/api/posts/" + id, alice).status()).isEqualTo(204);
    assertThat(s.delete("/api/posts/" + id, alice).status()).as("idempotent").isEqualTo(204);
    assertThat(s.get("/api/posts/" + id, alice).status()).isEqualTo(404);
    assertThat(ids(s.get("/api/timelines/home", alice))).doesNotContain(id);
    assertThat(ids(s.get("/api/topics/gone/posts", alice))).doesNotContain(id);
    assertThat(ids(s.get("/api/users/alice/posts", alice))).doesNotContain(id);
    JsonArray thread = s.get("/api/posts/" + root + "/thread", alice).json().getJsonArray("items");
    JsonObject tombstone = thread.getJsonObject(1);
    assertThat(tombstone.getBoolean("deleted")).isTrue();
    assertThat(tombstone.getString("text")).isNull();
    assertThat(s.put("/api/posts/" + id, alice, new JsonObject().put("text", "back")).status()).isEqualTo(404);
  }

  @Test
  void unknownPost_is404_malformedId_is400() {
    assertThat(s.get("/api/posts/0000000000000000042", alice).status()).isEqualTo(404);
    Response bad = s.get("/api/posts/42", alice);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("id");
    assertThat(s.delete("/api/posts/0000000000000000042", alice).status()).isEqualTo(404);
  }

  @Test
  void badInput_gets400ProblemNamingFieldAndRule_andChangesNothing() {
    long head = s.head();
    assertProblem(s.post("/api/posts", alice, new JsonObject().put("text", "")), 400, "text", "minLength");
    assertProblem(s.post("/api/posts", alice, new JsonObject().put("text", "x".repeat(2_001))), 400, "text", "maxLength");
    assertProblem(s.post("/api/posts", alice, new JsonObject()), 400, "text", "required");
    assertProblem(s.post("/api/posts", alice, new JsonObject().put("text", "hi").put("colour", "red")), 400, "colour", "additionalProperties");
    assertProblem(s.post("/api/posts", alice, new JsonObject().put("text", 42)), 400, "text", "type");
    // ids are checked by the contract's patterns before anything is looked up
    assertProblem(s.post("/api/posts", alice, new JsonObject().put("text", "hi").put("group", "sales")), 400, "group", "pattern");
    assertProblem(s.post("/api/posts", alice, new JsonObject().put("text", "hi").put("inReplyTo", "42")), 400, "inReplyTo", "pattern");
    assertThat(s.post("/api/posts", alice, "{not json").status()).isEqualTo(400);
    Buffer invalidUtf8 = Buffer.buffer("{\"text\":\"").appendBytes(new byte[] {(byte) 0xC3, (byte) 0x28}).appendString("\"}");
    assertProblem(s.post("/api/posts", alice, invalidUtf8), 400, "body", "utf-8");
    assertProblem(s.post("/api/posts", alice, new JsonObject().put("text", "   ")), 422, "text", "not-blank");
    assertThat(s.call(HttpMethod.POST, "/api/posts", alice, "text=hi", Map.of("Content-Type", "text/plain")).status()).isEqualTo(415);
    assertThat(s.post("/api/posts", alice, "x".repeat(70_000)).status()).isEqualTo(413);
    assertThat(s.head()).as("nothing was written").isEqualTo(head);
  }

  @Test
  void aJsonBody_isTakenUnderAnyWayOfWritingItsContentType_andOtherTypesAreRefused_howeverMany() {
    String alice = s.token("ctype-alice");
    String json = new JsonObject().put("text", "typed").encode();
    // the validator remembers the first few headers it saw (see InlineValidation): ask more than it keeps, twice each
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 40; i++) {
        String spaced = "application/json;" + " ".repeat(i % 5) + "charset=" + (i % 2 == 0 ? "utf-8" : "UTF-8") + ";x-n=" + i;
        assertThat(s.call(HttpMethod.POST, "/api/posts", alice, json, Map.of("Content-Type", spaced)).status()).as(spaced).isEqualTo(201);
        assertThat(s.call(HttpMethod.POST, "/api/posts", alice, json, Map.of("Content-Type", "text/plain; n=" + i)).status()).isEqualTo(415);
      }
    }
  }

  @Test
  void idempotencyKey_retriedPublish_returnsSamePost_andStoresOneEvent() {
    Map<String, String> key = Map.of("Idempotency-Key", "retry-me-1");
    JsonObject body = new JsonObject().put("text", "only once please");
    Response first = s.call(HttpMethod.POST, "/api/posts", alice, body, key);
    long head = s.head();
    Response second = s.call(HttpMethod.POST, "/api/posts", alice, body, key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.json().getString("id")).isEqualTo(first.json().getString("id"));
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(s.head()).isEqualTo(head);
    // the same key from another user is another request
    Response bobs = s.call(HttpMethod.POST, "/api/posts", bob, body, key);
    assertThat(bobs.json().getString("id")).isNotEqualTo(first.json().getString("id"));
  }

  @Test
  void idempotencyKey_concurrentRetries_createOnePost() throws Exception {
    Map<String, String> key = Map.of("Idempotency-Key", "storm-1");
    JsonObject body = new JsonObject().put("text", "mobile retry storm");
    List<CompletableFuture<Response>> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) all.add(CompletableFuture.supplyAsync(() -> s.call(HttpMethod.POST, "/api/posts", alice, body, key)));
    List<String> ids = new ArrayList<>();
    for (var f : all) ids.add(f.get().json().getString("id"));
    assertThat(ids).containsOnly(ids.get(0));
    long copies = s.events().stream().filter(e -> new String(e.data()).contains("mobile retry storm")).count();
    assertThat(copies).isEqualTo(1);
  }

  static List<String> ids(Response page) {
    return page.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  static void assertProblem(Response r, int status, String field, String rule) {
    TestServer.assertProblem(r, status, field, rule);
  }

}
