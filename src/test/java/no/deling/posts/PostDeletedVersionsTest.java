package no.deling.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import no.deling.support.StoppedLog;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deletions written before moderators could remove posts are PostDeleted.v1: a server of today
 * reads them as the v2 deletion by the author they were, and writes only v2.
 */
class PostDeletedVersionsTest {
  @Test
  void aDeletionWrittenAsV1_stillDeletes_andNewOnesAreV2(@TempDir Path dir) {
    String kept;
    String old;
    try (TestServer s = TestServer.start(dir)) {
      String alice = s.token("alice");
      old = s.publish(alice, "Deleted long ago");
      kept = s.publish(alice, "Still here");
    }
    StoppedLog.appendWritten(dir, List.of(new StoppedLog.Written("post-" + old, "PostDeleted.v1",
        "{\"postId\":\"" + old + "\",\"author\":\"alice\",\"deletedAt\":\"2026-11-01T09:00:00Z\"}")));
    try (TestServer s = TestServer.start(dir)) {
      String alice = s.token("alice");
      assertThat(s.get("/api/posts/" + old, alice).status()).isEqualTo(404);
      assertThat(s.get("/api/users/alice", alice).json().getInteger("posts")).isEqualTo(1);
      assertThat(s.delete("/api/posts/" + old, alice).status()).as("deleting again changes nothing").isEqualTo(204);
      assertThat(s.delete("/api/posts/" + kept, alice).status()).isEqualTo(204);
      assertThat(s.events().stream().filter(e -> e.type().startsWith("PostDeleted")).map(e -> e.type()))
          .containsExactly("PostDeleted.v1", "PostDeleted.v2");
    }
  }
}
