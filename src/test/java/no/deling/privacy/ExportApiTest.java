package no.deling.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportApiTest {
  @TempDir Path dir;

  private static List<String> kinds(JsonArray facts) {
    return facts.stream().map(o -> ((JsonObject) o).getString("kind")).toList();
  }

  @Test
  void myExport_holdsMyProfile_everyVersionOfMyPosts_andWhatIDid_andNothingOfOthers() {
    try (TestServer s = TestServer.start(dir)) {
      String alice = s.post("/api/dev/login", null, new JsonObject().put("user", "alice").put("name", "Alice").put("department", "Sales")
          .put("email", "alice@example.org")).json().getString("token");
      String bob = s.token("bob");
      String bobs = s.publish(bob, "Bob's own words, not alice's to export");
      String post = s.publish(alice, "first draft #exports");
      assertThat(s.put("/api/posts/" + post, alice, new JsonObject().put("text", "second draft #exports")).status()).isEqualTo(200);
      String gone = s.publish(alice, "something I regret");
      assertThat(s.delete("/api/posts/" + gone, alice).status()).isEqualTo(204);
      s.put("/api/me/following/users/bob", alice, null);
      s.put("/api/posts/" + bobs + "/endorsement", alice, null);

      Response r = s.get("/api/me/export", alice);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Content-Disposition")).contains("deling-alice.json");
      JsonObject export = r.json();
      assertThat(export.getJsonObject("profile").getString("department")).isEqualTo("Sales");
      assertThat(export.getJsonObject("profile").getJsonArray("following")).containsExactly("bob");
      JsonArray posts = export.getJsonArray("posts");
      assertThat(posts).hasSize(2);
      JsonObject edited = posts.getJsonObject(0);
      assertThat(edited.getJsonArray("versions").stream().map(v -> ((JsonObject) v).getString("text")).toList())
          .containsExactly("first draft #exports", "second draft #exports");
      assertThat(posts.getJsonObject(1).getBoolean("deleted")).isTrue();
      assertThat(posts.getJsonObject(1).getJsonArray("versions").getJsonObject(0).getString("text")).isEqualTo("something I regret");
      assertThat(kinds(export.getJsonArray("yourActivity"))).contains("PostPublished", "PostEdited", "PostDeleted", "UserFollowed", "PostEndorsed");
      assertThat(kinds(export.getJsonArray("recordedAboutYou"))).contains("UserProfileRecorded");
      assertThat(s.put("/api/me/email", alice, new JsonObject().put("unreadNotifications", false)).status()).isEqualTo(200);
      JsonObject again = s.get("/api/me/export", alice).json();
      assertThat(again.encode()).as("her address, as her token gave it").contains("alice@example.org");
      assertThat(kinds(again.getJsonArray("yourActivity"))).as("her choice about email").contains("EmailChoiceSet");
      assertThat(r.body().toString()).as("another person's words are not in my export").doesNotContain("Bob's own words");

      // what others recorded about bob (alice invited him to her private group) is in bob's export
      String group = s.post("/api/groups", alice, new JsonObject().put("name", "Sales leads").put("access", "private")).json().getString("id");
      assertThat(s.put("/api/groups/" + group + "/members/bob", alice, null).status()).isEqualTo(200);
      JsonObject bobsExport = s.get("/api/me/export", bob).json();
      assertThat(kinds(bobsExport.getJsonArray("recordedAboutYou"))).contains("GroupMemberInvited");
      assertThat(bobsExport.getJsonArray("posts")).hasSize(1);
      assertThat(bobsExport.encode()).doesNotContain("draft").doesNotContain("regret");
      assertThat(s.get("/api/me/export", null).status()).isEqualTo(401);
    }
  }
}
