package no.deling.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import no.deling.fuzz.RawHttp.Answer;
import no.deling.support.TestServer;

/**
 * Property-based fuzzing of what clients send over HTTP — bodies, content types, paths and
 * methods, query strings, header values — against a real server: never a 5xx, never silence,
 * every refusal a problem+json, and a refused request changes nothing in the log.
 */
class HttpFuzzTest {
  private static TestServer s;
  private static String token;
  /** A poll, and a group of the fuzzer's with a post in it, for the bodies of votes and pins to reach their rules. */
  private static String poll;
  private static String group;
  private static String groupPost;
  /** Where the group's integration posts, its secret in the path. */
  private static String hook;

  @BeforeContainer
  static void start() throws Exception {
    s = TestServer.startInTempDir("deling-fuzz", Map.of("DELING_WRITE_RATE", "0"));
    token = s.token("fuzzer");
    s.get("/api/me", token);
    poll = s.post("/api/posts", token, new JsonObject().put("text", "Fuzz poll")
        .put("poll", new JsonObject().put("options", new JsonArray().add("a").add("b")))).json().getString("id");
    group = s.openGroup(token, "Fuzzers");
    groupPost = s.post("/api/posts", token, new JsonObject().put("text", "In the group").put("group", group)).json().getString("id");
    JsonObject integration = s.post("/api/groups/" + group + "/integrations", token, new JsonObject().put("name", "Fuzz tool")).json();
    hook = "/hooks/" + integration.getString("id") + "/" + integration.getString("secret");
  }

  @AfterContainer
  static void stop() {
    s.close();
  }

  private static void assertWellBehaved(Answer a, String what) {
    FuzzRules.assertWellBehaved(s, -1, a, what, FuzzRules.PROBLEM);
  }

  @Property(tries = 400)
  void postBodies_areAnsweredAndRefusalsChangeNothing(@ForAll("bodies") byte[] body, @ForAll("contentTypes") String contentType) throws Exception {
    long head = s.head();
    Answer a = RawHttp.exchange(s.server.port(), RawHttp.request("POST", "/api/posts", token, contentType, body));
    String what = "POST /api/posts (" + contentType + ") " + new String(body, StandardCharsets.UTF_8);
    assertWellBehaved(a, what);
    if (a.status() >= 400) assertThat(s.head()).as("%s was refused but changed the log", what).isEqualTo(head);
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    Arbitrary<Object> values = Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40).map(v -> (Object) v),
        Arbitraries.integers().map(v -> (Object) v),
        Arbitraries.just((Object) null),
        Arbitraries.just((Object) new JsonArray().add(1)),
        Arbitraries.just((Object) new JsonObject().put("a", 1)),
        Arbitraries.strings().withCharRange('0', '9').ofLength(19).map(v -> (Object) v));
    Arbitrary<byte[]> shaped = Arbitraries.of("text", "inReplyTo", "kind", "group", "", "TEXT", "text ", "poll", "option", "options")
        .list().ofMaxSize(3)
        .flatMap(keys -> values.list().ofSize(keys.size()).map(vs -> {
          JsonObject o = new JsonObject();
          for (int i = 0; i < keys.size(); i++) o.put(keys.get(i), vs.get(i));
          return o.encode().getBytes(StandardCharsets.UTF_8);
        }));
    Arbitrary<byte[]> text = Arbitraries.strings().all().ofMaxLength(200).map(t -> t.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    Arbitrary<byte[]> truncated = shaped.map(b -> java.util.Arrays.copyOf(b, Math.max(0, b.length - 2)));
    return Arbitraries.oneOf(shaped, text, bytes, truncated);
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.of("application/json", "application/json; charset=utf-8", "text/plain", "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded", "application/scim+json", "APPLICATION/JSON", "application/json;charset=latin1");
  }

  @Property(tries = 150)
  void groupAndNotificationBodies_areAnsweredAndRefusalsChangeNothing(@ForAll("bodies") byte[] body,
      @ForAll("bodyTargets") String target) throws Exception {
    long head = s.head();
    String method = target.substring(0, target.indexOf(' '));
    String path = target.substring(target.indexOf(' ') + 1);
    Answer a = RawHttp.exchange(s.server.port(), RawHttp.request(method, path, token, "application/json", body));
    String what = target + " " + new String(body, StandardCharsets.UTF_8);
    assertWellBehaved(a, what);
    if (a.status() >= 400) assertThat(s.head()).as("%s was refused but changed the log", what).isEqualTo(head);
  }

  @Provide
  Arbitrary<String> bodyTargets() {
    return Arbitraries.of("POST /api/groups", "POST /api/notifications/read", "PUT /api/groups/0384036914845450240/members/alice",
        "PUT /api/posts/0384036914845450240/share", "PUT /api/posts/0384036914845450240/accepted-answer", "POST /api/users/alice/skills",
        "PUT /api/me/hidden-skills/kotlin", "PUT /api/posts/" + poll + "/vote", "DELETE /api/posts/" + poll + "/vote",
        "POST /api/posts/" + poll + "/poll/close", "PUT /api/posts/" + poll + "/saved", "PUT /api/groups/" + group + "/pinned/" + groupPost,
        "POST /api/groups/" + group + "/integrations", "PUT /api/me/muted-groups/" + group, "POST " + hook, "POST " + hook.substring(0, hook.lastIndexOf('/')));
  }

  @Property(tries = 300)
  void pathsAndMethods_areAnswered(@ForAll("methods") String method, @ForAll("paths") String path) throws Exception {
    long head = s.head();
    Answer a = RawHttp.exchange(s.server.port(), RawHttp.request(method, path, token, null, null));
    assertWellBehaved(a, method + " " + path);
    if (a.status() >= 400) assertThat(s.head()).isEqualTo(head);
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO");
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> segment = Arbitraries.oneOf(
        Arbitraries.of("api", "posts", "users", "me", "following", "topics", "timelines", "home", "thread", "endorsement", "people",
            "announcements", "acknowledgement", "stream", "health", "scim", "v2", "Users", "..", ".", "%2e%2e", "%ZZ", "%", "%00",
            "groups", "members", "requests", "archive", "share", "notifications", "read",
            "questions", "accepted-answer", "history", "skills", "hidden-skills", "experts", "search", "similar-questions",
            "0384036914845450240", "alice", "a%2Fb", ";x=1", "~", "saved", "vote", "poll", "close", "pinned", "hooks", "integrations", "app.1", "muted-groups"),
        Arbitraries.strings().withChars("abcXYZ019-._~!$&'()*+,;=:@%").ofMaxLength(12));
    return segment.list().ofMinSize(1).ofMaxSize(6).map(parts -> "/" + String.join("/", parts))
        .flatMap(p -> Arbitraries.of("", "?", "?limit=5", "?limit=abc", "?before=x&limit=-1", "?q=%", "?q=a&q=b").map(q -> p + q));
  }

  @Property(tries = 200)
  void queryStrings_onTimelinesAndSearch_areAnswered(@ForAll("queryValues") String limit, @ForAll("queryValues") String before,
      @ForAll("routes") String route) throws Exception {
    String path = route + "?limit=" + limit + "&before=" + before + "&q=" + before;
    Answer a = RawHttp.exchange(s.server.port(), RawHttp.request("GET", path, token, null, null));
    assertWellBehaved(a, "GET " + path);
  }

  @Provide
  Arbitrary<String> queryValues() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789-+.eE").ofMaxLength(25),
        Arbitraries.strings().all().ofMaxLength(20).map(v -> java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)),
        Arbitraries.of("", "%", "%zz", "99999999999999999999999", "9999999999999999999", "9223372036854775808",
            "0384036914845450240"));
  }

  @Provide
  Arbitrary<String> routes() {
    return Arbitraries.of("/api/timelines/home", "/api/users/fuzzer/posts", "/api/topics/kotlin/posts", "/api/people", "/api/announcements",
        "/api/users/fuzzer/followers", "/api/search", "/api/questions", "/api/me/questions", "/api/experts?topic=kotlin",
        "/api/search/similar-questions?text=deploy", "/api/notifications", "/api/groups/0384036914845450240/posts", "/api/me/saved", "/api/me/suggestions");
  }

  @Property(tries = 150)
  void headerValues_areAnswered(@ForAll("headerValues") String authorization, @ForAll("headerValues") String idempotencyKey) throws Exception {
    long head = s.head();
    String request = "POST /api/posts HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: " + authorization
        + "\r\nIdempotency-Key: " + idempotencyKey + "\r\nContent-Type: application/json\r\nContent-Length: 14\r\n\r\n{\"text\":\"hey\"}";
    Answer a = RawHttp.exchange(s.server.port(), request.getBytes(StandardCharsets.ISO_8859_1));
    assertWellBehaved(a, "Authorization: " + authorization + " / Idempotency-Key: " + idempotencyKey);
    if (a.status() >= 400) assertThat(s.head()).isEqualTo(head);
  }

  @Provide
  Arbitrary<String> headerValues() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40).map(t -> "Bearer " + t),
        Arbitraries.of("Bearer " + token.substring(0, token.length() - 2), "Bearer a.b.c", "Basic YWxpY2U6eA==", "Bearer ", ""));
  }

  /** The malformed requests kept in src/test/resources/fuzz/requests.txt, each answered with a problem. */
  @Property(tries = 1)
  void theKeptCorpus_isAnswered() throws Exception {
    String corpus = Files.readString(Path.of("src/test/resources/fuzz/requests.txt"), StandardCharsets.UTF_8);
    List<String> cases = List.of(corpus.split("\n-----\n"));
    assertThat(cases).hasSizeGreaterThan(5);
    for (String c : cases) {
      if (c.startsWith("#") && !c.contains("\n")) continue;
      String request = c.lines().filter(l -> !l.startsWith("#")).reduce("", (x, y) -> x + y).replace("{token}", token)
          .replace("\\r", "\r").replace("\\n", "\n").replace("\\xff", "\u00ff");
      int bodyAt = request.indexOf("\r\n\r\n");
      if (bodyAt >= 0) request = request.replace("{len}", Integer.toString(request.length() - bodyAt - 4));
      Answer a = RawHttp.exchange(s.server.port(), request.getBytes(StandardCharsets.ISO_8859_1));
      assertThat(a.status()).as("corpus case: %s -> %s", c, a.body()).isLessThan(500);
      if (a.status() >= 400) assertThat(a.contentType()).as("corpus case: %s", c).isEqualTo("application/problem+json");
    }
  }
}
