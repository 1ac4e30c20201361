package no.deling.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What the web client needed from the API, through a real HTTP client: its files, how to log in, #topic completion. */
class WebClientApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;



  @Test
  void theClientIsServedAtTheRoot_withAStrictContentSecurityPolicy() {
    TestServer.Response page = s.get("/", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body().toString()).contains("<script type=\"module\" src=\"/app/main.js\">");
    assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("frame-ancestors 'none'");
    TestServer.Response script = s.get("/app/main.js", null);
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.header("Content-Type")).startsWith("text/javascript");
    assertThat(s.get("/app/nothing-here.js", null).status()).isEqualTo(404);
    assertThat(s.get("/api/timelines/home", null).status()).as("the API still wants a token").isEqualTo(401);
  }

  @Test
  void theClientsFiles_areSentGzippedAtTheStrongestLevel_withAnEtagPerForm_soARevisitCostsA304() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    java.util.function.BiFunction<String, Map<String, String>, java.net.http.HttpResponse<byte[]>> get = (path, headers) -> {
      var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.server.port() + path));
      headers.forEach(b::header);
      try {
        return http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
    byte[] written = java.nio.file.Files.readAllBytes(Path.of("src/main/resources/webroot/app/main.js"));
    // what is sent: the script with its whole-line comments blanked, every line kept (WholeLineCommentsTest)
    byte[] source = ClientFiles.withoutWholeLineComments("main.js", written);
    assertThat(source.length).as("smaller than as written").isLessThan(written.length);
    assertThat(new String(source, java.nio.charset.StandardCharsets.UTF_8).lines().count())
        .isEqualTo(new String(written, java.nio.charset.StandardCharsets.UTF_8).lines().count());
    var packed = get.apply("/app/main.js", Map.of("Accept-Encoding", "gzip, deflate, br"));
    assertThat(packed.statusCode()).isEqualTo(200);
    assertThat(packed.headers().firstValue("Content-Encoding")).contains("gzip");
    assertThat(packed.headers().firstValue("Vary")).hasValueSatisfying(v -> assertThat(v.toLowerCase()).contains("accept-encoding"));
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(packed.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(source);
    }
    java.io.ByteArrayOutputStream best = new java.io.ByteArrayOutputStream();
    try (var gz = new java.util.zip.GZIPOutputStream(best) {
      {
        def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
      }
    }) {
      gz.write(source);
    }
    assertThat(packed.body().length).as("as small as gzip makes it").isEqualTo(best.size());
    var plain = get.apply("/app/main.js", Map.of("Accept-Encoding", "gzip;q=0"));
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(plain.body()).isEqualTo(source);
    String packedTag = packed.headers().firstValue("ETag").orElseThrow();
    String plainTag = plain.headers().firstValue("ETag").orElseThrow();
    assertThat(packedTag).as("two forms, two tags").isNotEqualTo(plainTag);
    var again = get.apply("/app/main.js", Map.of("Accept-Encoding", "gzip", "If-None-Match", packedTag));
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(get.apply("/app/main.js", Map.of("Accept-Encoding", "gzip", "If-None-Match", "\"something-else\"")).statusCode()).isEqualTo(200);
    assertThat(get.apply("/sw.js", Map.of()).headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/javascript"));
    assertThat(get.apply("/manifest.webmanifest", Map.of()).headers().firstValue("Content-Type")).contains("application/manifest+json");
    assertThat(get.apply("/app/app.css", Map.of()).headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/css"));
    // nothing outside the client's own files, however the path is spelt
    for (String path : List.of("/app/", "/app/../pom.xml", "/app/%2e%2e/simplelogger.properties", "/app/..%2Fsimplelogger.properties",
        "/app/.hidden.js", "/app/sub/main.js")) {
      assertThat(get.apply(path, Map.of()).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void acceptEncoding_isRead_asRfc9110Has_it() {
    assertThat(ClientFiles.acceptsGzip("gzip, deflate, br")).isTrue();
    assertThat(ClientFiles.acceptsGzip("br;q=1.0, gzip;q=0.8, *;q=0.1")).isTrue();
    assertThat(ClientFiles.acceptsGzip("gzip;q=0")).isFalse();
    assertThat(ClientFiles.acceptsGzip("*, gzip;q=0")).as("named beats *").isFalse();
    assertThat(ClientFiles.acceptsGzip("*")).isTrue();
    assertThat(ClientFiles.acceptsGzip("identity")).isFalse();
    assertThat(ClientFiles.acceptsGzip("*;q=0")).isFalse();
    assertThat(ClientFiles.acceptsGzip(null)).isFalse();
  }

  @Test
  void clientConfig_isPublic_andSaysHowToLogIn(@TempDir Path dir) {
    JsonObject dev = s.get("/api/client-config", null).json();
    assertThat(dev.getBoolean("devLogin")).isTrue();
    assertThat(dev.getValue("oidc")).isNull();
    try (TestServer oidc = TestServer.start(dir.resolve("oidc"), Map.of("DELING_DEV_LOGIN", "false", "DELING_JWT_ISSUER", "https://login.example",
        "DELING_OIDC_CLIENT_ID", "deling-web"))) {
      JsonObject c = oidc.get("/api/client-config", null).json();
      assertThat(c.getBoolean("devLogin")).isFalse();
      assertThat(c.getJsonObject("oidc").getString("issuer")).isEqualTo("https://login.example");
      assertThat(c.getJsonObject("oidc").getString("clientId")).isEqualTo("deling-web");
      assertThat(c.getJsonObject("oidc").getString("scope")).isEqualTo("openid profile");
    }
  }

  @Test
  void topics_completeByPrefix_mostUsedFirst_andAPrivateGroupsTopicOnlyForItsMembers() {
    String owner = s.token("tc-owner");
    String outsider = s.token("tc-outsider");
    s.publish(owner, "One #kotlinconf");
    s.publish(owner, "Two #kotlin");
    s.publish(owner, "Three #kotlin");
    String group = s.post("/api/groups", owner, new JsonObject().put("name", "Secret club").put("access", "private")).json().getString("id");
    assertThat(s.post("/api/posts", owner, new JsonObject().put("text", "Hush #kotlinsecret").put("group", group)).status()).isEqualTo(201);
    assertThat(s.get("/api/topics?q=kot", owner).json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("topic")))
        .containsExactly("kotlin", "kotlinconf", "kotlinsecret");
    assertThat(s.get("/api/topics?q=%23kot", outsider).json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("topic")))
        .containsExactly("kotlin", "kotlinconf");
    TestServer.assertProblem(s.get("/api/topics?q=k%20t", owner), 422, "q", "hashtag");
  }
}
