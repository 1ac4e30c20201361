package no.deling.users;

import static no.deling.support.TestServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import no.deling.support.Images;
import no.deling.support.ServerPerClass;
import no.deling.support.StreamClient;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A person's photo, beside their name wherever they appear, through a real HTTP client and a WebSocket. */
class PhotoApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;

  @Test
  void aPhotoChosen_showsBesideTheName_onProfilePostsAndTheStream_toEveryone_untilItIsTakenAway() throws Exception {
    String ann = s.token("ph-ann");
    String bob = s.token("ph-bob");
    String id = s.upload(ann, "me.png", Images.png(900, 900)).json().getString("id");
    String post = s.publish(ann, "Before the photo");
    assertThat(s.get("/api/files/" + id, bob).status()).as("an upload is its uploader's alone").isEqualTo(404);

    TestServer.Response set = s.put("/api/me/photo", ann, new JsonObject().put("file", id));
    assertThat(set.status()).as(set.body().toString()).isEqualTo(200);
    String url = "/api/files/" + id + "/small";
    assertThat(set.json().getString("photo")).isEqualTo(url);
    assertThat(s.get("/api/users/ph-ann", bob).json().getString("photo")).isEqualTo(url);
    assertThat(s.get("/api/posts/" + post, bob).json().getJsonObject("author").getString("photo")).as("on posts written before it too").isEqualTo(url);
    TestServer.Response small = s.get(url, bob);
    assertThat(small.status()).as("everyone may see a photo").isEqualTo(200);
    assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(small.body().getBytes())).getWidth()).as("beside a name: 128 pixels, not 900")
        .isEqualTo(128);
    assertThat(s.get("/api/files/" + id, s.token("ph-anyone")).status()).isEqualTo(200);
    try (StreamClient ws = StreamClient.connect(s.vertx, s.server.port(), bob)) {
      ws.subscribe(new JsonObject().put("stream", "user").put("user", "ph-ann"));
      String live = s.publish(ann, "With the photo");
      JsonObject update = ws.next(m -> "update".equals(m.getString("type")) && live.equals(m.getJsonObject("post").getString("id")));
      assertThat(update.getJsonObject("post").getJsonObject("author").getString("photo")).isEqualTo(url);
    }
    long head = s.head();
    assertThat(s.put("/api/me/photo", ann, new JsonObject().put("file", id)).status()).isEqualTo(200);
    assertThat(s.head()).as("the same photo again changes nothing").isEqualTo(head);

    TestServer.Response removed = s.delete("/api/me/photo", ann);
    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.json().getValue("photo")).isNull();
    assertThat(s.get("/api/users/ph-ann", bob).json().containsKey("photo")).isFalse();
    assertThat(s.get("/api/posts/" + post, bob).json().getJsonObject("author").containsKey("photo")).isFalse();
    assertThat(s.get("/api/files/" + id, bob).status()).as("no longer a photo: its uploader's alone again").isEqualTo(404);
    assertThat(s.get("/api/files/" + id, ann).status()).isEqualTo(200);
  }

  @Test
  void anothersImage_aDocument_orNoFile_isNoPhoto_andChangesNothing() {
    String eve = s.token("ph-eve");
    String dan = s.token("ph-dan");
    String dansImage = s.upload(dan, "dan.png", Images.png(20, 20)).json().getString("id");
    String eveDoc = s.upload(eve, "cv.txt", "hello".getBytes(StandardCharsets.UTF_8)).json().getString("id");
    long head = s.head();
    assertProblem(s.put("/api/me/photo", eve, new JsonObject().put("file", dansImage)), 422, "file", "own-upload");
    assertProblem(s.put("/api/me/photo", eve, new JsonObject().put("file", "0000000000000000001")), 422, "file", "own-upload");
    assertProblem(s.put("/api/me/photo", eve, new JsonObject().put("file", eveDoc)), 422, "file", "image");
    assertThat(s.put("/api/me/photo", eve, new JsonObject().put("file", "me.png")).status()).isEqualTo(400);
    assertThat(s.put("/api/me/photo", eve, new JsonObject()).status()).isEqualTo(400);
    assertThat(s.delete("/api/me/photo", eve).status()).as("none to take away").isEqualTo(200);
    assertThat(s.head()).isEqualTo(head);
    assertThat(s.get("/api/files/" + dansImage, eve).status()).isEqualTo(404);
  }

  @Test
  void anErasedPersonsPhoto_goesWithThem() {
    String gus = s.token("ph-gus");
    String id = s.upload(gus, "gus.png", Images.png(30, 30)).json().getString("id");
    s.put("/api/me/photo", gus, new JsonObject().put("file", id));
    String admin = s.post("/api/dev/login", null, new JsonObject().put("user", "ph-admin").put("roles", new io.vertx.core.json.JsonArray().add("admin")))
        .json().getString("token");
    assertThat(s.delete("/api/users/ph-gus", admin).status()).isEqualTo(200);
    assertThat(s.get("/api/users/ph-gus", admin).json().containsKey("photo")).isFalse();
    assertThat(s.get("/api/files/" + id + "/small", admin).status()).isEqualTo(404);
  }
}
