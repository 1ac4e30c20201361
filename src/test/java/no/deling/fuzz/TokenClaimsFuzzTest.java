package no.deling.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import no.deling.fuzz.RawHttp.Answer;
import no.deling.support.TestServer;

/**
 * Correctly signed tokens whose claims an identity provider filled in oddly: a subject of another
 * type or shape, names that are numbers, objects or 5,000 characters, roles as a string, an array
 * of anything or an object. Each is answered (200 for a subject that is a valid user id as a JSON
 * string, 401 otherwise, 431 for a token too large to send), never a 5xx, and what it records is
 * readable back.
 */
class TokenClaimsFuzzTest {
  private static TestServer s;

  @BeforeContainer
  static void start() throws Exception {
    s = TestServer.startInTempDir("deling-claims-fuzz", Map.of("DELING_WRITE_RATE", "0", "DELING_LOGIN_RATE", "0"));
  }

  @AfterContainer
  static void stop() {
    s.close();
  }

  @Property(tries = 300)
  void oddClaims_areAnswered(@ForAll("claims") JsonObject claims) throws Exception {
    String token = s.server.tokens().sign(claims, 60);
    Answer me = FuzzRules.send(s, "GET", "/api/me", token, null, null, claims, FuzzRules.PROBLEM);
    // 431: a 5,000-character claim makes a token over the 8 KiB the headers may take
    assertThat(me.status()).as("%s -> %s", claims, me.body()).isIn(200, 401, 431);
    if (me.status() == 431) {
      assertThat(token.length()).isGreaterThan(8_000);
      return;
    }
    boolean usable = claims.getValue("sub") instanceof String sub && sub.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    if (me.status() == 200) {
      assertThat(usable).as("%s was let in", claims).isTrue();
      String id = claims.getString("sub");
      Answer profile = FuzzRules.send(s, "GET", "/api/users/" + id, token, null, null, claims, FuzzRules.PROBLEM);
      assertThat(profile.status()).as("%s -> %s", claims, profile.body()).isEqualTo(200);
      Answer people = FuzzRules.send(s, "GET", "/api/people?q=" + id.substring(0, 1), token, null, null, claims, FuzzRules.PROBLEM);
      assertThat(people.status()).isEqualTo(200);
    }
  }

  @Example
  void aSubjectThatIsANumber_isRefused_ratherThanReadAsTheUserOfThatName() throws Exception {
    for (Object sub : List.of(0, 42, 1.5)) {
      Answer me = FuzzRules.send(s, "GET", "/api/me", s.server.tokens().sign(new JsonObject().put("sub", sub), 60), null, null, sub, FuzzRules.PROBLEM);
      assertThat(me.status()).as("sub %s", sub).isEqualTo(401);
    }
    assertThat(FuzzRules.send(s, "GET", "/api/me", s.server.tokens().sign(new JsonObject().put("sub", "42"), 60), null, null, "42", FuzzRules.PROBLEM)
        .status()).isEqualTo(200);
  }

  @Example
  void aTokenTooLargeForTheHeaders_isToldSo() throws Exception {
    Answer a = FuzzRules.send(s, "GET", "/api/me", s.server.tokens().sign(new JsonObject().put("sub", "kari").put("name", "x".repeat(9_000)), 60),
        null, null, "a 9,000-character name", FuzzRules.PROBLEM);
    assertThat(a.status()).isEqualTo(431);
    assertThat(a.body()).contains("\"field\":\"headers\"").contains("over 8 KiB");
  }

  @Provide
  Arbitrary<JsonObject> claims() {
    Arbitrary<Object> odd = Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40).map(v -> (Object) v),
        Arbitraries.of("", " ", "Kari Nordmann", "Åse Ødegård", "\u202Eevil", "a\u0000b", "x".repeat(5_000)).map(v -> (Object) v),
        Arbitraries.of(0, 1, -1, Integer.MAX_VALUE).map(v -> (Object) v), Arbitraries.just((Object) 1.5), Arbitraries.just((Object) true),
        Arbitraries.just((Object) new JsonArray().add("leader").add(7).addNull()), Arbitraries.just((Object) new JsonObject().put("roles", "admin")),
        Arbitraries.of("leader", "admin leader", "ADMIN,leader", "employee").map(v -> (Object) v));
    Arbitrary<Object> sub = Arbitraries.oneOf(Arbitraries.of("kari", "ola.n", "x_1", "k", "a".repeat(64), "a".repeat(65), "-bad", "bad id", "ø")
        .map(v -> (Object) v), odd);
    return Combinators.combine(sub, odd, odd, odd, odd, Arbitraries.of("name", "department", "title", "location", "roles", "exp", "nbf", "aud"))
        .as((subject, name, department, roles, extra, extraKey) -> {
          JsonObject c = new JsonObject().put("sub", subject).put("name", name).put("department", department).put("roles", roles);
          if (!List.of("exp").contains(extraKey)) c.put(extraKey, extra);
          return c;
        });
  }
}
