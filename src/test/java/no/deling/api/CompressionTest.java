package no.deling.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import no.deling.support.Images;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Answers are gzipped for clients that ask, when that saves anything: the web client's code, pages
 * of posts, text files; never an image. Through the JDK's HTTP client,
 * which, like a browser, says what it accepts but leaves the unpacking to us.
 */
class CompressionTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private record Answer(int status, String encoding, byte[] wire, byte[] body) {}

  private static Answer get(String path, String token, boolean gzip) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.server.port() + path));
    if (token != null) b.header("Authorization", "Bearer " + token);
    if (gzip) b.header("Accept-Encoding", "gzip, deflate, br");
    HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    // the JDK client offers HTTP/2 (h2c) on each connection; the server answers in HTTP/1.1, where
    // Vert.x compresses correctly (see ApiVerticle)
    assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    String encoding = r.headers().firstValue("Content-Encoding").orElse(null);
    return new Answer(r.statusCode(), encoding, r.body(), "gzip".equals(encoding) ? gunzip(r.body()) : r.body());
  }

  private static byte[] gunzip(byte[] bytes) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theWebClientsCode_isGzippedForABrowserThatAsks_toUnderHalf_andSentAsItIsToOneThatDoesNot() throws Exception {
    Answer plain = get("/app/main.js", null, false);
    Answer packed = get("/app/main.js", null, true);
    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.encoding()).isNull();
    assertThat(packed.encoding()).isEqualTo("gzip");
    assertThat(packed.body()).isEqualTo(plain.body());
    assertThat(packed.wire().length).isLessThan(plain.body().length / 2);
  }

  @Test
  void aPageOfPosts_isGzipped_andReadsTheSame() throws Exception {
    String author = s.token("gz-author");
    String reader = s.token("gz-reader");
    s.get("/api/me", author);
    assertThat(s.call(io.vertx.core.http.HttpMethod.PUT, "/api/me/following/users/gz-author", reader, null, java.util.Map.of()).status()).isEqualTo(200);
    for (int i = 0; i < 20; i++) {
      assertThat(s.post("/api/posts", author, new JsonObject().put("text", "Release notes, part " + i + " #releases")).status()).isEqualTo(201);
    }
    Answer packed = get("/api/timelines/home?limit=20", reader, true);
    Answer plain = get("/api/timelines/home?limit=20", reader, false);
    assertThat(packed.status()).isEqualTo(200);
    assertThat(packed.encoding()).isEqualTo("gzip");
    JsonArray items = new JsonObject(new String(packed.body(), StandardCharsets.UTF_8)).getJsonArray("items");
    assertThat(items.size()).isEqualTo(20);
    assertThat(new JsonObject(new String(plain.body(), StandardCharsets.UTF_8)).getJsonArray("items")).isEqualTo(items);
    assertThat(packed.wire().length).isLessThan(plain.body().length / 3);
  }

  @Test
  void anImage_isSentAsItIs_aTextFileGzipped() throws Exception {
    String owner = s.token("gz-owner");
    byte[] png = Images.png(400, 300);
    String image = s.upload(owner, "chart.png", png).json().getString("id");
    byte[] csv = "month,sales\n".repeat(400).getBytes(StandardCharsets.UTF_8);
    String text = s.upload(owner, "sales.csv", csv).json().getString("id");

    Answer picture = get("/api/files/" + image, owner, true);
    assertThat(picture.status()).isEqualTo(200);
    assertThat(picture.encoding()).as("compressed already").isNull();
    assertThat(picture.wire()).isEqualTo(png);

    Answer table = get("/api/files/" + text, owner, true);
    assertThat(table.encoding()).isEqualTo("gzip");
    assertThat(table.body()).isEqualTo(csv);
  }
}
