package no.deling.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
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
