package no.deling.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import no.deling.fuzz.RawHttp.Answer;
import no.deling.support.TestServer;

/**
 * What an identity provider might send to SCIM, well or badly: filters, paging, users to create and
 * replace, PATCH operations on every attribute Deling knows and some it does not, with values of
 * every type. Never a 5xx, never silence; every refusal is SCIM's own error format and changes
 * nothing in the log.
 */
class ScimFuzzTest {
  private static final String TOKEN = "scim-token-for-fuzzing-0123456789";
  private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static TestServer s;

  record Call(String method, String path, String body) {
    @Override
    public String toString() {
      return method + " " + path + (body == null ? "" : " " + body);
    }
  }

  @BeforeContainer
  static void start() throws Exception {
    s = TestServer.startInTempDir("deling-scim-fuzz", Map.of("DELING_SCIM_TOKEN", TOKEN, "DELING_WRITE_RATE", "0"));
    for (String id : List.of("kari", "ola", "per")) {
      JsonObject user = new JsonObject().put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User")).put("userName", id)
          .put("displayName", id.toUpperCase()).put("active", true);
      Answer a = RawHttp.exchange(s.server.port(), RawHttp.request("POST", "/scim/v2/Users", TOKEN, "application/scim+json",
          user.encode().getBytes(StandardCharsets.UTF_8)));
      assertThat(a.status()).as("%s", a.body()).isEqualTo(201);
    }
  }

  @AfterContainer
  static void stop() {
    s.close();
  }

  @Property(tries = 500)
  void whatADirectoryMightSend_isAnswered(@ForAll("calls") Call call) throws Exception {
    Answer a = FuzzRules.send(s, call.method(), call.path(), TOKEN, "application/scim+json", call.body(), call, FuzzRules.SCIM);
    net.jqwik.api.statistics.Statistics.collect(call.method() + " " + a.status() / 100 + "xx");
  }

  @Provide
  Arbitrary<Call> calls() {
    Arbitrary<String> id = Arbitraries.oneOf(Arbitraries.of("kari", "ola"), Arbitraries.of("kari", "ola", "nobody", "", "Kari", "a b", "%", "x".repeat(100), "ø"),
        Arbitraries.strings().all().ofMaxLength(12));
    Arbitrary<String> encodedId = id.map(ScimFuzzTest::encode);
    return Arbitraries.oneOf(
        Combinators.combine(filter(), number(), number()).as((f, start, count) ->
            new Call("GET", "/scim/v2/Users?" + (f == null ? "" : "filter=" + encode(f) + "&") + "startIndex=" + encode(start) + "&count=" + encode(count), null)),
        encodedId.map(i -> new Call("GET", "/scim/v2/Users/" + i, null)),
        user(id).map(u -> new Call("POST", "/scim/v2/Users", u)),
        Combinators.combine(encodedId, user(id)).as((i, u) -> new Call("PUT", "/scim/v2/Users/" + i, u)),
        Arbitraries.of("kari", "ola").flatMap(i -> user(Arbitraries.just(i)).map(u -> new Call("PUT", "/scim/v2/Users/" + i, u))),
        Combinators.combine(encodedId, patch()).as((i, p) -> new Call("PATCH", "/scim/v2/Users/" + i, p)),
        Combinators.combine(Arbitraries.of("kari", "ola"), patch()).as((i, p) -> new Call("PATCH", "/scim/v2/Users/" + i, p)),
        // kari and ola stay, for the other calls to change; per and the unknown may go
        Arbitraries.of("per", "nobody", "", "%25").map(i -> new Call("DELETE", "/scim/v2/Users/" + i, null)),
        Arbitraries.of("/scim/v2/Schemas/" + encode(ENTERPRISE), "/scim/v2/Schemas/nope", "/scim/v2/ResourceTypes/User", "/scim/v2/ResourceTypes/%25",
            "/scim/v2/ServiceProviderConfig", "/scim/v2/Groups", "/scim/v2/Users/.search").map(p -> new Call("GET", p, null)));
  }

  private static Arbitrary<String> filter() {
    Arbitrary<String> attribute = Arbitraries.of("userName", "USERNAME", "displayName", "active", "emails.value", "name.givenName", "id", "meta.lastModified",
        ENTERPRISE + ":department", "");
    Arbitrary<String> op = Arbitraries.of("eq", "ne", "co", "sw", "ew", "pr", "gt", "lt", "EQ", "xx", "");
    Arbitrary<String> value = Arbitraries.of("\"kari\"", "\"Kari\"", "true", "1", "null", "\"\"", "\"unterminated", "\"a\\\"b\"", "kari", "\"ø\"");
    Arbitrary<String> one = Combinators.combine(attribute, op, value).as((a, o, v) -> a + " " + o + " " + v);
    Arbitrary<String> proper = Arbitraries.of("userName eq \"kari\"", "userName eq \"KARI\"", "userName eq \"nobody\"", "active eq true",
        "displayName co \"AR\"", "userName sw \"o\"");
    return Arbitraries.oneOf(proper, proper, one, Combinators.combine(one, Arbitraries.of(" and ", " or ", " AND "), one).as((a, j, b) -> a + j + b),
        one.map(f -> "not (" + f + ")"), one.map(f -> "(" + f), Arbitraries.strings().all().ofMaxLength(30), Arbitraries.just((String) null));
  }

  private static Arbitrary<String> number() {
    return Arbitraries.of("1", "0", "-1", "2", "100", "2147483648", "abc", "", "1.5");
  }

  private static Arbitrary<Object> anyValue() {
    return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(20).map(v -> (Object) v),
        Arbitraries.of(true, false).map(v -> (Object) v), Arbitraries.of(0, -1, 7).map(v -> (Object) v), Arbitraries.just((Object) null),
        Arbitraries.just((Object) new JsonArray().add("x")), Arbitraries.just((Object) new JsonObject().put("value", "ola")),
        Arbitraries.just((Object) new JsonArray().add(new JsonObject().put("value", "k@example.org").put("type", "work").put("primary", true))),
        Arbitraries.just((Object) "x".repeat(3000)));
  }

  private static Arbitrary<String> user(Arbitrary<String> id) {
    Arbitrary<String> keys = Arbitraries.of("schemas", "userName", "displayName", "active", "title", "name", "emails", ENTERPRISE, "externalId", "id");
    return Combinators.combine(id, keys.list().uniqueElements().ofMaxSize(6), anyValue().list().ofSize(6)).as((i, ks, vs) -> {
      JsonObject u = new JsonObject().put("userName", i);
      for (int k = 0; k < ks.size(); k++) {
        String key = ks.get(k);
        Object v = vs.get(k);
        if (key.equals(ENTERPRISE) && v instanceof String str) v = new JsonObject().put("department", str).put("manager", new JsonObject().put("value", "ola"));
        u.put(key, v);
      }
      return u.encode();
    });
  }

  private static Arbitrary<String> patch() {
    Arbitrary<String> op = Arbitraries.of("add", "replace", "remove", "Replace", "move", "");
    Arbitrary<String> path = Arbitraries.of("active", "displayName", "title", "name.givenName", "name", "emails[type eq \"work\"].value", "emails[",
        ENTERPRISE + ":department", ENTERPRISE + ":manager", ENTERPRISE + ":manager.value", "userName", "unknown", "");
    Arbitrary<JsonObject> operation = Combinators.combine(op, path, anyValue(), Arbitraries.of(true, false))
        .as((o, p, v, withPath) -> {
          JsonObject j = new JsonObject().put("op", o).put("value", v);
          if (withPath) j.put("path", p);
          return j;
        });
    // and ones a directory really sends: each attribute with a value of its type
    Arbitrary<JsonObject> proper = Arbitraries.of(
        new JsonObject().put("op", "replace").put("path", "active").put("value", false),
        new JsonObject().put("op", "Replace").put("path", "active").put("value", "True"),
        new JsonObject().put("op", "replace").put("value", new JsonObject().put("active", true).put("displayName", "Kari N")),
        new JsonObject().put("op", "replace").put("path", "displayName").put("value", "Kari Nordmann"),
        new JsonObject().put("op", "add").put("path", "title").put("value", "Engineer"),
        new JsonObject().put("op", "remove").put("path", "title"),
        new JsonObject().put("op", "replace").put("path", ENTERPRISE + ":department").put("value", "Finance"),
        new JsonObject().put("op", "add").put("path", ENTERPRISE + ":manager").put("value", new JsonObject().put("value", "ola")),
        new JsonObject().put("op", "replace").put("path", ENTERPRISE + ":manager").put("value", "kari"),
        new JsonObject().put("op", "remove").put("path", ENTERPRISE + ":manager"),
        new JsonObject().put("op", "add").put("value", new JsonObject().put(ENTERPRISE, new JsonObject().put("department", "Sales"))));
    return Arbitraries.oneOf(
        proper.list().ofMinSize(1).ofMaxSize(4).map(ScimFuzzTest::patchOf),
        proper.list().ofMinSize(1).ofMaxSize(4).map(ScimFuzzTest::patchOf),
        Arbitraries.oneOf(proper, operation).list().ofMinSize(1).ofMaxSize(4).map(ScimFuzzTest::patchOf),
        operation.list().ofMaxSize(4).map(ops -> new JsonObject().put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
            .put("Operations", new JsonArray(new ArrayList<>(ops))).encode()),
        Arbitraries.of("{}", "[]", "{\"Operations\":null}", "{\"Operations\":[1]}", "{\"Operations\":{}}", "{", ""));
  }

  private static String patchOf(List<JsonObject> operations) {
    return new JsonObject().put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray(new ArrayList<>(operations))).encode();
  }

  private static String encode(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
