package no.deling.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The address a token's claims give: OpenID Connect's {@code email}, unless the token says it is unverified. */
class EmailClaimTest {
  @Test
  void anAddressIsTaken_unlessUnverified_malformed_orTooLong() {
    assertThat(TokenVerifier.email(new JsonObject().put("email", " alice@example.org "))).isEqualTo("alice@example.org");
    assertThat(TokenVerifier.email(new JsonObject().put("email", "alice@example.org").put("email_verified", true))).isEqualTo("alice@example.org");
    assertThat(TokenVerifier.email(new JsonObject().put("email", "alice@example.org").put("email_verified", false))).isNull();
    assertThat(TokenVerifier.email(new JsonObject())).isNull();
    assertThat(TokenVerifier.email(new JsonObject().put("email", 42))).isNull();
    assertThat(TokenVerifier.email(new JsonObject().put("email", "Alice <alice@example.org>"))).as("one address, no name").isNull();
    assertThat(TokenVerifier.email(new JsonObject().put("email", "a@b.org, boss@example.org"))).as("one address").isNull();
    assertThat(TokenVerifier.email(new JsonObject().put("email", "alice@localhost"))).isNull();
    assertThat(TokenVerifier.email(new JsonObject().put("email", "a\u202E@example.org"))).isNull();
    assertThat(TokenVerifier.email(new JsonObject().put("email", "a".repeat(250) + "@x.org"))).isNull();
  }
}
