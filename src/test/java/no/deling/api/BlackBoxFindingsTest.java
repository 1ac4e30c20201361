package no.deling.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import no.deling.support.Await;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a black-box probe found, tried as an attacker and an operator would: each case answered
 * with a problem (never a 500, a plain-text 400 or silence) and leaking nothing.
 */
class BlackBoxFindingsTest {
  @TempDir Path dir;
  TestServer s;

  @BeforeEach
  void start() {
    s = TestServer.start(dir, Map.of("DELING_METRICS_TOKEN", "ops-token"));
  }

  @AfterEach
  void stop() {
    s.close();
  }

  /** Sends raw bytes and returns whatever comes back until the server closes (at most 5 s). */
  private String raw(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder got = new StringBuilder();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) > 0; ) {
          got.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
          if (got.indexOf("\r\n\r\n") > 0 && got.indexOf("}") > 0) break;
        }
      } catch (java.net.SocketTimeoutException timedOut) {
        throw new AssertionError("no answer and no close within 5 s; got: " + got);
      }
      return got.toString();
    }
  }

  private static String signed(JsonObject claims, JWTOptions options) {
    Vertx v = Vertx.vertx();
    try {
      return JWTAuth.create(v, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(TestServer.SECRET))))
          .generateToken(claims, options.setAlgorithm("HS256"));
    } finally {
      v.close();
    }
  }

  @Test
  void aRequestWithoutHost_getsAProblem_onEveryRoute() throws Exception {
    for (String path : new String[] {"/health", "/api/me", "/api/dev/login"}) {
      String answer = raw("GET " + path + " HTTP/1.1\r\nConnection: close\r\n\r\n");
      assertThat(answer).as(path).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("\"field\":\"Host\"");
    }
  }

  @Test
  void aMultipartBody_isRefusedWith415_beforeAnythingIsWrittenToDisk() {
    boolean uploadsBefore = Files.exists(Path.of("file-uploads"));
    String boundary = "----deling";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"user\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n"
        + "x".repeat(10_000) + "\r\n--" + boundary + "--\r\n";
    for (String path : new String[] {"/api/dev/login", "/api/posts"}) {
      Response r = s.call(HttpMethod.POST, path, null, Buffer.buffer(body), Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
      assertThat(r.status()).as(path).isEqualTo(415);
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    }
    assertThat(Files.exists(Path.of("file-uploads"))).as("no upload directory appears").isEqualTo(uploadsBefore);
  }

  @Test
  void aBadChunkSize_isAnsweredOrClosed_neverLeftHanging() throws Exception {
    String answer = raw("POST /api/dev/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n");
    assertThat(answer).doesNotContain(" 500 ");
  }

  @Test
  void malformedEscapes_andAPlainGetOfTheStream_areProblems() {
    Response escape = s.get("/api/topics/%ZZ/posts", s.token("alice"));
    assertThat(escape.status()).isEqualTo(400);
    assertThat(escape.header("Content-Type")).isEqualTo("application/problem+json");
    Response stream = s.get("/api/stream", s.token("alice"));
    assertThat(stream.status()).isEqualTo(400);
    assertThat(stream.header("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void anUndefinedMethod_is405_withAllow() {
    Response r = s.call(HttpMethod.PATCH, "/api/posts", s.token("alice"), null, Map.of());
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).isEqualTo("POST");
    Response post = s.call(HttpMethod.POST, "/api/posts/0384036914845450240", s.token("alice"), new JsonObject().put("text", "x"), Map.of());
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.header("Allow")).isEqualTo("DELETE, GET, PUT");
  }

  @Test
  void health_showsWhereTheLogLives_onlyToOperators() {
    JsonObject anyone = s.get("/health", null).json();
    assertThat(anyone.getJsonObject("log").containsKey("detail")).isFalse();
    assertThat(anyone.encode()).doesNotContain(dir.toAbsolutePath().toString());
    JsonObject operator = s.get("/health", "ops-token").json();
    assertThat(operator.getJsonObject("log").getString("detail")).contains("events.db");
  }

  @Test
  void tokens_withAStringExp_orNoExp_areRefused() {
    String stringExp = signed(new JsonObject().put("sub", "alice").put("exp", "tomorrow"), new JWTOptions());
    assertThat(s.get("/api/me", stringExp).status()).isEqualTo(401);
    String forever = signed(new JsonObject().put("sub", "alice"), new JWTOptions());
    assertThat(s.get("/api/me", forever).status()).isEqualTo(401);
    String fine = signed(new JsonObject().put("sub", "alice"), new JWTOptions().setExpiresInMinutes(5));
    assertThat(s.get("/api/me", fine).status()).isEqualTo(200);
  }

  @Test
  void profileClaims_withControlOrBidiCharacters_areNotTakenIn() {
    for (String bad : new String[] {"Eve\u0000", "Eve\u202Eevil", "Eve\u0007", "Eve\u001B[31m"}) {
      Response login = s.post("/api/dev/login", null, new JsonObject().put("user", "eve").put("name", bad));
      assertThat(login.status()).as(bad).isEqualTo(400);
      assertThat(login.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("name");
    }
    String token = signed(new JsonObject().put("sub", "mallory").put("name", "Mallory\u202E").put("title", "Boss\u0000"),
        new JWTOptions().setExpiresInMinutes(5));
    JsonObject me = s.get("/api/me", token).json();
    assertThat(me.getString("name")).isEqualTo("mallory");
    assertThat(me.containsKey("title")).isFalse();
  }

  @Test
  void theWebSocketSubprotocolAnswer_isDeling_neverTheToken() {
    String token = s.token("alice");
    var client = s.vertx.createWebSocketClient();
    var ws = Await.await(client.connect(new WebSocketConnectOptions().setHost("localhost").setPort(s.server.port()).setURI("/api/stream")
        .setSubProtocols(java.util.List.of(token, "deling"))));
    assertThat(ws.subProtocol()).isEqualTo("deling");
    Await.await(ws.close());
    client.close();
  }

  @Test
  void anOversizedBody_is413_andTheConnectionIsClosed() {
    Response r = s.post("/api/posts", s.token("alice"), Buffer.buffer("{\"text\":\"" + "x".repeat(70_000) + "\"}"));
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
  }
}
