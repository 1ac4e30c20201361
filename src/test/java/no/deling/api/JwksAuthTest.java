package no.deling.api;

import static no.deling.support.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens from an OIDC issuer: RS256, verified with the keys its JWKS endpoint publishes. */
class JwksAuthTest {
  @TempDir Path dir;

  private static String b64(BigInteger n) {
    byte[] bytes = n.toByteArray();
    if (bytes[0] == 0) bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String pem(byte[] der) {
    return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
  }

  @Test
  void rs256TokenFromIssuer_isAccepted_andWrongIssuerOrForeignKeyIsNot() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair issuerKey = g.generateKeyPair();
    KeyPair strangerKey = g.generateKeyPair();
    RSAPublicKey pub = (RSAPublicKey) issuerKey.getPublic();
    JsonObject jwk = new JsonObject().put("kty", "RSA").put("kid", "k1").put("alg", "RS256").put("use", "sig")
        .put("n", b64(pub.getModulus())).put("e", b64(pub.getPublicExponent()));

    Vertx idp = Vertx.vertx();
    HttpServer jwks = await(idp.createHttpServer()
        .requestHandler(req -> req.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("keys", new JsonArray().add(jwk)).encode()))
        .listen(0, "127.0.0.1"));
    try (TestServer s = TestServer.start(dir, Map.of(
        "DELING_JWT_SECRET", "",
        "DELING_DEV_LOGIN", "false",
        "DELING_JWT_JWKS_URL", "http://127.0.0.1:" + jwks.actualPort() + "/jwks.json",
        "DELING_JWT_ISSUER", "https://idp.example"))) {
      String good = sign(idp, issuerKey, "https://idp.example");
      JsonObject me = s.get("/api/me", good).json();
      assertThat(me.getString("id")).isEqualTo("erin");
      assertThat(me.getString("department")).isEqualTo("Research");
      assertThat(s.get("/api/me", sign(idp, issuerKey, "https://evil.example")).status()).isEqualTo(401);
      assertThat(s.get("/api/me", sign(idp, strangerKey, "https://idp.example")).status()).isEqualTo(401);
    } finally {
      await(idp.close());
    }
  }

  private static String sign(Vertx vertx, KeyPair key, String issuer) {
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
        new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(pem(key.getPrivate().getEncoded()))));
    return signer.generateToken(new JsonObject().put("sub", "erin").put("name", "Erin").put("department", "Research"),
        new JWTOptions().setAlgorithm("RS256").setExpiresInMinutes(5).setIssuer(issuer).setHeader(new JsonObject().put("kid", "k1")));
  }
}
