package no.deling.groups;

import static no.deling.support.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.deling.support.StoppedLog;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;
import no.deling.users.UserEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group whose last active owner leaves the organisation is not left without anyone to run it:
 * the active member who has been in it longest becomes an owner — after a SCIM deactivation or
 * deletion, after an erasure, and at the next start when a crash came in between.
 */
class OwnerSuccessionApiTest {
  static final String SCIM = "scim-token-for-tests-0123456789";
  @TempDir Path dir;
  TestServer s;

  @AfterEach
  void stop() {
    if (s != null) s.close();
  }

  private TestServer start() {
    return TestServer.start(dir, Map.of("DELING_SCIM_TOKEN", SCIM));
  }

  private Response scim(HttpMethod method, String path, JsonObject body) {
    return s.scim(method, path, SCIM, body);
  }

  private void provision(String user) {
    assertThat(scim(HttpMethod.POST, "/Users", new JsonObject().put("userName", user).put("displayName", user)).status()).isEqualTo(201);
  }

  /** olga owns a private group; then dave asks to join, bob and carol join in that order, erin asks to join. */
  private String group() {
    for (String u : List.of("olga", "bob", "carol", "erin")) s.get("/api/me", s.token(u)); // known to the directory, as after a login
    String g = s.post("/api/groups", s.token("olga"), new JsonObject().put("name", "Night shift").put("access", "private")).json().getString("id");
    for (String u : List.of("bob", "carol")) {
      s.put("/api/groups/" + g + "/members/" + u, s.token("olga"), null);
      assertThat(s.put("/api/groups/" + g + "/members/" + u, s.token(u), null).json().getString("role")).isEqualTo("member");
    }
    assertThat(s.post("/api/groups/" + g + "/requests", s.token("erin"), null).status()).isIn(200, 201);
    return g;
  }

  private Map<String, String> roles(String g, String viewer) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Object o : s.get("/api/groups/" + g + "/members", s.token(viewer)).json().getJsonArray("items")) {
      JsonObject m = (JsonObject) o;
      out.put(m.getJsonObject("user").getString("id"), m.getString("role"));
    }
    return out;
  }

  private long passed() {
    return s.events().stream().filter(e -> e.type().equals("GroupOwnershipPassed.v1")).count();
  }

  @Test
  void theDirectoryDeactivatesTheOnlyOwner_theMemberInTheGroupLongestRunsItNow() {
    s = start();
    provision("olga");
    String g = group();
    Response off = scim(HttpMethod.PATCH, "/Users/olga", new JsonObject().put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray().add(new JsonObject().put("op", "replace").put("path", "active").put("value", false))));
    assertThat(off.status()).as("%s", off.body()).isEqualTo(200);
    assertThat(roles(g, "bob")).containsEntry("bob", "owner").containsEntry("carol", "member").containsEntry("olga", "owner");
    assertThat(passed()).isEqualTo(1);
    JsonObject told = s.notificationsOf(s.token("bob"), "group.ownership").getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(n -> n.getString("kind").equals("group.ownership")).findFirst().orElseThrow();
    assertThat(told.getJsonObject("group").getString("id")).isEqualTo(g);
    assertThat(told.getJsonArray("from").getJsonObject(0).getString("id")).isEqualTo("olga");
    // and bob can run it: erin's request is approved
    assertThat(s.put("/api/groups/" + g + "/members/erin", s.token("bob"), null).json().getString("role")).isEqualTo("member");

    // the directory says more about olga: nothing more passes
    scim(HttpMethod.PATCH, "/Users/olga", new JsonObject().put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray().add(new JsonObject().put("op", "replace").put("path", "title").put("value", "Retired"))));
    assertThat(passed()).isEqualTo(1);
  }

  @Test
  void anotherActiveOwner_keepsTheGroupAsItIs() {
    s = start();
    provision("olga");
    String g = group();
    assertThat(s.put("/api/groups/" + g + "/members/carol", s.token("olga"), new JsonObject().put("role", "owner")).status()).isEqualTo(200);
    assertThat(scim(HttpMethod.DELETE, "/Users/olga", null).status()).isEqualTo(204);
    assertThat(roles(g, "bob")).containsEntry("bob", "member").containsEntry("carol", "owner");
    assertThat(passed()).isZero();
  }

  @Test
  void anAdminErasesTheOnlyOwner_theGroupPassesOnToo() {
    s = start();
    String g = group();
    String root = s.post("/api/dev/login", null, new JsonObject().put("user", "root").put("roles", new JsonArray().add("admin"))).json().getString("token");
    assertThat(s.delete("/api/users/olga", root).status()).isEqualTo(200);
    assertThat(roles(g, "carol")).containsEntry("bob", "owner");
  }

  @Test
  void aCrashBetweenTheDeactivationAndTheSuccession_isMadeGoodAtTheNextStart() {
    s = start();
    String g = group();
    s.close();
    s = null;
    // the directory's word was stored, and the server died before it passed the group on
    StoppedLog.append(dir, List.of(Map.entry(UserEvent.stream("olga"), new UserEvent.PersonDeactivated("olga", Instant.now()))));
    s = start();
    until(() -> "owner".equals(roles(g, "bob").get("bob")), java.time.Duration.ofSeconds(10), "bob to own the group");
    assertThat(passed()).isEqualTo(1);
  }
}
