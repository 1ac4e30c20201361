package no.deling.saved;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Saving posts to read later, through a real HTTP client. */
class SavedPostsApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;

  private static List<String> saved(TestServer t, String token, String query) {
    return t.get("/api/me/saved" + query, token).json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  @Test
  void savedPosts_areListedLatestSavedFirst_pageByPage_andMarkedOnlyForTheirSaver() {
    String ann = s.token("sv-ann");
    String ben = s.token("sv-ben");
    String first = s.publish(ann, "The release checklist");
    String second = s.publish(ann, "How we run postmortems");
    String third = s.reply(ann, first, "Step 4 changed");
    String mine = s.publish(ben, "My own notes");

    TestServer.Response r = s.put("/api/posts/" + first + "/saved", ben, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getBoolean("saved")).isTrue();
    assertThat(r.json().getString("post")).isEqualTo(first);
    for (String p : List.of(third, mine, second)) assertThat(s.put("/api/posts/" + p + "/saved", ben, null).status()).isEqualTo(200);
    long events = s.events().stream().filter(e -> e.type().equals("PostSaved.v1")).count();
    assertThat(s.put("/api/posts/" + first + "/saved", ben, null).json().getBoolean("saved")).as("saving again").isTrue();
    assertThat(s.events().stream().filter(e -> e.type().equals("PostSaved.v1")).count()).as("saving again records nothing").isEqualTo(events);

    assertThat(saved(s, ben, "")).containsExactly(second, mine, third, first);
    JsonObject page = s.get("/api/me/saved?limit=3", ben).json();
    assertThat(page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id"))).containsExactly(second, mine, third);
    assertThat(saved(s, ben, "?limit=3&before=" + page.getString("next"))).containsExactly(first);
    assertThat(s.get("/api/me/saved?limit=4", ben).json().getValue("next")).as("nothing after the last").isNull();

    JsonObject asBen = s.get("/api/posts/" + first, ben).json();
    assertThat(asBen.getBoolean("savedByMe")).isTrue();
    assertThat(s.get("/api/posts/" + first, ann).json().getBoolean("savedByMe")).as("the author does not learn of it").isFalse();
    assertThat(s.get("/api/users/sv-ann/posts", ann).body().toString()).doesNotContain("\"savedByMe\":true");
    assertThat(saved(s, ann, "")).as("ann saved nothing").isEmpty();
    assertThat(s.get("/api/timelines/home", ben).json().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(p -> p.getString("id").equals(mine)).findFirst().orElseThrow().getBoolean("savedByMe")).isTrue();

    JsonObject off = s.delete("/api/posts/" + mine + "/saved", ben).json();
    assertThat(off.getBoolean("saved")).isFalse();
    assertThat(s.delete("/api/posts/" + mine + "/saved", ben).status()).as("again").isEqualTo(200);
    assertThat(saved(s, ben, "")).containsExactly(second, third, first);
    assertThat(s.put("/api/posts/" + first + "/saved", ben, null).status()).isEqualTo(200);
    assertThat(saved(s, ben, "")).as("saving one already saved does not move it").containsExactly(second, third, first);
  }

  @Test
  void aPostDeleted_orInAGroupOneLeft_dropsOutOfTheList_andReturnsOnRejoining() {
    String owner = s.token("sv-owner");
    String reader = s.token("sv-reader");
    String g = s.privateGroup(owner, "Budget");
    s.invite(g, owner, "sv-reader", reader);
    String secret = s.post("/api/posts", owner, new JsonObject().put("text", "Next year's numbers").put("group", g)).json().getString("id");
    String doomed = s.publish(owner, "Soon gone");
    assertThat(s.put("/api/posts/" + secret + "/saved", reader, null).status()).isEqualTo(200);
    assertThat(s.put("/api/posts/" + doomed + "/saved", reader, null).status()).isEqualTo(200);
    assertThat(saved(s, reader, "")).containsExactly(doomed, secret);

    assertThat(s.delete("/api/posts/" + doomed, owner).status()).isEqualTo(204);
    assertThat(s.delete("/api/groups/" + g + "/members/sv-reader", reader).status()).isEqualTo(200);
    String body = s.get("/api/me/saved", reader).body().toString();
    assertThat(body).doesNotContain(secret).doesNotContain("numbers").doesNotContain(doomed);
    assertThat(s.put("/api/posts/" + secret + "/saved", reader, null).status()).as("no longer to see").isEqualTo(404);
    assertThat(s.put("/api/posts/" + doomed + "/saved", reader, null).status()).isEqualTo(404);
    assertThat(s.put("/api/posts/0384036914845450240/saved", reader, null).status()).isEqualTo(404);
    assertThat(s.put("/api/posts/not-an-id/saved", reader, null).status()).isEqualTo(400);

    s.invite(g, owner, "sv-reader", reader);
    assertThat(saved(s, reader, "")).as("a member again").containsExactly(secret);
    assertThat(s.delete("/api/posts/" + doomed + "/saved", reader).json().getBoolean("saved")).as("a deleted post can be tidied away").isFalse();
  }

  @Test
  void theListIsTheSame_afterARestartAndAReplay_pastAnotherSaversErasure() throws Exception {
    String[] posts = new String[3];
    no.deling.support.ModelRuns.playThenCheckThrice("deling-saved", Map.of("DELING_WRITE_RATE", "0"), t -> {
      String author = t.token("r-author");
      String keeper = t.token("r-keeper");
      for (int i = 0; i < 3; i++) posts[i] = t.publish(author, "Post " + i);
      for (String p : posts) t.put("/api/posts/" + p + "/saved", keeper, null);
      t.delete("/api/posts/" + posts[1] + "/saved", keeper);
      t.put("/api/posts/" + posts[1] + "/saved", keeper, null);
      t.delete("/api/posts/" + posts[0] + "/saved", keeper);
      t.put("/api/posts/" + posts[0] + "/saved", t.token("r-leaver"), null);
      String admin = t.server.tokens().sign(new JsonObject().put("sub", "r-admin").put("roles", new JsonArray().add("admin")), 60);
      assertThat(t.delete("/api/users/r-leaver", admin).status()).isEqualTo(200);
    }, (t, when) -> {
      assertThat(saved(t, t.token("r-keeper"), "")).as(when).containsExactly(posts[1], posts[2]);
      assertThat(t.get("/api/posts/" + posts[0], t.token("r-keeper")).json().getBoolean("savedByMe")).as(when).isFalse();
    });
  }
}
