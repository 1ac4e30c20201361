package no.deling.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index keeps its own durable checkpoint: a restart resumes from it; an index ahead of its log is rebuilt. */
class SearchCheckpointTest {
  private static final Map<String, String> ENV = Map.of("DELING_WRITE_RATE", "0");

  private static List<String> found(TestServer s, String token, String words) {
    return s.get("/api/search?q=" + words, token).json().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getJsonObject("post").getString("id")).toList();
  }

  @Test
  void aRestart_resumesFromTheCheckpoint_insteadOfReindexingEverything(@TempDir Path dir) {
    TestServer first = TestServer.start(dir, ENV);
    String alice = first.token("alice");
    for (int i = 0; i < 30; i++) first.publish(alice, "Note " + i + " about gardening");
    first.awaitSearch();
    long head = first.head();
    first.close();

    TestServer again = TestServer.start(dir, ENV);
    try {
      SearchIndexer indexer = again.server.search().indexer();
      assertThat(indexer.position()).as("searchable from the checkpoint before anything is re-indexed").isEqualTo(head);
      assertThat(found(again, alice, "gardening")).hasSize(20);
      String fresh = again.publish(alice, "A note about compost");
      again.awaitSearch();
      assertThat(found(again, alice, "compost")).containsExactly(fresh);
      assertThat(indexer.documentsIndexed()).as("only what came after the checkpoint").isEqualTo(1);
    } finally {
      again.close();
    }
  }

  @Test
  void anIndexAheadOfItsLog_isRebuiltFromTheLog(@TempDir Path dir) throws IOException {
    Path longer = dir.resolve("longer");
    Path shorter = dir.resolve("shorter");
    TestServer a = TestServer.start(longer, ENV);
    String alice = a.token("alice");
    for (int i = 0; i < 5; i++) a.publish(alice, "Old idea " + i + " about rockets");
    a.awaitSearch();
    a.close();
    TestServer b = TestServer.start(shorter, ENV);
    String kept = b.publish(b.token("bob"), "The only post about rockets here");
    b.close();
    // the shorter log with the longer log's index: the index claims positions the log never had
    copy(longer.resolve("search"), shorter.resolve("search"));

    TestServer c = TestServer.start(shorter, ENV);
    try {
      c.awaitSearch();
      assertThat(found(c, c.token("carol"), "rockets")).containsExactly(kept);
    } finally {
      c.close();
    }
  }

  /**
   * The index is derived from the log: one damaged on disk (a file lost or overwritten, say by a
   * full disk or a bad restore) is rebuilt from the log instead of keeping the server from starting.
   */
  @Test
  void anOverwrittenCommit_isRebuiltFromTheLog_andTheServerStarts(@TempDir Path dir) throws IOException {
    damagedIndex_isRebuiltFromTheLog(dir, name -> name.startsWith("segments_"));
  }

  @Test
  void lostSegmentFiles_areRebuiltFromTheLog_andTheServerStarts(@TempDir Path dir) throws IOException {
    damagedIndex_isRebuiltFromTheLog(dir, name -> !name.startsWith("segments_") && !name.equals("write.lock"));
  }

  /** Damages the index: overwrites the commit, or deletes the other files, that {@code damage} names. */
  private void damagedIndex_isRebuiltFromTheLog(Path dir, java.util.function.Predicate<String> damage) throws IOException {
    TestServer a = TestServer.start(dir, ENV);
    String alice = a.token("alice");
    List<String> posted = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) posted.add(a.publish(alice, "Field note " + i + " about lichens"));
    a.awaitSearch();
    a.close();
    try (Stream<Path> files = Files.list(dir.resolve("search"))) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (!damage.test(name)) continue;
        if (name.startsWith("segments_")) Files.write(f, "not a Lucene commit".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        else Files.delete(f);
      }
    }

    TestServer b = TestServer.start(dir, ENV);
    try {
      b.awaitSearch();
      assertThat(found(b, b.token("carol"), "lichens")).containsExactlyInAnyOrderElementsOf(posted);
      String fresh = b.publish(alice, "And one about mosses");
      b.awaitSearch();
      assertThat(found(b, alice, "mosses")).containsExactly(fresh);
    } finally {
      b.close();
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> old = Files.walk(to)) {
      old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) if (!f.getFileName().toString().equals("write.lock")) Files.copy(f, to.resolve(f.getFileName()));
    }
  }
}
