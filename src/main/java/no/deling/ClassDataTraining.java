package no.deling;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training run behind the class-data archive {@code mvn package} leaves beside the jar
 * ({@code target/deling.jsa}, which {@code jvm.options} names): the build runs this class with
 * {@code -XX:ArchiveClassesAtExit}, so the JVM records every class a start loads, parsed and
 * verified, and the next starts map them instead of loading them again (1.2–1.8 s of a restart
 * here). It starts a server on an empty directory, uses it over HTTP as a client would, stops it
 * (which writes a snapshot), and starts it again from that snapshot: both ways a real start goes.
 * A failure only leaves a smaller archive; it never fails the build.
 */
public final class ClassDataTraining {
  private static final Logger LOG = LoggerFactory.getLogger(ClassDataTraining.class);

  private ClassDataTraining() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("deling-cds-training");
    try {
      List<String> refused = train(dir);
      if (!refused.isEmpty()) LOG.warn("class-data training: requests not answered as a client expects: {}", refused);
    } catch (Exception | LinkageError e) {
      LOG.warn("class-data training stopped early ({}); the archive holds what was loaded until then", e.toString());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temporary directory
      }
    }
    System.exit(0); // the archive is written as the JVM exits
  }

  /**
   * Two starts on {@code dir} (empty at first): an empty log, the replay path, and writes; then from
   * the snapshot the first wrote at its close. Returns the requests not answered with a 2xx (none,
   * unless a route moved: {@code ClassDataTrainingTest} holds it to that).
   */
  static List<String> train(Path dir) throws Exception {
    Map<String, String> env = Map.of("DELING_DATA_DIR", dir.toString(), "DELING_HTTP_PORT", "0", "DELING_HTTP_HOST", "127.0.0.1",
        "DELING_DEV_LOGIN", "true", "DELING_JWT_SECRET", UUID.randomUUID() + "-" + UUID.randomUUID(), "DELING_LOGIN_RATE", "0",
        "DELING_WRITE_RATE", "0");
    Config config = Config.fromEnv(env);
    List<String> refused = new ArrayList<>();
    run(config, true, refused);
    run(config, false, refused);
    return refused;
  }

  private static void run(Config config, boolean write, List<String> refused) throws Exception {
    Vertx vertx = NetworkTransport.vertx(config.transport()); // the classes the server loads, its transport included
    try {
      DelingServer server = DelingServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
      Client c = new Client(HttpClient.newHttpClient(), "http://127.0.0.1:" + server.port(), refused);
      String ada = c.login("ada");
      String ben = c.login("ben");
      if (write) {
        c.send("PUT", "/api/me/following/users/ada", ben, null);
        c.send("PUT", "/api/me/following/topics/kotlin", ben, null);
        String first = null;
        for (int i = 0; i < 200; i++) {
          JsonObject posted = c.send("POST", "/api/posts", i % 2 == 0 ? ada : ben,
              new JsonObject().put("text", "Note " + i + " about #kotlin for @ben, see https://example.org/" + i));
          if (first == null) first = posted.getString("id");
        }
        c.send("POST", "/api/posts", ben, new JsonObject().put("text", "A reply to the first note").put("inReplyTo", first));
        c.send("PUT", "/api/posts/" + first + "/endorsement", ben, null);
        c.send("GET", "/api/posts/" + first + "/thread", ben, null);
        c.send("POST", "/api/posts", ada, new JsonObject().put("text", "How do we ship #kotlin faster?").put("kind", "question"));
      }
      c.send("GET", "/api/timelines/home", ben, null);
      c.send("GET", "/api/users/ada/posts", ben, null);
      c.send("GET", "/api/search?q=kotlin", ben, null);
      c.send("GET", "/api/people?q=a", ben, null);
      c.send("GET", "/api/notifications", ada, null);
      c.send("GET", "/api/topics/kotlin/posts", ben, null);
      c.send("GET", "/api/experts?topic=kotlin", ben, null);
      c.send("GET", "/health", null, null);
      server.close().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    }
  }

  /** Requests as a client sends them; what they answer does not matter here, only what they load. */
  private record Client(HttpClient http, String base, List<String> refused) {
    String login(String user) throws Exception {
      return send("POST", "/api/dev/login", null, new JsonObject().put("user", user).put("name", user).put("department", "Training"))
          .getString("token");
    }

    JsonObject send(String method, String path, String token, JsonObject body) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
      if (body != null) b.header("Content-Type", "application/json");
      if (token != null) b.header("Authorization", "Bearer " + token);
      HttpResponse<String> answer = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() / 100 != 2) refused.add(method + " " + path + " -> " + answer.statusCode());
      return answer.body().startsWith("{") ? new JsonObject(answer.body()) : new JsonObject();
    }
  }
}
