package no.deling.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.deling.core.ids.PostIds;
import no.deling.links.LinkEvent;
import no.deling.posts.PostEvent;
import no.deling.privacy.sealing.KeyStore;
import no.deling.privacy.sealing.Sealer;
import no.deling.privacy.sealing.SqliteKeyStore;
import no.deling.support.Await;
import no.deling.support.StoppedLog;
import no.deling.support.TestServer;
import no.deling.users.UserEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code DELING_RETENTION_DAYS}, posts (and bookmarks) of months that ended longer ago than
 * that stop opening: their keys are destroyed, the running server forgets them, and so does every
 * later rebuild. Profiles and newer posts stay.
 */
class RetentionTest {
  @TempDir Path dir;
  TestServer s;

  @AfterEach
  void stop() {
    if (s != null) s.close();
  }

  @Test
  void postsOfExpiredMonths_stopOpening_whileRunning_andAfterARestart_whileProfilesAndNewerPostsStay() {
    Instant old = Instant.now().minus(Duration.ofDays(120));
    String oldPost = PostIds.format(new PostIds(3).next(old.toEpochMilli()));
    // what an organisation wrote four months ago, sealed as the server seals it
    StoppedLog.append(dir.resolve("data"), List.of(
        Map.entry("user-alice", new UserEvent.ProfileRecorded("alice", "Alice Longago", "Archive", null, null, old)),
        Map.entry(PostEvent.stream(oldPost), new PostEvent.PostPublished(oldPost, "alice", "Oldenwords from long ago #history", null, oldPost,
            List.of("history"), List.of(), List.of(), old, null)),
        Map.entry("bookmark-old", new LinkEvent.BookmarkSaved("https://example.org/old", "alice", List.of(), "Oldencomment", null, old)),
        Map.entry("topic-history", new no.deling.topics.TopicEvent.TopicOwnershipOffered("history", "alice", "Oldenoffer to look after it", old))));

    s = TestServer.start(dir.resolve("data"), Map.of("DELING_RETENTION_DAYS", "30"));
    String bob = s.token("bob");
    assertThat(s.get("/api/me", bob).status()).isEqualTo(200);
    String fresh = s.publish(bob, "Fresh words #history");
    Await.until(() -> s.get("/api/posts/" + oldPost, bob).status() == 404, Duration.ofSeconds(10), "the expired post goes");
    assertKept(bob, fresh);
    assertThat(s.get("/api/links", bob).body().toString()).doesNotContain("Oldencomment");
    String admin = s.server.tokens().sign(new io.vertx.core.json.JsonObject().put("sub", "root").put("roles", new io.vertx.core.json.JsonArray().add("admin")), 60);
    assertThat(s.get("/api/topics/history", admin).json().getJsonArray("offers")).as("an offer whose words expired").isEmpty();

    s.close();
    s = TestServer.start(dir.resolve("data"), Map.of("DELING_RETENTION_DAYS", "30"));
    assertThat(s.get("/api/posts/" + oldPost, bob).status()).isEqualTo(404);
    assertKept(bob, fresh);
    assertThat(s.get("/api/topics/history/posts", bob).body().toString()).doesNotContain("Oldenwords");
    assertThat(s.get("/api/topics/history", admin).json().getJsonArray("offers")).isEmpty();
    try (KeyStore keys = SqliteKeyStore.open(dir.resolve("data/keys.db"))) {
      assertThat(keys.key("alice", Sealer.month(old))).as("the month's key").isNull();
      assertThat(keys.key("alice", KeyStore.PROFILE)).as("the profile key").isNotNull();
    }
    Await.until(() -> s.events().stream().anyMatch(e -> e.type().equals("RetentionApplied.v1")), Duration.ofSeconds(5), "recorded");
    assertThat(s.events().stream().filter(e -> e.type().equals("RetentionApplied.v1")).count()).as("once per boundary").isEqualTo(1);
  }

  private void assertKept(String bob, String fresh) {
    assertThat(s.get("/api/posts/" + fresh, bob).json().getString("text")).isEqualTo("Fresh words #history");
    JsonObject alice = s.get("/api/users/alice", bob).json();
    assertThat(alice.getString("name")).as("a profile does not expire").isEqualTo("Alice Longago");
  }
}
