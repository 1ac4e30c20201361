package no.deling.api;

import static no.deling.support.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP instances share one resolved OpenAPI contract (resolved once while a restart reads its
 * snapshot), each with its own validators. Four instances on four event loops, many connections
 * at once, valid and invalid bodies mixed: every request gets the answer it would get alone, and
 * only the valid ones are posted.
 */
class SharedContractTest {
  @TempDir Path dir;

  @Test
  void fourInstances_validatingAtOnce_eachAnswerIsTheOneItWouldGetAlone() {
    try (TestServer s = TestServer.start(dir, Map.of("DELING_HTTP_INSTANCES", "4", "DELING_WRITE_RATE", "0", "DELING_METRICS_TOKEN", "scrape"))) {
      List<String> tokens = new ArrayList<>();
      for (int u = 0; u < 8; u++) tokens.add(s.token("user" + u, "User " + u, "Dept"));
      // connections of their own, many at once: the server hands them to its four event loops in turn
      WebClient client = WebClient.create(s.vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(s.server.port())
          .setKeepAlive(false), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32));
      int rounds = 100;
      List<Future<HttpResponse<Buffer>>> valid = new ArrayList<>();
      List<Future<HttpResponse<Buffer>>> empty = new ArrayList<>();
      List<Future<HttpResponse<Buffer>>> tooLong = new ArrayList<>();
      List<Future<HttpResponse<Buffer>>> unknownField = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        String token = tokens.get(i % tokens.size());
        valid.add(post(client, token, new JsonObject().put("text", "post " + i + " #shared")));
        empty.add(post(client, token, new JsonObject().put("text", "")));
        tooLong.add(post(client, token, new JsonObject().put("text", "x".repeat(2_001))));
        unknownField.add(post(client, token, new JsonObject().put("text", "fine").put("colour", "red")));
      }
      Set<String> ids = new HashSet<>();
      for (Future<HttpResponse<Buffer>> f : valid) {
        HttpResponse<Buffer> r = await(f);
        assertThat(r.statusCode()).as("%s", r.bodyAsString()).isEqualTo(201);
        ids.add(r.bodyAsJsonObject().getString("id"));
      }
      assertThat(ids).hasSize(rounds);
      for (Future<HttpResponse<Buffer>> f : empty) assertProblem(await(f), "text", "minLength");
      for (Future<HttpResponse<Buffer>> f : tooLong) assertProblem(await(f), "text", "maxLength");
      for (Future<HttpResponse<Buffer>> f : unknownField) {
        HttpResponse<Buffer> r = await(f);
        assertThat(r.statusCode()).as("%s", r.bodyAsString()).isEqualTo(400);
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      }
      // and only the valid ones were posted
      int posted = 0;
      for (int u = 0; u < tokens.size(); u++) {
        posted += s.get("/api/users/user" + u + "/posts?limit=100", tokens.get(u)).json().getJsonArray("items").size();
      }
      assertThat(posted).isEqualTo(rounds);
      client.close();
      // and the four event loops each took their share of the 400 connections (all of them went to
      // one loop while the instances' servers were made on the context that resolved the contract)
      Map<String, Double> byLoop = servedByEventLoop(s.call(io.vertx.core.http.HttpMethod.GET, "/metrics", "scrape", null, Map.of()).body().toString());
      // Vert.x makes two event loops per core: four instances get four loops from two cores up
      int loops = Math.min(4, 2 * Runtime.getRuntime().availableProcessors());
      assertThat(byLoop).as("requests by event loop: %s", byLoop).hasSize(loops);
      assertThat(byLoop.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(400.0 / loops / 2));
    }
  }

  /** {@code deling_http_requests_total{event_loop="…"} n} lines, by event loop. */
  private static Map<String, Double> servedByEventLoop(String metrics) {
    Map<String, Double> out = new java.util.TreeMap<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^deling_http_requests_total\\{event_loop=\"([^\"]+)\"[^}]*} ([0-9.E+]+)$").matcher(metrics);
    while (m.find()) out.put(m.group(1), Double.parseDouble(m.group(2)));
    return out;
  }

  private static Future<HttpResponse<Buffer>> post(WebClient client, String token, JsonObject body) {
    return client.post("/api/posts").putHeader("Authorization", "Bearer " + token).sendJsonObject(body);
  }

  private static void assertProblem(HttpResponse<Buffer> r, String field, String rule) {
    assertThat(r.statusCode()).as("%s", r.bodyAsString()).isEqualTo(400);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.bodyAsJsonObject().getJsonArray("errors").stream().map(o -> (JsonObject) o))
        .as("%s", r.bodyAsString())
        .anySatisfy(e -> {
          assertThat(e.getString("field")).isEqualTo(field);
          assertThat(e.getString("rule")).isEqualTo(rule);
        });
  }
}
