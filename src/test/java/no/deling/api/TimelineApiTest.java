package no.deling.api;

import static no.deling.api.PostApiTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineApiTest {
  @TempDir Path dir;

  private static List<String> walk(TestServer s, String path, String token, int limit) {
    List<String> all = new ArrayList<>();
    String next = null;
    do {
      Response page = s.get(path + "?limit=" + limit + (next == null ? "" : "&before=" + next), token);
      assertThat(page.status()).isEqualTo(200);
      List<String> items = ids(page);
      assertThat(items.size()).isLessThanOrEqualTo(limit);
      all.addAll(items);
      next = page.json().getString("next");
    } while (next != null);
    return all;
  }

  // Both paths now share one encoder (PostJsonCache); what this guards is the page framing and that
  // cached encodings follow edits, renames, endorsements and replies (asserted field by field below).
  @Test
  void timelinePages_renderEachPostExactlyAsThePostEndpointDoes() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      String alice = s.token("alice");
      String bob = s.token("bob", "Bob", null);
      String root = s.publish(alice, "root #Kotlin with a link https://wiki.example/x and @bob \"quoted\" ø");
      String reply = s.reply(bob, root, "a reply");
      String edited = s.publish(alice, "to be edited");
      s.put("/api/posts/" + edited, alice, new io.vertx.core.json.JsonObject().put("text", "edited #java"));
      String gone = s.publish(alice, "to be deleted");
      s.delete("/api/posts/" + gone, alice);
      s.put("/api/posts/" + root + "/endorsement", bob, null);
      s.put("/api/me/following/users/alice", bob, null);
      Response home = s.get("/api/timelines/home?limit=50", bob);
      assertThat(home.status()).isEqualTo(200);
      assertThat(home.header("Content-Type")).startsWith("application/json");
      var items = home.json().getJsonArray("items");
      assertThat(items.size()).isGreaterThanOrEqualTo(3);
      for (Object o : items) {
        var item = (io.vertx.core.json.JsonObject) o;
        Response single = s.get("/api/posts/" + item.getString("id"), bob);
        assertThat(item).as("post %s", item.getString("id")).isEqualTo(single.json());
      }
      assertThat(ids(home)).contains(root, reply, edited);

      // what changes after a page was rendered (and its posts' encodings cached) shows on the next page
      s.put("/api/posts/" + root, alice, new io.vertx.core.json.JsonObject().put("text", "root, edited"));
      String aliceRenamed = s.token("alice", "Alice Renamed", "Research");
      assertThat(s.get("/api/me", aliceRenamed).status()).isEqualTo(200);
      s.put("/api/posts/" + edited + "/endorsement", bob, null);
      s.reply(bob, edited, "another reply");
      Response again = s.get("/api/timelines/home?limit=50", bob);
      for (Object o : again.json().getJsonArray("items")) {
        var item = (io.vertx.core.json.JsonObject) o;
        assertThat(item).isEqualTo(s.get("/api/posts/" + item.getString("id"), bob).json());
        if (item.getString("id").equals(root)) {
          assertThat(item.getString("text")).isEqualTo("root, edited");
          assertThat(item.getJsonObject("author").getString("name")).isEqualTo("Alice Renamed");
        }
        if (item.getString("id").equals(edited)) {
          assertThat(item.getInteger("endorsements")).isEqualTo(1);
          assertThat(item.getBoolean("endorsedByMe")).isTrue();
          assertThat(item.getInteger("replies")).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void timelines_paginateNewestFirst_withoutGapsOrDuplicates() {
    try (TestServer s = TestServer.start(dir)) {
      String alice = s.token("alice");
      List<String> posted = new ArrayList<>();
      for (int i = 0; i < 45; i++) posted.add(s.publish(alice, "post " + i + " #pager"));
      List<String> newestFirst = new ArrayList<>(posted);
      java.util.Collections.reverse(newestFirst);
      assertThat(walk(s, "/api/timelines/home", alice, 20)).containsExactlyElementsOf(newestFirst);
      assertThat(walk(s, "/api/users/alice/posts", alice, 7)).containsExactlyElementsOf(newestFirst);
      assertThat(walk(s, "/api/topics/pager/posts", alice, 45)).containsExactlyElementsOf(newestFirst);
      assertThat(ids(s.get("/api/timelines/home", alice))).hasSize(20);
      assertThat(s.get("/api/timelines/home?limit=101", alice).status()).isEqualTo(400);
      assertThat(s.get("/api/timelines/home?before=abc", alice).status()).isEqualTo(400);
      assertThat(s.get("/api/users/nobody/posts", alice).status()).isEqualTo(404);
      assertThat(ids(s.get("/api/topics/unknown/posts", alice))).isEmpty();
    }
  }

  @Test
  void homeTimeline_isBounded_butPersonTimelineKeepsEverything() {
    try (TestServer s = TestServer.start(dir, Map.of("DELING_HOME_TIMELINE_SIZE", "10"))) {
      String alice = s.token("alice");
      for (int i = 0; i < 25; i++) s.publish(alice, "post " + i);
      assertThat(walk(s, "/api/timelines/home", alice, 100)).hasSize(10);
      assertThat(walk(s, "/api/users/alice/posts", alice, 100)).hasSize(25);
    }
  }

  @Test
  void readModels_areRebuiltFromTheLog_afterRestart() {
    JsonObject homeBefore;
    JsonObject postBefore;
    String id;
    try (TestServer s = TestServer.start(dir)) {
      String alice = s.token("alice");
      String bob = s.token("bob");
      s.get("/api/me", bob);
      s.put("/api/me/following/users/bob", alice, null);
      id = s.publish(bob, "survives restarts #durable");
      s.reply(alice, id, "agreed");
      s.put("/api/posts/" + id + "/endorsement", alice, null);
      homeBefore = s.get("/api/timelines/home", alice).json();
      postBefore = s.get("/api/posts/" + id, alice).json();
    }
    try (TestServer s = TestServer.start(dir)) {
      String alice = s.token("alice");
      assertThat(s.get("/api/timelines/home", alice).json()).isEqualTo(homeBefore);
      assertThat(s.get("/api/posts/" + id, alice).json()).isEqualTo(postBefore);
      assertThat(postBefore.getInteger("endorsements")).isEqualTo(1);
      assertThat(postBefore.getInteger("replies")).isEqualTo(1);
    }
  }
}
