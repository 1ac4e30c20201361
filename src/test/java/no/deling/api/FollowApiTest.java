package no.deling.api;

import static no.deling.api.PostApiTest.assertProblem;
import static no.deling.api.PostApiTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import no.deling.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowApiTest {
  @TempDir Path dir;
  TestServer s;
  String alice;
  String bob;
  String carol;

  @BeforeEach
  void start() {
    s = TestServer.start(dir);
    alice = s.token("alice");
    bob = s.token("bob");
    carol = s.token("carol");
    s.get("/api/me", bob);
    s.get("/api/me", carol);
    s.get("/api/me", alice);
  }

  @AfterEach
  void stop() {
    s.close();
  }

  @Test
  void follow_showsInFollowingFollowersAndCounts_andIsIdempotent() {
    assertThat(s.put("/api/me/following/users/bob", alice, null).json().getBoolean("following")).isTrue();
    assertThat(s.put("/api/me/following/users/bob", alice, null).status()).isEqualTo(200);
    assertThat(s.put("/api/me/following/topics/Kotlin", alice, null).status()).isEqualTo(200);
    JsonObject following = s.get("/api/me/following", alice).json();
    assertThat(following.getJsonArray("users").getJsonObject(0).getString("id")).isEqualTo("bob");
    assertThat(following.getJsonArray("users")).hasSize(1);
    assertThat(following.getJsonArray("topics")).containsExactly("kotlin");
    JsonArray followers = s.get("/api/users/bob/followers", carol).json().getJsonArray("items");
    assertThat(followers).hasSize(1);
    assertThat(followers.getJsonObject(0).getString("id")).isEqualTo("alice");
    assertThat(s.get("/api/users/bob", carol).json().getInteger("followers")).isEqualTo(1);
    JsonObject me = s.get("/api/me", alice).json();
    assertThat(me.getInteger("following")).isEqualTo(1);
    assertThat(me.getInteger("topics")).isEqualTo(1);
  }

  @Test
  void manyFollowsByOnePersonAtOnce_allSucceed_despiteRacingForTheSameStream() {
    java.util.List<String> people = new java.util.ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String u = "colleague" + i;
      assertThat(s.get("/api/me", s.token(u)).status()).isEqualTo(200);
      people.add(u);
    }
    java.util.List<io.vertx.core.Future<Integer>> all = new java.util.ArrayList<>();
    for (String u : people) {
      all.add(s.http.put("/api/me/following/users/" + u).putHeader("Authorization", "Bearer " + carol).send()
          .map(r -> r.statusCode()));
    }
    for (var f : all) assertThat(no.deling.support.Await.await(f)).isBetween(200, 204);
    JsonArray following = s.get("/api/me/following", carol).json().getJsonArray("users");
    assertThat(following).hasSize(24);
  }

  @Test
  void follow_yourself_is422_unknownUser_is404_badTag_is400() {
    long head = s.head();
    assertProblem(s.put("/api/me/following/users/alice", alice, null), 422, "id", "not-yourself");
    assertThat(s.put("/api/me/following/users/nobody", alice, null).status()).isEqualTo(404);
    assertThat(s.put("/api/me/following/topics/no%20spaces", alice, null).status()).isEqualTo(400);
    assertThat(s.get("/api/users/nobody/followers", alice).status()).isEqualTo(404);
    assertThat(s.head()).isEqualTo(head);
  }

  @Test
  void home_showsFollowedPeople_includingEarlierPosts_andUnfollowRemovesThem() {
    String before = s.publish(bob, "posted before alice followed");
    String strangers = s.publish(carol, "alice does not follow carol");
    s.put("/api/me/following/users/bob", alice, null);
    String after = s.publish(bob, "posted after");
    assertThat(ids(s.get("/api/timelines/home", alice))).containsExactly(after, before).doesNotContain(strangers);
    s.delete("/api/me/following/users/bob", alice);
    assertThat(ids(s.get("/api/timelines/home", alice))).isEmpty();
  }

  @Test
  void home_showsFollowedTopics_fromAnyone_untilUnfollowed() {
    s.put("/api/me/following/topics/kotlin", alice, null);
    String tagged = s.publish(carol, "Coroutines are neat #Kotlin");
    String untagged = s.publish(carol, "Lunch?");
    assertThat(ids(s.get("/api/timelines/home", alice))).containsExactly(tagged).doesNotContain(untagged);
    s.delete("/api/me/following/topics/kotlin", alice);
    assertThat(ids(s.get("/api/timelines/home", alice))).isEmpty();
  }

  @Test
  void unfollowingPerson_keepsTheirPostsThatMatchAFollowedTopic() {
    s.put("/api/me/following/users/bob", alice, null);
    s.put("/api/me/following/topics/java", alice, null);
    String javaPost = s.publish(bob, "#java 21 is out");
    String other = s.publish(bob, "coffee");
    s.delete("/api/me/following/users/bob", alice);
    assertThat(ids(s.get("/api/timelines/home", alice))).containsExactly(javaPost).doesNotContain(other);
  }

  @Test
  void heavyAuthor_isMergedAtReadTime_notFannedOut() {
    s.close();
    s = TestServer.start(dir, java.util.Map.of("DELING_FANOUT_LIMIT", "1"));
    s.put("/api/me/following/users/bob", alice, null);
    s.put("/api/me/following/users/bob", carol, null); // bob now has 2 > 1 followers: fan-out on read
    String post = s.publish(bob, "to all my followers");
    assertThat(ids(s.get("/api/timelines/home", alice))).containsExactly(post);
    assertThat(ids(s.get("/api/timelines/home", carol))).containsExactly(post);
    s.delete("/api/me/following/users/bob", carol);
    assertThat(ids(s.get("/api/timelines/home", carol))).isEmpty();
    // bob is back to one follower, so fanned out again: alice's home list, built while he was merged at read, must hold his posts
    assertThat(ids(s.get("/api/timelines/home", alice))).containsExactly(post);
    String next = s.publish(bob, "fanned out again");
    assertThat(ids(s.get("/api/timelines/home", alice))).containsExactly(next, post);
  }

  @Test
  void followers_comeAPageAtATime_sortedById() {
    no.deling.support.TestServer server = no.deling.support.TestServer.start(dir.resolve("paging"));
    try {
      String star = server.token("star");
      server.get("/api/me", star);
      for (int i = 0; i < 5; i++) server.put("/api/me/following/users/star", server.token("fan" + i), null);
      String viewer = server.token("viewer");
      JsonObject first = server.get("/api/users/star/followers?limit=2", viewer).json();
      assertThat(first.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList()).containsExactly("fan0", "fan1");
      assertThat(first.getString("next")).isEqualTo("fan1");
      JsonObject second = server.get("/api/users/star/followers?limit=2&after=fan1", viewer).json();
      assertThat(second.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList()).containsExactly("fan2", "fan3");
      JsonObject last = server.get("/api/users/star/followers?limit=2&after=fan3", viewer).json();
      assertThat(last.getJsonArray("items")).hasSize(1);
      assertThat(last.getValue("next")).isNull();
      assertThat(server.get("/api/users/star/followers?limit=0", viewer).status()).isEqualTo(400);
    } finally {
      server.close();
    }
  }
}
