package no.deling.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.Manager;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.types.UserResource;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.deling.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SCIM provisioning driven by UnboundID's SCIM 2 SDK client, as an identity provider would drive it. */
class ScimClientTest {
  static final String SCIM_TOKEN = "scim-token-for-tests-0123456789";
  @TempDir Path dir;
  TestServer s;
  Client client;
  ScimService scim;

  @BeforeEach
  void start() {
    s = TestServer.start(dir, Map.of("DELING_SCIM_TOKEN", SCIM_TOKEN));
    // Jersey's default connector (HttpURLConnection) cannot send PATCH on Java 17; Apache HttpClient 5 can
    client = ClientBuilder.newClient(new org.glassfish.jersey.client.ClientConfig()
        .connectorProvider(new org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider())).register((ClientRequestFilter) request ->
        request.getHeaders().putSingle("Authorization", "Bearer " + SCIM_TOKEN));
    scim = new ScimService(client.target("http://localhost:" + s.server.port() + "/scim/v2"));
  }

  @AfterEach
  void stop() {
    client.close();
    s.close();
  }

  static UserResource person(String id, String name, String department) {
    UserResource u = new UserResource().setUserName(id).setDisplayName(name)
        .setName(new Name().setGivenName(name.split(" ")[0]).setFamilyName(name.split(" ")[1]))
        .setEmails(List.of(new Email().setValue(id + "@example.com").setType("work").setPrimary(true)))
        .setTitle("Engineer").setActive(true);
    u.setExternalId("ext-" + id);
    u.setExtension(new EnterpriseUserExtension().setDepartment(department));
    return u;
  }

  @Test
  void discovery_describesPatchFilterAndTheUserSchemaWithTheEnterpriseExtension() throws ScimException {
    var config = scim.getServiceProviderConfig();
    assertThat(config.getPatch().isSupported()).isTrue();
    assertThat(config.getFilter().isSupported()).isTrue();
    assertThat(config.getBulk().isSupported()).isFalse();
    ListResponse<ResourceTypeResource> types = scim.getResourceTypes();
    assertThat(types.getResources()).extracting(ResourceTypeResource::getName).containsExactly("User");
    ListResponse<SchemaResource> schemas = scim.getSchemas();
    assertThat(schemas.getResources()).extracting(SchemaResource::getId)
        .contains("urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
    assertThat(scim.getSchema("urn:ietf:params:scim:schemas:core:2.0:User").getAttributes()).extracting(a -> a.getName())
        .contains("userName", "displayName", "active", "title", "emails");
  }

  @Test
  void create_get_filter_page_replace_patch_delete() throws Exception {
    UserResource created = scim.create("Users", person("alice", "Alice Berg", "Sales"));
    assertThat(created.getId()).isEqualTo("alice");
    assertThat(created.getMeta().getLocation().toString()).endsWith("/scim/v2/Users/alice");
    assertThat(created.getExtension(EnterpriseUserExtension.class).getDepartment()).isEqualTo("Sales");
    for (String id : new String[] {"bob", "carol", "dave"}) scim.create("Users", person(id, id.substring(0, 1).toUpperCase() + id.substring(1) + " Hansen", "Engineering"));

    // the same userName again: SCIM's uniqueness error
    assertThatThrownBy(() -> scim.create("Users", person("alice", "Alice Again", "Sales")))
        .isInstanceOfSatisfying(ScimException.class, e -> {
          assertThat(e.getScimError().getStatus()).isEqualTo(409);
          assertThat(e.getScimError().getScimType()).isEqualTo("uniqueness");
        });

    // identity providers look a user up by userName before creating it; comparisons ignore case
    assertThat(scim.searchRequest("Users").filter("userName eq \"ALICE\"").invoke(UserResource.class).getResources())
        .extracting(UserResource::getId).containsExactly("alice");
    assertThat(scim.searchRequest("Users").filter("userName eq \"nobody\"").invoke(UserResource.class).getTotalResults()).isZero();
    assertThat(scim.searchRequest("Users").filter("externalId eq \"ext-bob\" or emails.value eq \"carol@example.com\"")
        .invoke(UserResource.class).getResources()).extracting(UserResource::getId).containsExactly("bob", "carol");
    ListResponse<UserResource> page = scim.searchRequest("Users").page(2, 2).invoke(UserResource.class);
    assertThat(page.getTotalResults()).isEqualTo(4);
    assertThat(page.getStartIndex()).isEqualTo(2);
    assertThat(page.getResources()).extracting(UserResource::getId).containsExactly("bob", "carol");

    // PUT replaces the entry
    UserResource alice = scim.retrieve("Users", "alice", UserResource.class);
    alice.setTitle("Head of Sales");
    alice.setExtension(new EnterpriseUserExtension().setDepartment("Sales").setManager(new Manager().setValue("bob")));
    UserResource replaced = scim.replace(alice);
    assertThat(replaced.getTitle()).isEqualTo("Head of Sales");
    assertThat(replaced.getExtension(EnterpriseUserExtension.class).getManager().getValue()).isEqualTo("bob");

    // PATCH changes attributes one by one, the enterprise department among them
    UserResource patched = scim.modifyRequest("Users", "alice")
        .replaceValue("displayName", "Alice Berg-Nilsen")
        .replaceValue("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "Marketing")
        .invoke(UserResource.class);
    assertThat(patched.getDisplayName()).isEqualTo("Alice Berg-Nilsen");
    assertThat(patched.getExtension(EnterpriseUserExtension.class).getDepartment()).isEqualTo("Marketing");
    JsonObject profile = s.get("/api/users/alice", s.token("bob")).json();
    assertThat(profile.getString("name")).isEqualTo("Alice Berg-Nilsen");
    assertThat(profile.getString("department")).isEqualTo("Marketing");
    assertThat(profile.getString("title")).isEqualTo("Head of Sales");
    assertThat(profile.getJsonObject("manager").getString("id")).isEqualTo("bob");
    assertThat(s.get("/api/users/bob", s.token("carol")).json().getJsonArray("reports").stream().map(o -> ((JsonObject) o).getString("id")))
        .as("the org chart one step down").containsExactly("alice");

    // DELETE: gone from SCIM, and a former colleague in Deling (no longer among anyone's reports)
    scim.modifyRequest("Users", "dave").replaceValue("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "bob")
        .invoke(UserResource.class);
    assertThat(s.get("/api/users/bob", s.token("carol")).json().getJsonArray("reports").stream().map(o -> ((JsonObject) o).getString("id")))
        .containsExactly("alice", "dave");
    scim.delete("Users", "dave");
    assertThat(s.get("/api/users/bob", s.token("carol")).json().getJsonArray("reports").stream().map(o -> ((JsonObject) o).getString("id")))
        .containsExactly("alice");
    assertThatThrownBy(() -> scim.retrieve("Users", "dave", UserResource.class))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.getScimError().getStatus()).isEqualTo(404));
    assertThat(s.get("/api/me", s.token("dave")).status()).isEqualTo(401);
    assertThat(s.get("/api/users/dave", s.token("bob")).json().getBoolean("former")).isTrue();
    assertThat(scim.searchRequest("Users").invoke(UserResource.class).getTotalResults()).isEqualTo(3);
  }

  @Test
  void deactivation_refusesLogin_hidesFromSearch_andKeepsPostsAsAFormerColleague() throws Exception {
    scim.create("Users", person("alice", "Alice Berg", "Sales"));
    scim.create("Users", person("bob", "Bob Hansen", "Engineering"));
    String aliceToken = s.token("alice");
    String post = s.publish(aliceToken, "What I learned about #pricing");
    assertThat(s.get("/api/people?q=ali", s.token("bob")).json().getJsonArray("items")).hasSize(1);

    no.deling.support.StreamClient socket = no.deling.support.StreamClient.connect(s.vertx, s.server.port(), aliceToken);
    socket.subscribe(new JsonObject().put("stream", "home"));

    UserResource off = scim.modifyRequest("Users", "alice").replaceValue("active", false).invoke(UserResource.class);
    assertThat(off.getActive()).isFalse();
    assertThat(socket.closed.get(5, java.util.concurrent.TimeUnit.SECONDS)).as("an open socket is closed at once").isEqualTo("4003 access_revoked");
    socket.close();
    assertThatThrownBy(() -> no.deling.support.StreamClient.connect(s.vertx, s.server.port(), aliceToken)).as("and cannot reconnect");

    assertThat(s.get("/api/me", aliceToken).status()).as("a token issued before deactivation").isEqualTo(401);
    assertThat(s.post("/api/dev/login", null, new JsonObject().put("user", "alice")).status()).isEqualTo(401);
    assertThat(s.get("/api/people?q=ali", s.token("bob")).json().getJsonArray("items")).isEmpty();
    JsonObject kept = s.get("/api/posts/" + post, s.token("bob")).json();
    assertThat(kept.getString("text")).isEqualTo("What I learned about #pricing");
    assertThat(kept.getJsonObject("author").getBoolean("former")).isTrue();

    scim.modifyRequest("Users", "alice").replaceValue("active", true).invoke(UserResource.class);
    assertThat(s.get("/api/me", aliceToken).status()).isEqualTo(200);
    assertThat(s.get("/api/posts/" + post, s.token("bob")).json().getJsonObject("author").containsKey("former")).isFalse();
  }

  @Test
  void aFileUploadedToScim_isRefused_andNothingIsWrittenToDisk() throws Exception {
    java.nio.file.Path uploads = java.nio.file.Path.of(io.vertx.ext.web.handler.BodyHandler.DEFAULT_UPLOADS_DIRECTORY);
    long before = filesIn(uploads);
    String boundary = "deling-test-boundary";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + "x".repeat(10_000) + "\r\n--" + boundary + "--\r\n";
    TestServer.Response r = s.call(io.vertx.core.http.HttpMethod.POST, "/scim/v2/Users", SCIM_TOKEN, io.vertx.core.buffer.Buffer.buffer(body),
        Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(415);
    assertThat(r.json().getString("detail")).isNotBlank();
    assertThat(filesIn(uploads)).as("files in %s", uploads.toAbsolutePath()).isEqualTo(before);
  }

  private static long filesIn(java.nio.file.Path dir) throws java.io.IOException {
    if (!java.nio.file.Files.isDirectory(dir)) return 0;
    try (var files = java.nio.file.Files.list(dir)) {
      return files.count();
    }
  }

  @Test
  void refusals_areScimErrors() {
    assertThatThrownBy(() -> scim.create("Users", person("alice@example.com", "Alice Berg", "Sales")))
        .isInstanceOfSatisfying(ScimException.class, e -> {
          assertThat(e.getScimError().getStatus()).isEqualTo(400);
          assertThat(e.getScimError().getScimType()).isEqualTo("invalidValue");
          assertThat(e.getScimError().getDetail()).contains("userName");
        });
    assertThatThrownBy(() -> scim.searchRequest("Users").filter("userName zz \"a\"").invoke(UserResource.class))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.getScimError().getScimType()).isEqualTo("invalidFilter"));
    assertThatThrownBy(() -> scim.modifyRequest("Users", "nobody").replaceValue("active", false).invoke(UserResource.class))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.getScimError().getStatus()).isEqualTo(404));
  }
}
