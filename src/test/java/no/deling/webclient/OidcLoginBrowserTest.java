package no.deling.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import no.deling.support.Await;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging in to the web client through an organisation's OpenID Connect issuer: the
 * authorization-code flow with PKCE, in a real browser, against a small issuer written here that
 * checks what a real one checks (the client id, the redirect, the S256 code challenge against the
 * verifier) and issues a token Deling accepts.
 */
@EnabledIf("no.deling.webclient.Browser#available")
class OidcLoginBrowserTest {
  @TempDir Path dir;

  @Test
  void theAuthorizationCodeFlowWithPkce_logsThePersonIn() throws Exception {
    Vertx vertx = Vertx.vertx();
    AtomicReference<String> challenge = new AtomicReference<>();
    AtomicReference<String> verified = new AtomicReference<>();
    AtomicReference<TestServer> deling = new AtomicReference<>();
    Router idp = Router.router(vertx);
    HttpServer server = Await.await(vertx.createHttpServer().requestHandler(idp).listen(0, "127.0.0.1"));
    String issuer = "http://127.0.0.1:" + server.actualPort();
    idp.route().handler(rc -> {
      rc.response().putHeader("Access-Control-Allow-Origin", "*");
      rc.next();
    });
    idp.get("/.well-known/openid-configuration").handler(rc -> rc.json(new JsonObject().put("issuer", issuer)
        .put("authorization_endpoint", issuer + "/authorize").put("token_endpoint", issuer + "/token")));
    idp.get("/authorize").handler(rc -> {
      // the person "signs in" at once; a real issuer would ask for a password here
      assertThat(rc.request().getParam("client_id")).isEqualTo("deling-web");
      assertThat(rc.request().getParam("code_challenge_method")).isEqualTo("S256");
      challenge.set(rc.request().getParam("code_challenge"));
      rc.redirect(rc.request().getParam("redirect_uri") + "?code=the-code&state=" + rc.request().getParam("state"));
    });
    idp.post("/token").handler(BodyHandler.create(false)).handler(rc -> {
      try {
        String verifier = rc.request().getFormAttribute("code_verifier");
        String expected = Base64.getUrlEncoder().withoutPadding()
            .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        if (!"the-code".equals(rc.request().getFormAttribute("code")) || !expected.equals(challenge.get())
            || !"authorization_code".equals(rc.request().getFormAttribute("grant_type"))) {
          rc.response().setStatusCode(400).end("{\"error\":\"invalid_grant\"}");
          return;
        }
        verified.set(verifier);
        String token = deling.get().server.tokens().sign(new JsonObject().put("iss", issuer).put("sub", "o-olga").put("name", "Olga Oidc")
            .put("department", "Research"), 60);
        rc.json(new JsonObject().put("access_token", token).put("token_type", "Bearer").put("expires_in", 3600));
      } catch (Exception e) {
        rc.fail(e);
      }
    });
    try (TestServer s = TestServer.start(dir, Map.of("DELING_DEV_LOGIN", "false", "DELING_JWT_ISSUER", issuer, "DELING_OIDC_CLIENT_ID", "deling-web"));
        Browser b = Browser.fresh(s.server.port(), "en", 1280, 900)) {
      deling.set(s);
      b.open("/");
      var button = b.el("#oidc-login");
      assertThat(b.driver.findElements(org.openqa.selenium.By.id("dev-login"))).as("no dev login here").isEmpty();
      button.click();
      b.el("#compose textarea");
      b.withText("nav", "Olga Oidc");
      assertThat(verified.get()).as("the issuer saw a verifier matching the challenge").isNotNull().hasSizeGreaterThanOrEqualTo(43);
      assertThat((String) b.js("return location.search")).as("the code is gone from the address").isEmpty();
    } finally {
      Await.await(vertx.close());
    }
  }
}
