package no.deling.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthApiTest {
  @TempDir Path dir;
  TestServer s;

  @AfterEach
  void stop() {
    if (s != null) s.close();
  }

  private static String signed(String secret, JsonObject claims, JWTOptions options) {
    Vertx v = Vertx.vertx();
    try {
      JWTAuth jwt = JWTAuth.create(v, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(secret))));
      return jwt.generateToken(claims, options.setAlgorithm("HS256"));
    } finally {
      v.close();
    }
  }

  @Test
  void withoutValidToken_every_api_route_is401_andRevealsNothing() {
    s = TestServer.start(dir);
    String alice = s.token("alice");
    String postId = s.publish(alice, "secret-ish");
    long head = s.head();
    for (String path : new String[] {"/api/me", "/api/posts/" + postId, "/api/timelines/home", "/api/users/alice", "/api/nothing/here"}) {
      Response r = s.get(path, null);
      assertThat(r.status()).as(path).isEqualTo(401);
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.body().toString()).doesNotContain("secret-ish").doesNotContain("alice");
    }
    // bad input without a token is still just 401: validation runs after authentication
    assertThat(s.post("/api/posts", null, new JsonObject().put("nope", 1)).status()).isEqualTo(401);
    assertThat(s.get("/api/me", "not-a-jwt").status()).isEqualTo(401);
    String otherSecret = signed("some-other-secret-entirely-0123456789", new JsonObject().put("sub", "alice"), new JWTOptions());
    assertThat(s.get("/api/me", otherSecret).status()).isEqualTo(401);
    String expired = signed(TestServer.SECRET, new JsonObject().put("sub", "alice").put("exp", System.currentTimeMillis() / 1000 - 60), new JWTOptions());
    assertThat(s.get("/api/me", expired).status()).isEqualTo(401);
    String badSubject = signed(TestServer.SECRET, new JsonObject().put("sub", "../etc"), new JWTOptions());
    assertThat(s.get("/api/me", badSubject).status()).isEqualTo(401);
    assertThat(s.call(io.vertx.core.http.HttpMethod.GET, "/api/me", null, null, Map.of("Authorization", "Basic YWxpY2U6eA==")).status()).isEqualTo(401);
    assertThat(s.head()).isEqualTo(head);
  }

  @Test
  void aTokenThatWorked_isRefusedOnceItExpires_evenThoughVerificationsAreCached() throws Exception {
    s = TestServer.start(dir);
    long exp = System.currentTimeMillis() / 1000 + 2;
    String shortLived = signed(TestServer.SECRET, new JsonObject().put("sub", "alice").put("exp", exp), new JWTOptions());
    assertThat(s.get("/api/me", shortLived).status()).isEqualTo(200);
    assertThat(s.get("/api/me", shortLived).status()).isEqualTo(200);
    while (System.currentTimeMillis() / 1000 <= exp) Thread.sleep(100);
    assertThat(s.get("/api/me", shortLived).status()).isEqualTo(401);
  }

  @Test
  void changedClaims_recordANewProfileEvent_unchangedRecordNothing() {
    s = TestServer.start(dir);
    s.get("/api/me", s.token("alice", "Alice", "Sales"));
    long head = s.head();
    s.get("/api/me", s.token("alice", "Alice", "Sales"));
    assertThat(s.head()).isEqualTo(head);
    JsonObject me = s.get("/api/me", s.token("alice", "Alice A.", "Marketing")).json();
    assertThat(me.getString("department")).isEqualTo("Marketing");
    assertThat(me.getString("name")).isEqualTo("Alice A.");
    long profiles = s.events().stream().filter(e -> e.type().equals("UserProfileRecorded.v1")).count();
    assertThat(profiles).isEqualTo(2);
  }

  @Test
  void devLogin_returnsWorkingToken_whenEnabled() {
    s = TestServer.start(dir);
    Response login = s.post("/api/dev/login", null, new JsonObject().put("user", "dora").put("name", "Dora").put("department", "Legal"));
    assertThat(login.status()).isEqualTo(200);
    JsonObject me = s.get("/api/me", login.json().getString("token")).json();
    assertThat(me.getString("id")).isEqualTo("dora");
    assertThat(me.getString("department")).isEqualTo("Legal");
    assertThat(s.post("/api/dev/login", null, new JsonObject().put("user", "no spaces")).status()).isEqualTo(400);
  }

  @Test
  void devLogin_doesNotExist_unlessEnabled() {
    s = TestServer.start(dir, Map.of("DELING_DEV_LOGIN", "false"));
    Response login = s.post("/api/dev/login", null, new JsonObject().put("user", "mallory"));
    assertThat(login.status()).isEqualTo(404);
    assertThat(login.body().toString(StandardCharsets.UTF_8)).doesNotContain("token");
  }
}
