package no.deling.files;

import static no.deling.support.TestServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import no.deling.support.ServerPerClass;
import no.deling.support.StreamClient;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Files attached to posts, through a real HTTP client and a WebSocket, on a real store on disk. */
class FilesApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.with(Map.of("DELING_FILE_MAX_MB", "1", "DELING_METRICS_TOKEN", "scrape"));

  /** A counter of uploads from /metrics, as operators scrape it. */
  private static double uploads(String result) {
    String metrics = s.call(HttpMethod.GET, "/metrics", "scrape", null, Map.of()).body().toString();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("deling_files_uploads_total\\{result=\"" + result + "\",?\\} ([0-9.E]+)").matcher(metrics);
    assertThat(m.find()).as("deling_files_uploads_total{result=%s} in /metrics", result).isTrue();
    return Double.parseDouble(m.group(1));
  }
  static TestServer s;

  static byte[] png(int width, int height) {
    return no.deling.support.Images.png(width, height);
  }

  private static JsonObject post(String token, JsonObject body) {
    TestServer.Response r = s.post("/api/posts", token, body);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
    return r.json();
  }

  @Test
  void anImage_isItsUploadersAlone_untilAPostShowsIt_thenReachesExactlyWhoThePostReaches() throws Exception {
    String owner = s.token("f-owner");
    String member = s.token("f-member");
    String outsider = s.token("f-outsider");
    s.get("/api/me", outsider);
    String group = s.privateGroup(owner, "Design crit");
    s.invite(group, owner, "f-member", member);
    byte[] image = png(1200, 800);

    TestServer.Response up = s.upload(owner, "tavla/Skisse på tavla.png", image);
    assertThat(up.status()).as(up.body().toString()).isEqualTo(201);
    JsonObject file = up.json();
    String id = file.getString("id");
    assertThat(file.getMap()).containsEntry("name", "Skisse på tavla.png").containsEntry("contentType", "image/png")
        .containsEntry("size", image.length).containsEntry("image", true).containsEntry("width", 1200).containsEntry("height", 800)
        .containsEntry("url", "/api/files/" + id).containsEntry("thumbnailUrl", "/api/files/" + id + "/thumbnail");

    assertThat(s.get("/api/files/" + id, owner).body().getBytes()).as("its uploader, before any post shows it").isEqualTo(image);
    assertThat(s.get("/api/files/" + id, member).status()).as("nobody else before a post shows it").isEqualTo(404);

    try (StreamClient ws = StreamClient.connect(s.vertx, s.server.port(), member)) {
      ws.subscribe(new JsonObject().put("stream", "home"));
      JsonObject created = post(owner, new JsonObject().put("text", "Which layout? #design").put("group", group)
          .put("attachments", new JsonArray().add(id)));
      String postId = created.getString("id");
      JsonObject shown = created.getJsonObject("post").getJsonArray("attachments").getJsonObject(0);
      assertThat(shown.getMap()).containsEntry("id", id).containsEntry("name", "Skisse på tavla.png").containsEntry("image", true);
      JsonObject live = ws.next(m -> "update".equals(m.getString("type")) && postId.equals(m.getJsonObject("post").getString("id")));
      assertThat(live.getJsonObject("post").getJsonArray("attachments").getJsonObject(0).getString("id")).isEqualTo(id);

      TestServer.Response full = s.get("/api/files/" + id, member);
      assertThat(full.status()).isEqualTo(200);
      assertThat(full.body().getBytes()).isEqualTo(image);
      assertThat(full.header("Content-Type")).isEqualTo("image/png");
      assertThat(full.header("Content-Disposition")).isEqualTo("inline; filename*=UTF-8''Skisse%20p%C3%A5%20tavla.png");
      assertThat(full.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(full.header("Content-Security-Policy")).contains("sandbox");
      TestServer.Response thumb = s.get("/api/files/" + id + "/thumbnail", member);
      assertThat(thumb.status()).isEqualTo(200);
      BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumb.body().getBytes()));
      assertThat(small.getWidth()).isEqualTo(640);
      assertThat(small.getHeight()).isEqualTo(427);
      BufferedImage tiny = ImageIO.read(new ByteArrayInputStream(s.get("/api/files/" + id + "/small", member).body().getBytes()));
      assertThat(tiny.getWidth()).as("the copy for beside a name").isEqualTo(128);
      assertThat(s.get("/api/files/" + id + "/small", outsider).status()).isEqualTo(404);
      TestServer.Response again = s.call(HttpMethod.GET, "/api/files/" + id, member, null, Map.of("If-None-Match", full.header("ETag")));
      assertThat(again.status()).as("unchanged: the copy the client has").isEqualTo(304);

      assertThat(s.get("/api/files/" + id, outsider).status()).as("a private group's file, to an outsider").isEqualTo(404);
      assertThat(s.get("/api/files/" + id + "/thumbnail", outsider).status()).isEqualTo(404);
      assertThat(s.call(HttpMethod.GET, "/api/files/" + id, outsider, null, Map.of("If-None-Match", full.header("ETag"))).status())
          .as("knowing the tag opens nothing").isEqualTo(404);

      assertThat(s.delete("/api/posts/" + postId, owner).status()).isEqualTo(204);
      assertThat(s.get("/api/files/" + id, member).status()).as("its post deleted, the file reaches nobody else").isEqualTo(404);
      assertThat(s.get("/api/files/" + id, owner).status()).as("but stays its uploader's").isEqualTo(200);
    }
  }

  @Test
  void aPublicPostsFile_reachesEveryone_andTheSameFileMayShowInTwoOfItsUploadersPosts() throws Exception {
    String author = s.token("f-author");
    String reader = s.token("f-reader");
    String id = s.upload(author, "chart.png", png(300, 200)).json().getString("id");
    JsonObject first = post(author, new JsonObject().put("text", "Q3 numbers").put("attachments", new JsonArray().add(id)));
    JsonObject second = post(author, new JsonObject().put("text", "Again, for #sales").put("attachments", new JsonArray().add(id)));
    assertThat(s.get("/api/files/" + id, reader).status()).isEqualTo(200);
    TestServer.Response small = s.get("/api/files/" + id + "/thumbnail", reader);
    assertThat(small.body().getBytes()).as("small enough to be its own thumbnail").isEqualTo(s.get("/api/files/" + id, reader).body().getBytes());
    assertThat(small.header("Content-Type")).isEqualTo("image/png");
    assertThat(second.getJsonObject("post").getJsonArray("attachments").getJsonObject(0).getString("thumbnailUrl")).endsWith("/thumbnail");
    s.delete("/api/posts/" + first.getString("id"), author);
    assertThat(s.get("/api/files/" + id, reader).status()).as("still shown by the second post").isEqualTo(200);
    JsonObject page = s.get("/api/posts/" + second.getString("id"), reader).json();
    assertThat(page.getJsonArray("attachments").size()).isEqualTo(1);
  }

  @Test
  void aPhoneShot_reachesColleaguesWithoutWhereWhenAndWithWhatItWasTaken_andUpright() throws Exception {
    String author = s.token("f-phone");
    String reader = s.token("f-phone-reader");
    byte[] photo = no.deling.support.Images.phonePhoto(1200, 800, 6); // a portrait shot, stored lying down
    JsonObject file = s.upload(author, "IMG_2041.jpg", photo).json();
    String id = file.getString("id");
    assertThat(file.getMap()).containsEntry("contentType", "image/jpeg").as("as shown: portrait").containsEntry("width", 800).containsEntry("height", 1200);
    assertThat(file.getInteger("size")).isLessThan(photo.length);
    post(author, new JsonObject().put("text", "The view from the office").put("attachments", new JsonArray().add(id)));

    byte[] served = s.get("/api/files/" + id, reader).body().getBytes();
    assertThat(served).hasSize(file.getInteger("size"));
    String text = new String(served, StandardCharsets.ISO_8859_1);
    for (String secret : no.deling.support.Images.PHONE_SECRETS) assertThat(text).doesNotContain(secret);
    assertThat(ImageMetadata.orientation(served)).as("browsers still turn it upright").isEqualTo(6);
    assertThat(ImageIO.read(new ByteArrayInputStream(served)).getWidth()).as("the picture itself is untouched").isEqualTo(1200);
    assertThat(new String(s.get("/api/files/" + id, author).body().getBytes(), StandardCharsets.ISO_8859_1))
        .as("nor does its uploader get it back: it was never stored").doesNotContain(no.deling.support.Images.PHONE_SECRETS.get(0));

    BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(s.get("/api/files/" + id + "/thumbnail", reader).body().getBytes()));
    assertThat(thumb.getWidth()).isEqualTo(427);
    assertThat(thumb.getHeight()).isEqualTo(640);
    assertThat(new java.awt.Color(thumb.getRGB(213, 10)).getRed()).as("the stored left (red) half, turned to the top").isGreaterThan(200);
    assertThat(new java.awt.Color(thumb.getRGB(213, 630)).getBlue()).isGreaterThan(200);
  }

  @Test
  void aDocument_isADownload_ofTheTypeItsBytesAre_neverTheClientsWord() {
    String author = s.token("f-docs");
    String reader = s.token("f-docs-reader");
    byte[] pdf = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    String pdfId = s.upload(author, "Budget 2027.pdf", pdf).json().getString("id");
    byte[] html = "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
    JsonObject disguised = s.upload(author, "cat.png", html).json();
    assertThat(disguised.getString("contentType")).as("named .png, but no image").isEqualTo("application/octet-stream");
    assertThat(disguised.getBoolean("image")).isFalse();
    post(author, new JsonObject().put("text", "Two files for you").put("attachments", new JsonArray().add(pdfId).add(disguised.getString("id"))));

    s.awaitSearch();
    assertThat(s.get("/api/search?q=budget", reader).json().getJsonArray("items").size()).as("found by its file's name").isEqualTo(1);
    assertThat(s.get("/api/files/" + pdfId + "/thumbnail", reader).status()).as("a document has no thumbnail").isEqualTo(404);
    TestServer.Response doc = s.get("/api/files/" + pdfId, reader);
    assertThat(doc.header("Content-Type")).isEqualTo("application/pdf");
    assertThat(doc.header("Content-Disposition")).isEqualTo("attachment; filename*=UTF-8''Budget%202027.pdf");
    assertThat(doc.body().getBytes()).isEqualTo(pdf);
    TestServer.Response cat = s.get("/api/files/" + disguised.getString("id"), reader);
    assertThat(cat.header("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(cat.header("Content-Disposition")).startsWith("attachment;");
    TestServer.Response odd = s.upload(author, "Rapport \"endelig\" 50% & v2+3.txt", "ok".getBytes(StandardCharsets.UTF_8));
    assertThat(odd.json().getString("name")).as(odd.body().toString()).isEqualTo("Rapport \"endelig\" 50% & v2+3.txt");
    assertThat(s.upload(author, "C:\\fakepath\\notes.txt", "ok".getBytes(StandardCharsets.UTF_8)).json().getString("name"))
        .as("the folder an old browser sends goes").isEqualTo("notes.txt");
    assertThat(s.upload(author, "notes.md", "# Plan\n- ship".getBytes(StandardCharsets.UTF_8)).json().getString("contentType")).isEqualTo("text/markdown");
  }

  @Test
  void badUploadsAndAttachments_getAProblemNamingTheFieldAndRule_andChangeNothing() throws Exception {
    String author = s.token("f-bad");
    String other = s.token("f-other");
    String othersFile = s.upload(other, "mine.png", png(10, 10)).json().getString("id");
    String own = s.upload(author, "ok.png", png(10, 10)).json().getString("id");
    long before = s.head();
    String[] files = s.vertx.fileSystem().readDirBlocking(s.dir.resolve("files").toString()).toArray(String[]::new);

    assertProblem(s.call(HttpMethod.POST, "/api/files", author, io.vertx.core.buffer.Buffer.buffer(new byte[] {1, 2}),
        Map.of("Content-Type", "application/octet-stream")), 400, "name", "missing-required-parameter");
    assertProblem(s.upload(author, "  ", new byte[] {1}), 422, "name", "required");
    assertProblem(s.upload(author, "x".repeat(201), new byte[] {1}), 422, "name", "maxLength");
    assertThat(s.upload(author, "bell\u0007.txt", new byte[] {1}).json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("name");
    assertProblem(s.upload(author, "..", new byte[] {1}), 422, "name", "file-name");
    assertProblem(s.upload(author, "empty.txt", new byte[0]), 400, "body", "minLength");
    double tooLarge = uploads("too_large");
    TestServer.Response big = s.upload(author, "big.bin", new byte[(1 << 20) + 1]);
    assertThat(big.status()).isEqualTo(413);
    assertThat(uploads("too_large")).isEqualTo(tooLarge + 1);
    assertThat(big.header("Content-Type")).startsWith("application/problem+json");
    assertProblem(s.post("/api/files?name=a.json", author, new JsonObject().put("a", 1)), 415, "Content-Type", "media-type");
    assertThat(s.upload(null, "anon.png", png(5, 5)).status()).as("every request is authenticated").isEqualTo(401);

    assertProblem(s.post("/api/posts", author, new JsonObject().put("text", "borrowed").put("attachments", new JsonArray().add(othersFile))),
        422, "attachments", "own-upload");
    assertProblem(s.post("/api/posts", author, new JsonObject().put("text", "unknown").put("attachments", new JsonArray().add("0000000000000000042"))),
        422, "attachments", "own-upload");
    assertProblem(s.post("/api/posts", author, new JsonObject().put("text", "twice").put("attachments", new JsonArray().add(own).add(own))),
        422, "attachments", "uniqueItems");
    assertThat(s.post("/api/posts", author, new JsonObject().put("text", "five")
        .put("attachments", new JsonArray(List.of(own, own, own, own, own)))).status()).isEqualTo(400);
    assertThat(s.post("/api/posts", author, new JsonObject().put("text", "not an id").put("attachments", new JsonArray().add("../../keys.db"))).status())
        .isEqualTo(400);
    assertThat(s.get("/api/files/..%2F..%2Fkeys.db", author).status()).isIn(400, 404);
    assertThat(s.get("/api/files/" + othersFile, author).status()).as("another's file, shown nowhere").isEqualTo(404);

    assertThat(s.head()).as("nothing was written").isEqualTo(before);
    assertThat(s.vertx.fileSystem().readDirBlocking(s.dir.resolve("files").toString())).as("and nothing left on disk").containsExactlyInAnyOrder(files);
  }

  @Test
  void theBytesOnDisk_andTheNameInTheLog_areSealed_andGoWithTheUploadersErasure() throws Exception {
    String author = s.token("f-erased");
    String reader = s.token("f-erasure-reader");
    byte[] image = png(900, 900);
    String id = s.upload(author, "secret-plan.png", image).json().getString("id");
    post(author, new JsonObject().put("text", "Our plan").put("attachments", new JsonArray().add(id)));
    Path stored = s.dir.resolve("files").resolve(id);
    byte[] onDisk = java.nio.file.Files.readAllBytes(stored);
    assertThat(indexOf(onDisk, java.util.Arrays.copyOfRange(image, 0, 64))).as("the image's bytes are not on disk as they are").isNegative();
    assertThat(java.nio.file.Files.exists(s.dir.resolve("files").resolve(id + ".thumb"))).isTrue();
    // the log as stored, not opened: the name is sealed
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + s.dir.resolve("events.db"));
        var rs = c.createStatement().executeQuery("SELECT type, data FROM events WHERE stream = 'file-" + id + "'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("FileUploaded.v1");
      assertThat(new String(rs.getBytes(2), StandardCharsets.UTF_8)).startsWith("{\"sealed\":1").doesNotContain("secret-plan");
    }
    assertThat(s.get("/api/files/" + id, reader).status()).isEqualTo(200);

    var admin = s.post("/api/dev/login", null, new JsonObject().put("user", "f-admin").put("roles", new JsonArray().add("admin"))).json().getString("token");
    assertThat(s.delete("/api/users/f-erased", admin).status()).isEqualTo(200);
    assertThat(s.get("/api/files/" + id, reader).status()).isEqualTo(404);
    assertThat(s.get("/api/files/" + id + "/thumbnail", reader).status()).isEqualTo(404);
    no.deling.support.Await.until(() -> !java.nio.file.Files.exists(stored), java.time.Duration.ofSeconds(5), "the erased person's file leaving the disk");
    assertThat(java.nio.file.Files.exists(s.dir.resolve("files").resolve(id + ".thumb"))).isFalse();
    FileStore store = new FileStore(s.dir.resolve("files"));
    assertThat(store.read(id, FileStore.Variant.ORIGINAL, "f-erased", no.deling.privacy.sealing.Sealer.month(java.time.Instant.now()), null))
        .as("no key opens it").isNull();
  }

  @Test
  void aFile_survivesARestart_andIsInABackup_thatARestoredServerServes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    Path data = java.nio.file.Files.createDirectories(tmp.resolve("deling-files-restart"));
    Path backup = java.nio.file.Files.createDirectories(tmp.resolve("deling-files-backup")).resolve("copy");
    byte[] image = png(800, 600);
    String id;
    String postId;
    TestServer first = TestServer.start(data, Map.of("DELING_WRITE_RATE", "0"));
    try {
      String author = first.token("f-keep");
      id = first.upload(author, "keep.png", image).json().getString("id");
      postId = first.post("/api/posts", author, new JsonObject().put("text", "kept").put("attachments", new JsonArray().add(id))).json().getString("id");
    } finally {
      first.close();
    }
    TestServer again = TestServer.start(data, Map.of());
    try {
      String reader = again.token("f-keep-reader");
      assertThat(again.get("/api/files/" + id, reader).body().getBytes()).as("after a restart").isEqualTo(image);
      assertThat(again.get("/api/posts/" + postId, reader).json().getJsonArray("attachments").getJsonObject(0).getString("name")).isEqualTo("keep.png");
      var out = new ByteArrayOutputStream();
      int code = no.deling.backup.BackupCommand.run(new String[] {"backup", backup.toString()}, Map.of("DELING_DATA_DIR", data.toString()),
          new java.io.PrintStream(out, true, StandardCharsets.UTF_8), System.err);
      assertThat(code).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("files: 3 uploaded files and thumbnails");
    } finally {
      again.close();
    }
    TestServer restored = TestServer.start(backup, Map.of());
    try {
      assertThat(restored.get("/api/files/" + id + "/thumbnail", restored.token("f-keep-reader")).status()).isEqualTo(200);
      assertThat(restored.get("/api/files/" + id, restored.token("f-keep-reader")).body().getBytes()).as("from the backup").isEqualTo(image);
    } finally {
      restored.close();
    }
  }

  @Test
  void onlySixteenUploadsAreReceivedAtOnce_theNextIsAskedToComeBack_andTheSlotsFreeWhenTheyEnd() throws Exception {
    String author = s.token("f-many");
    List<java.net.Socket> slow = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) {
        // an upload whose body is still arriving
        java.net.Socket socket = new java.net.Socket("127.0.0.1", s.server.port());
        socket.getOutputStream().write(("POST /api/files?name=slow.bin HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + author
            + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(1000)).getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        slow.add(socket);
      }
      Thread.sleep(300); // all sixteen under way before the next one comes (on this machine they arrive within a millisecond)
      no.deling.support.Await.until(() -> {
        TestServer.Response r = s.upload(author, "one-more.txt", "hello".getBytes(StandardCharsets.UTF_8));
        return r.status() == 503 && "1".equals(r.header("Retry-After"));
      }, java.time.Duration.ofSeconds(5), "the seventeenth upload refused for now");
      assertThat(s.get("/api/me", author).status()).as("the rest of the API is not held up").isEqualTo(200);
    } finally {
      for (java.net.Socket socket : slow) socket.close();
    }
    no.deling.support.Await.until(() -> s.upload(author, "later.txt", "hello".getBytes(StandardCharsets.UTF_8)).status() == 201,
        java.time.Duration.ofSeconds(5), "an upload once the others went");
    assertThat(uploads("busy")).as("operators see uploads turned away").isGreaterThanOrEqualTo(1);
    assertThat(uploads("stored")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void itsUploaderDeletesAFile_itLeavesThePostsThatShowedIt_theirPhoto_theSearch_andTheDisk() throws Exception {
    String author = s.token("f-del");
    String reader = s.token("f-del-reader");
    String id = s.upload(author, "Passord-skjermbilde.png", png(700, 700)).json().getString("id");
    JsonObject created = post(author, new JsonObject().put("text", "Oops, wrong screenshot").put("attachments", new JsonArray().add(id)));
    String postId = created.getString("id");
    s.put("/api/me/photo", author, new JsonObject().put("file", id));
    s.awaitSearch();
    assertThat(s.get("/api/search?q=passord", reader).json().getJsonArray("items").size()).isEqualTo(1);

    assertThat(s.delete("/api/files/" + id, reader).status()).as("another's file, which one may see").isEqualTo(403);
    assertThat(s.delete("/api/files/" + id, author).status()).isEqualTo(204);
    long head = s.head();
    assertThat(s.delete("/api/files/" + id, author).status()).as("again: nothing changes").isEqualTo(204);
    assertThat(s.head()).isEqualTo(head);
    assertThat(s.delete("/api/files/" + id, reader).status()).isEqualTo(404);

    JsonObject after = s.get("/api/posts/" + postId, reader).json();
    assertThat(after.getString("text")).as("the post stays").isEqualTo("Oops, wrong screenshot");
    assertThat(after.containsKey("attachments")).isFalse();
    assertThat(after.getJsonObject("author").containsKey("photo")).as("no longer a photo").isFalse();
    assertThat(s.get("/api/files/" + id, author).status()).isEqualTo(404);
    s.awaitSearch();
    assertThat(s.get("/api/search?q=passord", reader).json().getJsonArray("items").size()).as("nor found by its name").isZero();
    no.deling.support.Await.until(() -> !java.nio.file.Files.exists(s.dir.resolve("files").resolve(id)), java.time.Duration.ofSeconds(5),
        "its bytes leaving the disk");
  }

  @Test
  void itsUploaderSaysWhatAnImageShows_forThoseWhoCannotSeeIt_andSearchFindsItByThat() {
    String author = s.token("f-alt");
    String reader = s.token("f-alt-reader");
    String id = s.upload(author, "IMG_2231.png", png(40, 30)).json().getString("id");
    String postId = post(author, new JsonObject().put("text", "From today").put("attachments", new JsonArray().add(id))).getString("id");
    assertThat(s.get("/api/posts/" + postId, reader).json().getJsonArray("attachments").getJsonObject(0).containsKey("description")).isFalse();

    TestServer.Response said = s.put("/api/files/" + id + "/description", author, new JsonObject().put("description", "  A whiteboard with the release train drawn in blue  "));
    assertThat(said.status()).as(said.body().toString()).isEqualTo(200);
    assertThat(said.json().getString("description")).isEqualTo("A whiteboard with the release train drawn in blue");
    assertThat(s.get("/api/posts/" + postId, reader).json().getJsonArray("attachments").getJsonObject(0).getString("description"))
        .isEqualTo("A whiteboard with the release train drawn in blue");
    s.awaitSearch();
    assertThat(s.get("/api/search?q=whiteboard", reader).json().getJsonArray("items").size()).isEqualTo(1);

    long head = s.head();
    assertThat(s.put("/api/files/" + id + "/description", author, new JsonObject().put("description", "A whiteboard with the release train drawn in blue"))
        .status()).isEqualTo(200);
    assertThat(s.put("/api/files/" + id + "/description", reader, new JsonObject().put("description", "mine now")).status()).isEqualTo(403);
    assertProblem(s.put("/api/files/" + id + "/description", author, new JsonObject().put("description", "x".repeat(1001))), 422, "description", "maxLength");
    assertThat(s.put("/api/files/0000000000000000077/description", author, new JsonObject().put("description", "x")).status()).isEqualTo(404);
    assertThat(s.head()).as("none of these changed anything").isEqualTo(head);
    assertThat(s.put("/api/files/" + id + "/description", author, new JsonObject().put("description", "")).json().containsKey("description"))
        .as("empty takes it away").isFalse();
  }

  @Test
  void anEdit_addsTheForgottenFile_replacesOne_orTakesThemAll_andWhoMayFetchThemFollows() {
    String author = s.token("f-edit");
    String reader = s.token("f-edit-reader");
    String first = s.upload(author, "first.png", png(20, 20)).json().getString("id");
    String second = s.upload(author, "second.png", png(20, 20)).json().getString("id");
    String postId = s.publish(author, "Slides from today (forgot them)");
    JsonObject edit = new JsonObject().put("text", "Slides from today").put("attachments", new JsonArray().add(first));
    TestServer.Response added = s.put("/api/posts/" + postId, author, edit);
    assertThat(added.status()).as(added.body().toString()).isEqualTo(200);
    assertThat(added.json().getJsonArray("attachments").getJsonObject(0).getString("id")).isEqualTo(first);
    assertThat(s.get("/api/files/" + first, reader).status()).isEqualTo(200);

    long head = s.head();
    assertThat(s.put("/api/posts/" + postId, author, edit).status()).isEqualTo(200);
    assertThat(s.head()).as("the same text and files: nothing changes").isEqualTo(head);
    assertThat(s.put("/api/posts/" + postId, author, new JsonObject().put("text", "Slides, take two")).json().getJsonArray("attachments").size())
        .as("an edit of the text alone leaves the files").isEqualTo(1);

    s.put("/api/posts/" + postId, author, new JsonObject().put("text", "Slides, take two").put("attachments", new JsonArray().add(second).add(first)));
    assertThat(s.get("/api/posts/" + postId, reader).json().getJsonArray("attachments").stream().map(o -> ((JsonObject) o).getString("id")).toList())
        .containsExactly(second, first);
    s.put("/api/posts/" + postId, author, new JsonObject().put("text", "Slides, take two").put("attachments", new JsonArray()));
    assertThat(s.get("/api/posts/" + postId, reader).json().containsKey("attachments")).isFalse();
    assertThat(s.get("/api/files/" + first, reader).status()).as("shown nowhere any more").isEqualTo(404);
    String others = s.upload(reader, "theirs.png", png(20, 20)).json().getString("id");
    assertProblem(s.put("/api/posts/" + postId, author, new JsonObject().put("text", "x").put("attachments", new JsonArray().add(others))),
        422, "attachments", "own-upload");
  }

  @Test
  void myFiles_newestFirst_withWhereEachShows_andWhetherItIsMyPhoto_pageByPage_andOnlyMine() {
    String me = s.token("f-mine");
    String other = s.token("f-mine-other");
    String a = s.upload(me, "a.png", png(10, 10)).json().getString("id");
    String b = s.upload(me, "b.txt", "b".getBytes(StandardCharsets.UTF_8)).json().getString("id");
    String c = s.upload(me, "c.png", png(10, 10)).json().getString("id");
    s.upload(other, "theirs.png", png(10, 10));
    String shownIn = s.publish(me, "x");
    s.put("/api/posts/" + shownIn, me, new JsonObject().put("text", "x").put("attachments", new JsonArray().add(b)));
    s.put("/api/me/photo", me, new JsonObject().put("file", a));

    JsonObject page = s.get("/api/me/files?limit=2", me).json();
    List<JsonObject> items = page.getJsonArray("items").stream().map(o -> (JsonObject) o).toList();
    assertThat(items).extracting(i -> i.getString("id")).containsExactly(c, b);
    assertThat(items.get(0).getJsonArray("posts")).isEmpty();
    assertThat(items.get(1).getJsonArray("posts").getList()).containsExactly(shownIn);
    assertThat(items.get(1).getBoolean("photo")).isFalse();
    JsonObject rest = s.get("/api/me/files?limit=2&before=" + page.getString("next"), me).json();
    assertThat(rest.getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(a);
    assertThat(rest.getJsonArray("items").getJsonObject(0).getBoolean("photo")).isTrue();
    assertThat(rest.getValue("next")).isNull();
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
