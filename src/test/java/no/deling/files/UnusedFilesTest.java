package no.deling.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.files.FileEvent.FileUploaded;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.privacy.sealing.Sealer;
import no.deling.privacy.sealing.SqliteKeyStore;
import no.deling.support.Await;
import no.deling.support.StoppedLog;
import no.deling.support.TestServer;
import no.deling.users.PhotoEvent.ProfilePhotoSet;
import org.junit.jupiter.api.Test;

/** Uploads never put to use are deleted by the server after a while; those shown in a post, or someone's photo, stay. */
class UnusedFilesTest {
  private static final String UNUSED = "0384036914845450501";
  private static final String SHOWN = "0384036914845450502";
  private static final String PHOTO = "0384036914845450503";
  private static final String FRESH = "0384036914845450504";
  private static final String POST = "0384036914845450599";

  private static FileUploaded upload(String id, Instant at) {
    return new FileUploaded(id, "uf-ann", id + ".png", "image/png", 10, "d".repeat(64), 10, 10, false, at);
  }

  @Test
  void anUploadShownNowhereForADay_isDeletedByTheServer_bytesAndAll_andNothingElse(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    Path dir = java.nio.file.Files.createDirectories(tmp.resolve("deling-unused-files"));
    try (TestServer t = TestServer.start(dir, Map.of("DELING_WRITE_RATE", "0"))) {
      t.get("/api/me", t.token("uf-ann"));
    }
    Instant old = Instant.now().minus(Duration.ofDays(2));
    List<Map.Entry<String, DomainEvent>> events = List.of(
        Map.entry(FileEvent.stream(UNUSED), upload(UNUSED, old)),
        Map.entry(FileEvent.stream(SHOWN), upload(SHOWN, old)),
        Map.entry(FileEvent.stream(PHOTO), upload(PHOTO, old)),
        Map.entry(FileEvent.stream(FRESH), upload(FRESH, Instant.now())),
        Map.entry("post-" + POST, new PostPublished(POST, "uf-ann", "Shown", null, POST, List.of(), List.of(), List.of(), old.plusSeconds(60), null, null,
            null, List.of(SHOWN))),
        Map.entry("photo-uf-ann", new ProfilePhotoSet("uf-ann", PHOTO, old.plusSeconds(120))));
    StoppedLog.append(dir, events);
    try (SqliteKeyStore keys = SqliteKeyStore.open(dir.resolve("keys.db"))) {
      FileStore store = new FileStore(dir.resolve("files"));
      String period = Sealer.month(old);
      store.write(UNUSED, FileStore.Variant.ORIGINAL, "uf-ann", period, keys.key("uf-ann", period), new byte[] {1, 2, 3});
    }
    // bytes nothing in the log claims: an upload never recorded (a crash), a write cut short, and one being recorded right now
    Path files = dir.resolve("files");
    java.nio.file.attribute.FileTime twoHoursAgo = java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofHours(2)));
    for (String stray : List.of("0384036914845450777", "0384036914845450778.part-1f2e")) {
      Files.write(files.resolve(stray), new byte[] {9});
      Files.setLastModifiedTime(files.resolve(stray), twoHoursAgo);
    }
    Files.write(files.resolve("0384036914845450779"), new byte[] {9});
    Files.writeString(files.resolve("README.txt"), "an operator's note");
    Files.setLastModifiedTime(files.resolve("README.txt"), twoHoursAgo);
    try (TestServer t = TestServer.start(dir, Map.of("DELING_WRITE_RATE", "0"))) {
      Await.until(() -> !Files.exists(files.resolve("0384036914845450777")) && !Files.exists(files.resolve("0384036914845450778.part-1f2e")),
          Duration.ofSeconds(10), "stray bytes cleared away");
      assertThat(files.resolve("0384036914845450779")).as("written a moment ago: perhaps being recorded").exists();
      assertThat(files.resolve("README.txt")).as("not ours").exists();
      Await.until(() -> t.events().stream().anyMatch(e -> e.type().equals("FileDeleted.v1")), Duration.ofSeconds(10), "the sweep at start");
      var deleted = t.events().stream().filter(e -> e.type().equals("FileDeleted.v1")).toList();
      assertThat(deleted).singleElement().satisfies(e -> {
        assertThat(e.stream()).isEqualTo(FileEvent.stream(UNUSED));
        assertThat(new String(e.data(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"by\":\"uf-ann\"");
        assertThat(new String(e.metadata(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"actor\":\"deling\"");
      });
      Await.until(() -> !Files.exists(dir.resolve("files").resolve(UNUSED)), Duration.ofSeconds(5), "its bytes leaving the disk");
      String ann = t.token("uf-ann");
      assertThat(t.get("/api/users/uf-ann", ann).json().getString("photo")).as("a photo is in use").contains(PHOTO);
      assertThat(t.get("/api/posts/" + POST, ann).json().getJsonArray("attachments").getJsonObject(0).getString("id")).isEqualTo(SHOWN);
    }
    try (TestServer t = TestServer.start(dir, Map.of("DELING_WRITE_RATE", "0"))) {
      Thread.sleep(500); // the sweep at start has run
      assertThat(t.events().stream().filter(e -> e.type().equals("FileDeleted.v1")).count()).as("once, across restarts").isEqualTo(1);
    }
  }
}
