package no.deling.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** People from the directory as users meet them: dev login, roles, people search, SCIM as Entra ID and Okta send it. */
class DirectoryApiTest {
  static final String SCIM = "scim-token-for-tests-0123456789";
  @TempDir Path dir;
  TestServer s;

  @AfterEach
  void stop() {
    if (s != null) s.close();
  }

  private String devLogin(JsonObject body) {
    Response r = s.post("/api/dev/login", null, body);
    assertThat(r.status()).as("dev login: %s", r.body()).isEqualTo(200);
    return r.json().getString("token");
  }

  private Response scim(HttpMethod method, String path, String token, JsonObject body) {
    return s.scim(method, path, token, body);
  }

  @Test
  void devLogin_recordsThePerson_soColleaguesCanFollowThemBeforeTheirFirstRequest() {
    s = TestServer.start(dir);
    devLogin(new JsonObject().put("user", "alice").put("name", "Alice").put("department", "Sales"));
    String bob = devLogin(new JsonObject().put("user", "bob").put("name", "Bob"));
    Response follow = s.put("/api/me/following/users/alice", bob, null);
    assertThat(follow.status()).as("%s", follow.body()).isEqualTo(200);
    assertThat(s.get("/api/users/alice", bob).json().getString("department")).isEqualTo("Sales");
  }

  @Test
  void roles_comeFromTheConfiguredClaim_andDevLoginAcceptsThem() {
    s = TestServer.start(dir, Map.of("DELING_ROLES_CLAIM", "realm_access.roles"));
    String nested = s.server.tokens().sign(new JsonObject().put("sub", "lea")
        .put("realm_access", new JsonObject().put("roles", new JsonArray().add("Leader").add("offline_access"))), 5);
    assertThat(s.get("/api/me", nested).json().getJsonArray("roles")).containsExactly("employee", "leader");
    String flat = s.server.tokens().sign(new JsonObject().put("sub", "flat").put("roles", new JsonArray().add("admin")), 5);
    assertThat(s.get("/api/me", flat).json().getJsonArray("roles")).as("the claim is read where configured").containsExactly("employee");
    String dev = devLogin(new JsonObject().put("user", "ada").put("roles", new JsonArray().add("admin").add("leader")));
    assertThat(s.get("/api/me", dev).json().getJsonArray("roles")).containsExactly("admin", "employee", "leader");
    Response bad = s.post("/api/dev/login", null, new JsonObject().put("user", "x").put("roles", new JsonArray().add("king")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getJsonArray("errors").getJsonObject(0).getString("field")).startsWith("roles");
  }

  @Test
  void aPersonsOlderToken_doesNotUndoWhatTheirNewerOneSaid_norWriteAnEventPerRequest() {
    s = TestServer.start(dir);
    long now = System.currentTimeMillis() / 1000;
    // the phone still holds this morning's token; the browser signed in again after a move to Sales with a new role
    String phone = s.server.tokens().sign(new JsonObject().put("sub", "lea").put("department", "Finance").put("iat", now - 3_600), 120);
    String browser = s.server.tokens().sign(new JsonObject().put("sub", "lea").put("department", "Sales")
        .put("roles", new JsonArray().add("leader")).put("iat", now - 60), 120);
    String bob = devLogin(new JsonObject().put("user", "bob"));
    assertThat(s.get("/api/me", phone).status()).isEqualTo(200);
    assertThat(s.get("/api/users/lea", bob).json().getString("department")).isEqualTo("Finance");
    assertThat(s.get("/api/me", browser).status()).isEqualTo(200);
    assertThat(s.get("/api/users/lea", bob).json().getString("department")).isEqualTo("Sales");
    for (int i = 0; i < 3; i++) {
      assertThat(s.get("/api/me", phone).json().getJsonArray("roles")).as("a token's own roles still decide what it may do").containsExactly("employee");
      assertThat(s.get("/api/me", browser).json().getJsonArray("roles")).containsExactly("employee", "leader");
    }
    assertThat(s.get("/api/users/lea", bob).json().getString("department")).as("the newer token's word stands").isEqualTo("Sales");
    List<JsonObject> recorded = s.events().stream().filter(e -> e.type().equals("UserProfileRecorded.v1"))
        .map(e -> new JsonObject(new String(e.data(), java.nio.charset.StandardCharsets.UTF_8))).filter(e -> "lea".equals(e.getString("userId"))).toList();
    assertThat(recorded).as("one event per token, not one per request").hasSize(2);
    assertThat(recorded.get(1).getString("tokenIssuedAt")).isEqualTo(java.time.Instant.ofEpochSecond(now - 60).toString());
    assertThat(no.deling.support.EventSchemas.problems(s.events())).isEmpty();
  }

  @Test
  void roles_asASpaceSeparatedString_andTheDefaultClaim() {
    s = TestServer.start(dir);
    String token = s.server.tokens().sign(new JsonObject().put("sub", "lea").put("roles", "leader admin"), 5);
    assertThat(s.get("/api/me", token).json().getJsonArray("roles")).containsExactly("admin", "employee", "leader");
  }

  @Test
  void peopleSearch_matchesWordPrefixes_ranksIdThenName_ignoresAccents_andFindsOnlyActivePeople() {
    s = TestServer.start(dir, Map.of("DELING_SCIM_TOKEN", SCIM));
    devLogin(new JsonObject().put("user", "kari").put("name", "Kari Nordmann").put("department", "Engineering").put("title", "Architect"));
    devLogin(new JsonObject().put("user", "jose").put("name", "José Álvarez").put("department", "Sales"));
    devLogin(new JsonObject().put("user", "anne.lise").put("name", "Anne-Lise Kristiansen").put("department", "Engineering"));
    devLogin(new JsonObject().put("user", "karin").put("name", "Karin Berg").put("department", "Finance"));
    String me = devLogin(new JsonObject().put("user", "viewer").put("name", "Viewer"));

    assertThat(ids(s.get("/api/people?q=kar", me))).containsExactly("kari", "karin");
    assertThat(ids(s.get("/api/people?q=kri", me))).as("a later word of the name").containsExactly("anne.lise");
    assertThat(ids(s.get("/api/people?q=eng", me))).as("department").containsExactly("anne.lise", "kari");
    assertThat(ids(s.get("/api/people?q=kari%20arch", me))).as("every word must match").containsExactly("kari");
    assertThat(ids(s.get("/api/people?q=ALVA", me))).as("case and accents are ignored").containsExactly("jose");
    assertThat(ids(s.get("/api/people?q=anne.l", me))).containsExactly("anne.lise");
    assertThat(ids(s.get("/api/people?q=k&limit=1", me))).containsExactly("kari");
    assertThat(ids(s.get("/api/people?q=zzz", me))).isEmpty();
    Response missing = s.get("/api/people", me);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("q");

    // deactivated in the directory: gone from search
    scim(HttpMethod.POST, "/Users", SCIM, new JsonObject().put("userName", "karin").put("displayName", "Karin Berg").put("active", false));
    assertThat(ids(s.get("/api/people?q=kar", me))).containsExactly("kari");
  }

  @Test
  void scim_acceptsEntraIdsPatch_withCapitalisedOpsAndStringBooleans() {
    s = TestServer.start(dir, Map.of("DELING_SCIM_TOKEN", SCIM));
    JsonObject user = new JsonObject().put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User"))
        .put("externalId", "0a21f0f2").put("userName", "kari").put("active", true).put("displayName", "Kari Nordmann")
        .put("emails", new JsonArray().add(new JsonObject().put("primary", true).put("type", "work").put("value", "kari@example.com")))
        .put("name", new JsonObject().put("formatted", "Kari Nordmann").put("familyName", "Nordmann").put("givenName", "Kari"))
        .put("preferredLanguage", "nb-NO");
    Response created = scim(HttpMethod.POST, "/Users", SCIM, user);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    assertThat(created.header("Content-Type")).startsWith("application/scim+json");
    assertThat(created.header("Location")).endsWith("/scim/v2/Users/kari");

    JsonObject patch = new JsonObject().put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray()
            .add(new JsonObject().put("op", "Replace").put("path", "title").put("value", "Principal Architect"))
            .add(new JsonObject().put("op", "Add").put("path", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department").put("value", "Engineering"))
            .add(new JsonObject().put("op", "Add").put("path", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager").put("value", "ola"))
            .add(new JsonObject().put("op", "Replace").put("path", "emails[type eq \"work\"].value").put("value", "kari.n@example.com"))
            .add(new JsonObject().put("op", "Add").put("path", "phoneNumbers[type eq \"work\"].value").put("value", "+47 1234"))
            .add(new JsonObject().put("op", "Replace").put("path", "active").put("value", "False")));
    Response patched = scim(HttpMethod.PATCH, "/Users/kari", SCIM, patch);
    assertThat(patched.status()).as("%s", patched.body()).isEqualTo(200);
    JsonObject r = patched.json();
    assertThat(r.getString("title")).isEqualTo("Principal Architect");
    assertThat(r.getBoolean("active")).isFalse();
    assertThat(r.getJsonArray("emails").getJsonObject(0).getString("value")).isEqualTo("kari.n@example.com");
    JsonObject ext = r.getJsonObject("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
    assertThat(ext.getString("department")).isEqualTo("Engineering");
    assertThat(ext.getJsonObject("manager").getString("value")).isEqualTo("ola");
    assertThat(s.get("/api/me", s.token("kari")).status()).isEqualTo(401);
  }

  @Test
  void scim_acceptsOktasPathlessReplace() {
    s = TestServer.start(dir, Map.of("DELING_SCIM_TOKEN", SCIM));
    scim(HttpMethod.POST, "/Users", SCIM, new JsonObject().put("userName", "ola").put("displayName", "Ola"));
    JsonObject patch = new JsonObject().put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray().add(new JsonObject().put("op", "replace").put("value", new JsonObject()
            .put("active", false).put("displayName", "Ola Nordmann")
            .put("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", new JsonObject().put("department", "Legal")))));
    JsonObject r = scim(HttpMethod.PATCH, "/Users/ola", SCIM, patch).json();
    assertThat(r.getString("displayName")).isEqualTo("Ola Nordmann");
    assertThat(r.getBoolean("active")).isFalse();
    assertThat(r.getJsonObject("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").getString("department")).isEqualTo("Legal");
  }

  @Test
  void scim_refusesBadTokensAndBadInput_inItsOwnErrorFormat_andChangesNothing() {
    s = TestServer.start(dir, Map.of("DELING_SCIM_TOKEN", SCIM));
    long head = s.head();
    for (String token : new String[] {null, "wrong", s.token("alice")}) {
      Response r = scim(HttpMethod.GET, "/Users", token, null);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.json().getJsonArray("schemas")).containsExactly("urn:ietf:params:scim:api:messages:2.0:Error");
      assertThat(r.json().getString("status")).isEqualTo("401");
    }
    Response notJson = s.call(HttpMethod.POST, "/scim/v2/Users", SCIM, "{nope", Map.of("Content-Type", "application/scim+json"));
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json().getString("scimType")).isEqualTo("invalidSyntax");
    Response control = scim(HttpMethod.POST, "/Users", SCIM, new JsonObject().put("userName", "eve").put("displayName", "Eve\u0007"));
    assertThat(control.status()).isEqualTo(400);
    assertThat(control.json().getString("scimType")).isEqualTo("invalidValue");
    assertThat(control.json().getString("detail")).contains("displayName");
    Response badPatch = scim(HttpMethod.PATCH, "/Users/eve", SCIM, new JsonObject().put("Operations", new JsonArray()));
    assertThat(badPatch.status()).isEqualTo(400);
    Response unknown = scim(HttpMethod.GET, "/Groups", SCIM, null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(s.head()).isEqualTo(head);
  }

  @Test
  void scim_isOff_whenNoTokenIsConfigured() {
    s = TestServer.start(dir);
    assertThat(s.get("/scim/v2/Users", "anything").status()).isEqualTo(404);
  }

  @Test
  void aDirectoryPerson_canBeFollowedMentionedAndEndorsed_beforeTheyEverLogIn() {
    s = TestServer.start(dir, Map.of("DELING_SCIM_TOKEN", SCIM));
    scim(HttpMethod.POST, "/Users", SCIM, new JsonObject().put("userName", "nils").put("displayName", "Nils Holm"));
    String bob = s.token("bob");
    assertThat(s.put("/api/me/following/users/nils", bob, null).status()).isEqualTo(200);
    assertThat(s.get("/api/users/nils", bob).json().getString("name")).isEqualTo("Nils Holm");
    // a token with fewer claims does not erase what the directory said, nor does a dev login without a name
    String nils = s.server.tokens().sign(new JsonObject().put("sub", "nils"), 5);
    assertThat(s.get("/api/me", nils).json().getString("name")).isEqualTo("Nils Holm");
    String devNils = devLogin(new JsonObject().put("user", "nils"));
    assertThat(s.get("/api/me", devNils).json().getString("name")).isEqualTo("Nils Holm");
  }

  private static List<String> ids(Response r) {
    assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    return r.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }
}
