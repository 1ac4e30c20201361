package no.deling.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.posts.PostEvent;
import no.deling.support.Await;
import no.deling.support.StoppedLog;
import no.deling.support.TestServer;
import no.deling.users.UserEvent;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An erasure or retention deletes a person's words from the search index's files, not only from
 * its results: a deleted document's terms stay in its segment until the segment is rewritten. Read
 * here from the index's files as Lucene would read them, every term of every field, of deleted
 * documents too; and after a stop, no file is left that the last commit does not hold.
 */
class SearchExpungeTest {
  private static final Map<String, String> ENV = Map.of("DELING_WRITE_RATE", "0");
  @TempDir Path dir;

  @Test
  void anErasure_rewritesTheFilesWithoutHerWords_evenWhereHerPostsAreAFewInALargeSegment() {
    try (TestServer s = TestServer.start(data(), ENV)) {
      String alice = s.token("alice", "Alice Wonderland", "Hatters");
      String bob = s.token("bob");
      s.publish(alice, "Zyxwvut plans for the spring");
      for (int i = 0; i < 100; i++) s.publish(bob, "Keepsake note " + i + " about the roadmap");
      s.publish(alice, "Qwertyplan draft, second");
      s.awaitSearch();
    } // one commit, one segment: her three documents (two posts, her profile) are under 3% of it
    assertThat(terms()).as("her words were in the files").anyMatch(t -> t.startsWith("zyxwv")).anyMatch(t -> t.startsWith("wonderland"));

    try (TestServer s = TestServer.start(data(), ENV)) {
      assertThat(s.delete("/api/users/alice", admin(s)).status()).isEqualTo(200);
      awaitNoneOfHers();
    }
    assertNoneOfHersAndKept();
    assertEveryFileIsInTheLastCommit();
  }

  @Test
  void anErasureRecordedJustBeforeACrash_isRewrittenOutOfTheFilesAtTheNextStart() {
    try (TestServer s = TestServer.start(data(), ENV)) {
      String alice = s.token("alice", "Alice Wonderland", "Hatters");
      String bob = s.token("bob");
      for (int i = 0; i < 50; i++) s.publish(bob, "Keepsake note " + i + " about the roadmap");
      s.publish(alice, "Zyxwvut plans for the spring");
      for (int i = 50; i < 100; i++) s.publish(bob, "Keepsake note " + i + " about the roadmap");
      s.awaitSearch();
    }
    assertThat(terms()).anyMatch(t -> t.startsWith("zyxwv"));
    // the erasure was recorded, and the server died before anything else was done about it
    StoppedLog.append(data(), List.of(Map.entry(UserEvent.stream("alice"), new UserEvent.PersonErased("alice", "root", Instant.now()))));

    try (TestServer s = TestServer.start(data(), ENV)) {
      awaitNoneOfHers();
    }
    assertNoneOfHersAndKept();
    assertEveryFileIsInTheLastCommit();
  }

  @Test
  void retention_rewritesTheFilesWithoutTheExpiredMonthsPosts() {
    Instant old = Instant.now().minus(Duration.ofDays(120));
    String oldPost = PostIds.format(new PostIds(3).next(old.toEpochMilli()));
    List<Map.Entry<String, DomainEvent>> events = new ArrayList<>();
    events.add(Map.entry(UserEvent.stream("alice"), new UserEvent.ProfileRecorded("alice", "Alice Longago", "Archive", null, null, old)));
    events.add(Map.entry(PostEvent.stream(oldPost), new PostEvent.PostPublished(oldPost, "alice", "Zyxwvut words from long ago", null, oldPost,
        List.of(), List.of(), List.of(), old, null)));
    // this month's, indexed with it into one segment at the first start
    Instant recent = Instant.now();
    PostIds ids = new PostIds(4);
    for (int i = 0; i < 100; i++) {
      String id = PostIds.format(ids.next(recent.toEpochMilli()));
      events.add(Map.entry(PostEvent.stream(id), new PostEvent.PostPublished(id, "alice", "Keepsake note " + i + " about the roadmap", null, id,
          List.of(), List.of(), List.of(), recent, null)));
    }
    StoppedLog.append(data(), events);
    try (TestServer s = TestServer.start(data(), ENV)) { // no retention yet: the old post is searchable, and in the files
      s.awaitSearch();
    }
    assertThat(terms()).anyMatch(t -> t.startsWith("zyxwv"));

    try (TestServer s = TestServer.start(data(), Map.of("DELING_WRITE_RATE", "0", "DELING_RETENTION_DAYS", "30"))) {
      Await.until(() -> terms().stream().noneMatch(t -> t.startsWith("zyxwv")), Duration.ofSeconds(15), "the expired post leaves the files");
    }
    assertThat(terms()).noneMatch(t -> t.startsWith("zyxwv")).anyMatch(t -> t.startsWith("keepsak"));
    assertEveryFileIsInTheLastCommit();
  }

  private Path data() {
    return dir.resolve("data");
  }

  private static String admin(TestServer s) {
    var r = s.post("/api/dev/login", null, new io.vertx.core.json.JsonObject().put("user", "root").put("roles", new io.vertx.core.json.JsonArray(List.of("admin"))));
    assertThat(r.status()).isEqualTo(200);
    return r.json().getString("token");
  }

  private void awaitNoneOfHers() {
    Await.until(() -> terms().stream().noneMatch(SearchExpungeTest::hers), Duration.ofSeconds(15), "her words leave the index's files");
  }

  private void assertNoneOfHersAndKept() {
    Set<String> terms = terms();
    assertThat(terms).noneMatch(SearchExpungeTest::hers);
    assertThat(terms).as("bob's words stay").anyMatch(t -> t.startsWith("keepsak"));
  }

  private static boolean hers(String term) {
    return term.startsWith("zyxwv") || term.startsWith("qwertyplan") || term.startsWith("wonderland") || term.startsWith("hatter");
  }

  /** Every term of every field in the index's last commit, deleted documents' included. */
  private Set<String> terms() {
    Set<String> out = new HashSet<>();
    try (FSDirectory d = FSDirectory.open(data().resolve("search")); DirectoryReader r = DirectoryReader.open(d)) {
      for (LeafReaderContext leaf : r.leaves()) {
        for (FieldInfo field : leaf.reader().getFieldInfos()) {
          Terms terms = leaf.reader().terms(field.name);
          if (terms == null) continue;
          TermsEnum e = terms.iterator();
          for (BytesRef t = e.next(); t != null; t = e.next()) out.add(t.utf8ToString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** After a stop, no older segment's file is left beside the last commit's. */
  private void assertEveryFileIsInTheLastCommit() {
    try (FSDirectory d = FSDirectory.open(data().resolve("search")); Stream<Path> files = Files.list(data().resolve("search"))) {
      Set<String> committed = new HashSet<>(SegmentInfos.readLatestCommit(d).files(true));
      assertThat(files.map(p -> p.getFileName().toString()).filter(f -> !f.equals("write.lock")).toList()).allMatch(committed::contains);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
