package no.deling.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.yaml.snakeyaml.Yaml;

/**
 * Every operation of the API's contract ({@code schema/api/openapi.yaml}), read from the contract
 * itself so a new route is fuzzed the day it is added: its path parameters, each query parameter it
 * declares and its body's properties, filled with values of the right type and of every wrong
 * one, at the edges (ids one past the largest, empty, long, odd characters), as an employee and as
 * an admin and leader. Never a 5xx, never silence, every refusal a problem+json that changes
 * nothing in the log (and the test server fails on anything nothing handled, see TestServer).
 */
class ContractFuzzTest {
  private static TestServer s;
  private static String employee;
  private static String admin;
  private static final List<Operation> OPERATIONS = operations();

  record Parameter(String name, String in, Map<String, Object> schema) {}

  record Operation(String method, String path, List<Parameter> parameters, Map<String, Object> body) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  record Call(Operation operation, String path, String body, boolean asAdmin) {
    @Override
    public String toString() {
      return (asAdmin ? "[admin] " : "") + operation.method() + " " + path + (body == null ? "" : " " + body);
    }
  }

  @BeforeContainer
  static void start() throws Exception {
    s = TestServer.startInTempDir("deling-contract-fuzz", Map.of("DELING_WRITE_RATE", "0", "DELING_LOGIN_RATE", "0"));
    employee = s.token("fuzzer");
    assertThat(s.get("/api/me", employee).status()).isEqualTo(200);
    var login = s.post("/api/dev/login", null, new JsonObject().put("user", "fuzz-admin").put("name", "Fuzz Admin")
        .put("roles", new JsonArray().add("admin").add("leader")));
    admin = login.json().getString("token");
    assertThat(s.get("/api/me", admin).status()).isEqualTo(200);
    // something to point at: a post, a reply, a question and a group that exist
    String post = s.publish(employee, "Fuzzing #fuzz");
    s.reply(admin, post, "A reply");
    EXISTING.add(post);
    var group = s.post("/api/groups", employee, new JsonObject().put("name", "Fuzzers").put("visibility", "open"));
    if (group.status() < 300) EXISTING.add(group.json().getString("id"));
  }

  @AfterContainer
  static void stop() {
    s.close();
  }

  @Property(tries = 600)
  void everyOperationOfTheContract_answersEveryInput(@ForAll("calls") Call call) throws Exception {
    Answer a = FuzzRules.send(s, call.operation().method(), call.path(), call.asAdmin() ? admin : employee, "application/json", call.body(), call,
        FuzzRules.PROBLEM);
    net.jqwik.api.statistics.Statistics.collect(a.status() / 100 + "xx"); // the report shows how many got through to the decision
  }

  @Example
  void theContractHasOperationsToFuzz() {
    assertThat(OPERATIONS).hasSizeGreaterThan(60);
  }

  private static final List<String> EXISTING = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Provide
  Arbitrary<Call> calls() {
    return Arbitraries.of(OPERATIONS).flatMap(op -> {
      List<Arbitrary<String>> pathValues = new ArrayList<>();
      List<Parameter> inPath = op.parameters().stream().filter(p -> p.in().equals("path")).toList();
      List<Parameter> inQuery = op.parameters().stream().filter(p -> p.in().equals("query")).toList();
      for (Parameter p : inPath) pathValues.add(value(p.schema()).map(ContractFuzzTest::encode));
      Arbitrary<List<String>> path = pathValues.isEmpty() ? Arbitraries.just(List.of()) : Combinators.combine(pathValues).as(l -> l);
      Arbitrary<String> query = queryString(inQuery);
      Arbitrary<String> body = op.body() == null ? Arbitraries.just((String) null) : body(op.body());
      return Combinators.combine(path, query, body, Arbitraries.of(true, false)).as((values, q, b, asAdmin) -> {
        String p = op.path();
        for (int i = 0; i < inPath.size(); i++) p = p.replace("{" + inPath.get(i).name() + "}", values.get(i));
        return new Call(op, p + q, b, asAdmin);
      });
    }).filter(c -> !erasesAnActor(c));
  }

  /** The fuzzing admin may erase anyone but the two who fuzz. */
  private static boolean erasesAnActor(Call c) {
    return c.operation().method().equals("DELETE") && c.operation().path().equals("/api/users/{id}")
        && (c.path().startsWith("/api/users/fuzzer") || c.path().startsWith("/api/users/fuzz-admin"));
  }

  private static Arbitrary<String> queryString(List<Parameter> params) {
    if (params.isEmpty()) return Arbitraries.of("", "?x=1");
    List<Arbitrary<String>> parts = new ArrayList<>();
    for (Parameter p : params) {
      parts.add(Arbitraries.oneOf(Arbitraries.just(""), value(p.schema()).map(v -> p.name() + "=" + encode(v))));
    }
    return Combinators.combine(parts).as(l -> {
      String joined = String.join("&", l.stream().filter(x -> !x.isEmpty()).toList());
      return joined.isEmpty() ? "" : "?" + joined;
    });
  }

  /** A value for a parameter or property of this schema: of its type, at its edges, or of another type altogether. */
  private static Arbitrary<String> value(Map<String, Object> schema) {
    List<Arbitrary<String>> choices = new ArrayList<>();
    Object type = schema == null ? null : schema.get("type");
    if (schema != null && schema.get("enum") instanceof List<?> values) choices.add(Arbitraries.of(values.stream().map(String::valueOf).toList()));
    if ("integer".equals(type) || "number".equals(type)) {
      choices.add(Arbitraries.of("0", "1", "-1", "5", "100", "101", "2147483648", "9223372036854775808", "1e3", "1.5", "NaN"));
    }
    if ("boolean".equals(type)) choices.add(Arbitraries.of("true", "false", "1", "yes"));
    choices.add(Arbitraries.of("0384036914845450240", "9999999999999999999", "9223372036854775807", "0000000000000000000", "alice", "fuzzer",
        "kotlin", "employee", "leader", "everyone", "2026-12-01", "2026-12-01T09:00:00Z", "2026-13-45", "", " ", "%", "..", "a/b", "ø",
        "\uD83D\uDE00", "x".repeat(300), "0".repeat(25)));
    if (!EXISTING.isEmpty()) choices.add(Arbitraries.of(EXISTING));
    choices.add(Arbitraries.strings().all().ofMaxLength(30));
    return Arbitraries.oneOf(choices);
  }

  /** A JSON body: the schema's properties with values of any type, sometimes missing or extra; or something that is no object. */
  @SuppressWarnings("unchecked")
  private static Arbitrary<String> body(Map<String, Object> schema) {
    Map<String, Object> properties = schema.get("properties") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    List<String> names = new ArrayList<>(properties.keySet());
    names.add("unexpected");
    Arbitrary<Object> any = Arbitraries.oneOf(
        Arbitraries.just((Object) null), Arbitraries.of(true, false).map(v -> (Object) v),
        Arbitraries.of(0L, -1L, 1L, 20L, 2147483648L, Long.MAX_VALUE).map(v -> (Object) v), Arbitraries.just((Object) 1.5),
        Arbitraries.just((Object) new JsonArray()), Arbitraries.just((Object) new JsonArray().add("kotlin").add(7)),
        Arbitraries.just((Object) new JsonObject().put("a", 1)));
    Arbitrary<JsonObject> object = Arbitraries.subsetOf(names).flatMap(chosen -> {
      List<Arbitrary<Object>> values = new ArrayList<>();
      for (String n : chosen) {
        Map<String, Object> p = properties.get(n) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        values.add(Arbitraries.oneOf(value(p).map(v -> (Object) v), any));
      }
      List<String> keys = new ArrayList<>(chosen);
      return values.isEmpty() ? Arbitraries.just(new JsonObject()) : Combinators.combine(values).as(vs -> {
        JsonObject o = new JsonObject();
        for (int i = 0; i < keys.size(); i++) o.put(keys.get(i), vs.get(i));
        return o;
      });
    });
    return Arbitraries.oneOf(object.map(JsonObject::encode), object.map(JsonObject::encode), object.map(JsonObject::encode),
        Arbitraries.of("", "[]", "null", "\"text\"", "{", "{\"text\":", "1"));
  }

  private static String encode(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The contract's operations under /api, with their parameters and body schemas resolved. */
  @SuppressWarnings("unchecked")
  private static List<Operation> operations() {
    Map<String, Object> contract;
    try {
      contract = new Yaml().load(Files.readString(Path.of("schema/api/openapi.yaml")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Operation> out = new ArrayList<>();
    Map<String, Object> paths = (Map<String, Object>) contract.get("paths");
    for (var path : paths.entrySet()) {
      if (!path.getKey().startsWith("/")) continue;
      Map<String, Object> item = (Map<String, Object>) path.getValue();
      for (String method : List.of("get", "post", "put", "patch", "delete")) {
        Map<String, Object> op = (Map<String, Object>) item.get(method);
        if (op == null) continue;
        List<Parameter> parameters = new ArrayList<>();
        List<Object> declared = new ArrayList<>();
        if (item.get("parameters") instanceof List<?> shared) declared.addAll(shared);
        if (op.get("parameters") instanceof List<?> own) declared.addAll(own);
        for (Object d : declared) {
          Map<String, Object> p = (Map<String, Object>) resolve(contract, d);
          parameters.add(new Parameter((String) p.get("name"), (String) p.get("in"), (Map<String, Object>) resolve(contract, p.get("schema"))));
        }
        Map<String, Object> body = null;
        if (op.get("requestBody") instanceof Map<?, ?> rb && ((Map<String, Object>) resolve(contract, rb)).get("content") instanceof Map<?, ?> content
            && content.get("application/json") instanceof Map<?, ?> json) {
          body = (Map<String, Object>) resolve(contract, ((Map<String, Object>) json).get("schema"));
          if (body != null && body.get("allOf") instanceof List<?> parts) { // the properties of each part, together
            Map<String, Object> merged = new LinkedHashMap<>();
            for (Object part : parts) {
              if (((Map<String, Object>) resolve(contract, part)).get("properties") instanceof Map<?, ?> props) merged.putAll((Map<String, Object>) props);
            }
            body = Map.of("type", "object", "properties", merged);
          }
        }
        out.add(new Operation(method.toUpperCase(), path.getKey(), parameters, body == null ? null : resolveProperties(contract, body)));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resolveProperties(Map<String, Object> contract, Map<String, Object> schema) {
    if (!(schema.get("properties") instanceof Map<?, ?> props)) return schema;
    Map<String, Object> resolved = new LinkedHashMap<>();
    for (var e : ((Map<String, Object>) props).entrySet()) resolved.put(e.getKey(), resolve(contract, e.getValue()));
    Map<String, Object> copy = new LinkedHashMap<>(schema);
    copy.put("properties", resolved);
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Object resolve(Map<String, Object> contract, Object node) {
    while (node instanceof Map<?, ?> m && m.get("$ref") instanceof String ref && ref.startsWith("#/")) {
      Object at = contract;
      for (String part : ref.substring(2).split("/")) at = ((Map<String, Object>) at).get(part);
      node = at;
    }
    return node;
  }
}
