package no.deling.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import no.deling.core.http.Problems;
import no.deling.core.http.RequestIds;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every answer names its request, and a refusal's body says the same name, for a colleague to quote. */
class RequestIdTest {
  private static final String FRESH = "[0-9a-f]{16}";
  @TempDir Path dir;

  @Test
  void everyAnswer_namesItsRequest_andAProblemsBodyNamesTheSame() {
    try (TestServer s = TestServer.start(dir)) {
      String alice = s.token("alice");
      Set<String> seen = new HashSet<>();
      for (String path : new String[] {"/api/me", "/health", "/", "/app/main.js", "/api/nothing/here"}) {
        Response r = s.get(path, alice);
        assertThat(r.header(RequestIds.HEADER)).as(path).matches(FRESH);
        assertThat(seen.add(r.header(RequestIds.HEADER))).as("a new one for %s", path).isTrue();
      }
      Response refused = s.get("/api/me", null);
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.json().getString("requestId")).isEqualTo(refused.header(RequestIds.HEADER)).matches(FRESH);
      Response invalid = s.post("/api/posts", alice, new JsonObject().put("text", ""));
      assertThat(invalid.status()).isEqualTo(400);
      assertThat(invalid.json().getString("requestId")).isEqualTo(invalid.header(RequestIds.HEADER));
      assertThat(invalid.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("text");
    }
  }

  @Test
  void aProxysPlainId_isKept_andAnythingElseReplaced() {
    try (TestServer s = TestServer.start(dir)) {
      String envoy = "5f1c2a9e-7d4b-4c1e-9a3f-0b8d6e2c4a10";
      Response kept = s.call(HttpMethod.GET, "/api/me", null, null, Map.of(RequestIds.HEADER, envoy));
      assertThat(kept.header(RequestIds.HEADER)).isEqualTo(envoy);
      assertThat(kept.json().getString("requestId")).isEqualTo(envoy);
      for (String odd : new String[] {"a".repeat(65), "two words", "quote\"d", "semi;colon", "\u00e6\u00f8\u00e5"}) {
        Response r = s.call(HttpMethod.GET, "/api/me", null, null, Map.of(RequestIds.HEADER, odd));
        assertThat(r.header(RequestIds.HEADER)).as(odd).matches(FRESH);
      }
    }
    assertThat(RequestIds.of("abc.DEF_1:2-3")).isEqualTo("abc.DEF_1:2-3");
    assertThat(RequestIds.of("")).matches(FRESH);
    assertThat(RequestIds.of(null)).matches(FRESH);
    assertThat(RequestIds.of("line\nbreak")).matches(FRESH);
  }

  @Test
  void aFailureNothingHandled_isAnswered500_namingTheRequest() {
    Vertx vertx = Vertx.vertx();
    try {
      Router router = Router.router(vertx);
      router.route().handler(rc -> {
        rc.response().putHeader(RequestIds.HEADER, "req-500");
        throw new IllegalStateException("a bug");
      });
      router.route().failureHandler(rc -> Problems.fail(rc, rc.failure()));
      int port = vertx.createHttpServer().requestHandler(router).listen(0).await().actualPort();
      HttpClient http = vertx.createHttpClient();
      // the body asked for as the answer arrives (asked for later, an answer already read to its end never gives it)
      var answer = http.request(HttpMethod.GET, port, "127.0.0.1", "/").compose(r -> r.send())
          .compose(r -> r.body().map(b -> Map.entry(r.statusCode(), b.toJsonObject()))).await();
      JsonObject body = answer.getValue();
      assertThat(answer.getKey()).isEqualTo(500);
      assertThat(body.getString("requestId")).isEqualTo("req-500");
      assertThat(body.getString("detail")).doesNotContain("a bug");
    } finally {
      vertx.close().await();
    }
  }
}
