package no.deling.support;

import static no.deling.support.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.deling.Config;
import no.deling.DelingServer;
import no.deling.core.eventstore.RecordedEvent;

/**
 * A real server on a random port with a real store in a temp dir, and a real HTTP client. On
 * close it checks that every event the test caused is valid against its JSON Schema.
 */
public final class TestServer implements AutoCloseable {
  public static final String SECRET = "test-secret-that-is-long-enough-for-hs256";

  public final Vertx vertx;
  public final DelingServer server;
  public final WebClient http;
  public final Path dir;
  /** Made by {@link #startInTempDir}: removed on close (property tests have no JUnit temp directories). */
  private boolean ownsDir;

  private TestServer(Vertx vertx, DelingServer server, Path dir) {
    this.vertx = vertx;
    this.server = server;
    this.dir = dir;
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.port()));
  }

  public static TestServer start(Path dir) {
    return start(dir, Map.of());
  }

  /** A server on a new temporary directory that {@link #close} removes again. */
  public static TestServer startInTempDir(String prefix, Map<String, String> overrides) throws java.io.IOException {
    Path dir = java.nio.file.Files.createTempDirectory(prefix);
    TestServer s = start(dir, overrides);
    s.ownsDir = true;
    return s;
  }

  public static TestServer start(Path dir, Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("DELING_HTTP_PORT", "0");
    env.put("DELING_HTTP_HOST", "127.0.0.1");
    env.put("DELING_DATA_DIR", dir.toString());
    env.put("DELING_JWT_SECRET", SECRET);
    env.put("DELING_DEV_LOGIN", "true");
    // snapshot tests must not depend on how full the machine's disk is (DiskFullTest sets its own reserve)
    env.put("DELING_SNAPSHOT_DISK_RESERVE_MB", "0");
    env.putAll(overrides);
    Config config = Config.fromEnv(env);
    Vertx vertx = no.deling.NetworkTransport.vertx(config.transport()); // the sockets production runs on
    DelingServer server = await(DelingServer.start(vertx, config));
    return new TestServer(vertx, server, dir);
  }

  public String token(String user) {
    return token(user, capitalise(user), "Engineering");
  }

  public String token(String user, String name, String department) {
    JsonObject claims = new JsonObject().put("sub", user).put("name", name);
    if (department != null) claims.put("department", department);
    return server.tokens().sign(claims, 60);
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** A finished HTTP exchange. */
  public record Response(int status, Map<String, String> headers, Buffer body) {
    public JsonObject json() {
      return body == null || body.length() == 0 ? null : body.toJsonObject();
    }

    public String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  /** A SCIM call under {@code /scim/v2}, with SCIM's media type when there is a body. */
  public Response scim(HttpMethod method, String path, String token, io.vertx.core.json.JsonObject body) {
    return call(method, "/scim/v2" + path, token, body == null ? null : body.toBuffer(),
        body == null ? Map.of() : Map.of("Content-Type", "application/scim+json"));
  }

  public Response call(HttpMethod method, String path, String token, Object body, Map<String, String> headers) {
    var request = http.request(method, path);
    if (token != null) request.putHeader("Authorization", "Bearer " + token);
    headers.forEach(request::putHeader);
    HttpResponse<Buffer> r;
    if (body == null) {
      r = await(request.send());
    } else if (body instanceof JsonObject j) {
      r = await(request.putHeader("Content-Type", "application/json").sendBuffer(j.toBuffer()));
    } else {
      Buffer b = body instanceof Buffer buf ? buf : Buffer.buffer(body.toString());
      if (!headers.containsKey("Content-Type")) request.putHeader("Content-Type", "application/json");
      r = await(request.sendBuffer(b));
    }
    Map<String, String> hs = new HashMap<>();
    r.headers().forEach(e -> hs.put(e.getKey().toLowerCase(), e.getValue()));
    return new Response(r.statusCode(), hs, r.body());
  }

  /** Uploads {@code bytes} as a file named {@code name} (POST /api/files), as a client sends it. */
  public Response upload(String token, String name, byte[] bytes) {
    return call(HttpMethod.POST, "/api/files?name=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8), token,
        Buffer.buffer(bytes), Map.of("Content-Type", "application/octet-stream"));
  }

  public Response get(String path, String token) {
    return call(HttpMethod.GET, path, token, null, Map.of());
  }

  public Response post(String path, String token, Object body) {
    return call(HttpMethod.POST, path, token, body, Map.of());
  }

  public Response put(String path, String token, Object body) {
    return call(HttpMethod.PUT, path, token, body, Map.of());
  }

  public Response delete(String path, String token) {
    return call(HttpMethod.DELETE, path, token, null, Map.of());
  }

  /** Publishes a post and returns its id, asserting 201. */
  public String publish(String token, String text) {
    Response r = post("/api/posts", token, new JsonObject().put("text", text));
    assertThat(r.status()).as("publish: %s", r.body()).isEqualTo(201);
    return r.json().getString("id");
  }

  /** Publishes a post in {@code group} and returns its id, asserting 201. */
  public String groupPost(String token, String group, String text) {
    Response r = post("/api/posts", token, new JsonObject().put("text", text).put("group", group));
    assertThat(r.status()).as("group post: %s", r.body()).isEqualTo(201);
    return r.json().getString("id");
  }

  public String reply(String token, String parent, String text) {
    Response r = post("/api/posts", token, new JsonObject().put("text", text).put("inReplyTo", parent));
    assertThat(r.status()).as("reply: %s", r.body()).isEqualTo(201);
    return r.json().getString("id");
  }

  /** Creates a private group owned by {@code ownerToken}'s person and returns its id, asserting 201. */
  public String privateGroup(String ownerToken, String name) {
    Response r = post("/api/groups", ownerToken, new JsonObject().put("name", name).put("access", "private"));
    assertThat(r.status()).as("create group: %s", r.body()).isEqualTo(201);
    return r.json().getString("id");
  }

  /** Creates an open group owned by {@code ownerToken}'s person and returns its id, asserting 201. */
  public String openGroup(String ownerToken, String name) {
    Response r = post("/api/groups", ownerToken, new JsonObject().put("name", name).put("access", "open"));
    assertThat(r.status()).as("create group: %s", r.body()).isEqualTo(201);
    return r.json().getString("id");
  }

  /** The owner invites {@code user} to {@code group} and they accept, asserting they are a member. */
  public void invite(String group, String ownerToken, String user, String userToken) {
    get("/api/me", userToken);
    put("/api/groups/" + group + "/members/" + user, ownerToken, null);
    Response r = put("/api/groups/" + group + "/members/" + user, userToken, null);
    assertThat(r.json().getString("role")).as("accepting: %s", r.body()).isEqualTo("member");
  }

  public List<RecordedEvent> events() {
    List<RecordedEvent> all = new ArrayList<>();
    long after = 0;
    while (true) {
      List<RecordedEvent> page = await(server.store().readAll(after, 10_000));
      if (page.isEmpty()) return all;
      all.addAll(page);
      after = page.get(page.size() - 1).position();
    }
  }

  public long head() {
    return server.store().headPosition();
  }

  @Override
  public void close() {
    List<String> problems = EventSchemas.problems(events());
    http.close();
    await(server.close());
    var failures = no.deling.core.log.UnhandledFailures.of(vertx);
    await(vertx.close());
    if (ownsDir) deleteTree(dir);
    assertThat(problems).as("every stored event must validate against schema/events").isEmpty();
    // every one is a bug, logged with its stack trace above
    assertThat(failures.answered500()).as("requests answered 500 (see 'unhandled failure on' in the log)").isZero();
    assertThat(failures.onEventLoops()).as("exceptions that reached an event loop's top (see 'unhandled failure on' in the log)").isZero();
    assertThat(failures.blockedEventLoops()).as("event loops held up past Vert.x's limit (see 'has been blocked' in the log)").isZero();
  }

  private static void deleteTree(Path root) {
    try (var paths = java.nio.file.Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A problem+json answer with this status naming this field and rule. */
  public static void assertProblem(Response r, int status, String field, String rule) {
    assertThat(r.status()).as("%s", r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = r.json();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getJsonArray("errors").stream().map(o -> (JsonObject) o))
        .as("%s", problem)
        .anySatisfy(e -> {
          assertThat(e.getString("field")).isEqualTo(field);
          assertThat(e.getString("rule")).isEqualTo(rule);
        });
  }
  /** The newest hundred of {@code token}'s notifications that are of {@code kind}, as they are now (no wait). */
  public List<JsonObject> notifications(String token, String kind) {
    return get("/api/notifications?limit=100", token).json().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(n -> kind.equals(n.getString("kind"))).toList();
  }

  /**
   * A counter or gauge from {@code /metrics}, as operators scrape it with {@code scrapeToken}: the
   * series named {@code name}, the one whose {@code result} label is {@code result} unless that is null.
   */
  public double metric(String scrapeToken, String name, String result) {
    String metrics = call(HttpMethod.GET, "/metrics", scrapeToken, null, Map.of()).body().toString();
    String labels = result == null ? "(\\{[^}]*\\})?" : "\\{result=\"" + java.util.regex.Pattern.quote(result) + "\",?\\}";
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(name) + labels + " ([0-9.E+-]+)$").matcher(metrics);
    assertThat(m.find()).as("%s{result=%s} in /metrics", name, result).isTrue();
    return Double.parseDouble(m.group(m.groupCount()));
  }

  /** Notifications are kept by a subscriber of their own, a moment after the event: wait for one of this kind. */
  public JsonObject notificationsOf(String token, String kind) {
    for (int i = 0; i < 100; i++) {
      JsonObject page = get("/api/notifications", token).json();
      if (page.getJsonArray("items").stream().anyMatch(o -> kind.equals(((JsonObject) o).getString("kind")))) return page;
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    return get("/api/notifications", token).json();
  }

  /** The search index follows the log a moment behind: wait until it reflects everything written so far. */
  public void awaitSearch() {
    long head = head();
    await(server.search().indexer().awaitPosition(vertx, head, 10_000));
  }
}
