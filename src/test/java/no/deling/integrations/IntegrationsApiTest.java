package no.deling.integrations;

import static no.deling.support.TestServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import no.deling.support.ServerPerClass;
import no.deling.support.StreamClient;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A group's owners connect project tools that post into the group, through a real HTTP client and a WebSocket. */
class IntegrationsApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;

  private static TestServer.Response hook(TestServer t, String id, String secret, Object body) {
    return t.call(HttpMethod.POST, "/hooks/" + id, secret, body, Map.of());
  }

  private static List<String> ids(TestServer.Response r) {
    return r.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  @Test
  void anOwnersIntegration_postsIntoItsPrivateGroup_asItself_liveToMembers_andToNobodyElse() {
    String owner = s.token("int-owner");
    String member = s.token("int-member");
    String outsider = s.token("int-outsider");
    s.get("/api/me", outsider);
    String g = s.privateGroup(owner, "Payments team");
    s.invite(g, owner, "int-member", member);

    TestServer.Response created = s.post("/api/groups/" + g + "/integrations", owner, new JsonObject().put("name", " CI builds "));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    JsonObject integration = created.json();
    String id = integration.getString("id");
    String secret = integration.getString("secret");
    assertThat(integration.getString("name")).isEqualTo("CI builds");
    assertThat(integration.getString("author")).isEqualTo("app." + id);
    assertThat(secret).startsWith("dlg_").hasSizeGreaterThan(40);
    assertThat(integration.getString("url")).endsWith("/hooks/" + id + "/" + secret);
    assertThat(s.events()).as("only the secret's digest is stored")
        .noneMatch(e -> new String(e.data(), StandardCharsets.UTF_8).contains(secret))
        .anyMatch(e -> new String(e.data(), StandardCharsets.UTF_8).contains(Integrations.sha256(secret)));

    try (StreamClient ws = StreamClient.connect(s.vertx, s.server.port(), member)) {
      ws.subscribe(new JsonObject().put("stream", "home"));
      TestServer.Response posted = hook(s, id, secret, new JsonObject().put("text", "Build 1234 of #payments failed, @int-member").put("username", "ignored"));
      assertThat(posted.status()).as(posted.body().toString()).isEqualTo(201);
      String post = posted.json().getString("id");
      JsonObject live = ws.next(m -> "update".equals(m.getString("type")) && post.equals(m.getJsonObject("post").getString("id")));
      assertThat(live.getJsonObject("post").getJsonObject("author").getMap())
          .containsEntry("id", "app." + id).containsEntry("name", "CI builds").containsEntry("app", true);

      JsonObject seen = s.get("/api/posts/" + post, member).json();
      assertThat(seen.getString("group")).isEqualTo(g);
      assertThat(seen.getJsonObject("author").getBoolean("app")).isTrue();
      assertThat(ids(s.get("/api/groups/" + g + "/posts", member))).contains(post);
      assertThat(s.get("/api/posts/" + post, outsider).status()).as("a private group's post, to an outsider").isEqualTo(404);
      assertThat(ids(s.get("/api/topics/payments/posts", outsider))).doesNotContain(post);
      // notifications are handed over on their own thread, a moment after the post is applied
      JsonObject mention = s.notificationsOf(member, "mention").getJsonArray("items").stream().map(o -> (JsonObject) o)
          .filter(n -> post.equals(n.getString("post"))).findFirst().orElseThrow();
      assertThat(mention.getJsonArray("from").getJsonObject(0).getMap()).containsEntry("name", "CI builds").containsEntry("app", true);

      TestServer.Response byUrl = s.call(HttpMethod.POST, "/hooks/" + id + "/" + secret, null, new JsonObject().put("text", "Deployed 1234"), Map.of());
      assertThat(byUrl.status()).as("a tool that takes only a URL: %s", byUrl.body()).isEqualTo(201);
    }

    List<JsonObject> listed = s.get("/api/groups/" + g + "/integrations", owner).json().getJsonArray("items").stream().map(o -> (JsonObject) o).toList();
    assertThat(listed).singleElement().satisfies(i -> {
      assertThat(i.getString("id")).isEqualTo(id);
      assertThat(i.getJsonObject("createdBy").getString("id")).isEqualTo("int-owner");
      assertThat(i.containsKey("secret")).as("never shown again").isFalse();
      assertThat(i.getInteger("posts")).isEqualTo(2);
      assertThat(i.getString("lastPostAt")).isNotNull();
    });
    assertThat(s.get("/api/groups/" + g + "/integrations", member).status()).as("owners only").isEqualTo(403);
    assertThat(s.get("/api/groups/" + g + "/integrations", outsider).status()).as("a private group is not named").isEqualTo(404);
    assertThat(s.post("/api/groups/" + g + "/integrations", member, new JsonObject().put("name", "Mine")).status()).isEqualTo(403);
    assertThat(s.post("/api/groups/" + g + "/integrations", outsider, new JsonObject().put("name", "Mine")).status()).isEqualTo(404);
  }

  @Test
  void aWrongSecret_aRevokedIntegration_andAnArchivedGroup_postNothing() {
    String owner = s.token("int-owner2");
    String g = s.openGroup(owner, "Release train");
    JsonObject integration = s.post("/api/groups/" + g + "/integrations", owner, new JsonObject().put("name", "Monitoring")).json();
    String id = integration.getString("id");
    String secret = integration.getString("secret");
    String kept = hook(s, id, secret, new JsonObject().put("text", "Disk at 91% on db-3")).json().getString("id");

    long head = s.head();
    assertThat(hook(s, id, secret + "x", new JsonObject().put("text", "forged")).status()).isEqualTo(401);
    assertThat(hook(s, id, null, new JsonObject().put("text", "no secret")).status()).isEqualTo(401);
    assertThat(hook(s, "0384036914845450999", secret, new JsonObject().put("text", "unknown")).status()).isEqualTo(401);
    assertThat(s.call(HttpMethod.POST, "/hooks/" + id + "/wrong", null, new JsonObject().put("text", "forged"), Map.of()).status()).isEqualTo(401);
    assertThat(s.call(HttpMethod.POST, "/hooks/" + id, s.token("int-owner2"), new JsonObject().put("text", "a person's token"), Map.of()).status())
        .as("a person's token is not the integration's secret").isEqualTo(401);
    assertProblem(hook(s, id, secret, new JsonObject().put("nottext", "x")), 422, "text", "not-blank");
    assertThat(hook(s, id, secret, new JsonObject().put("text", 42)).status()).isEqualTo(400);
    assertProblem(hook(s, id, secret, new JsonObject().put("text", "   ")), 422, "text", "not-blank");
    assertThat(s.head()).as("refused: nothing written").isEqualTo(head);

    TestServer.Response alert = hook(s, id, secret, new JsonObject("""
        {"username":"Alertmanager","attachments":[{"title":"[FIRING:1] DiskFull db-3","title_link":"https://alerts.example.org/","text":"Disk at 91%"}]}"""));
    assertThat(alert.status()).as("a tool that sends only attachments: %s", alert.body()).isEqualTo(201);
    assertThat(alert.json().getJsonObject("post").getString("text")).isEqualTo("[FIRING:1] DiskFull db-3 https://alerts.example.org/\nDisk at 91%");

    TestServer.Response first = s.call(HttpMethod.POST, "/hooks/" + id, secret, new JsonObject().put("text", "Retried alert"), Map.of("Idempotency-Key", "alert-7"));
    TestServer.Response again = s.call(HttpMethod.POST, "/hooks/" + id, secret, new JsonObject().put("text", "Retried alert"), Map.of("Idempotency-Key", "alert-7"));
    assertThat(again.json().getString("id")).as("a retried delivery posts once").isEqualTo(first.json().getString("id"));

    assertProblem(s.post("/api/groups/" + g + "/integrations", owner, new JsonObject().put("name", "")), 422, "name", "integration-name");
    JsonObject revoked = s.delete("/api/groups/" + g + "/integrations/" + id, owner).json();
    assertThat(revoked.getString("revokedAt")).isNotNull();
    assertThat(s.delete("/api/groups/" + g + "/integrations/" + id, owner).status()).as("revoking twice").isEqualTo(200);
    assertThat(hook(s, id, secret, new JsonObject().put("text", "after revoking")).status()).isEqualTo(401);
    assertThat(s.get("/api/posts/" + kept, s.token("int-reader")).status()).as("what it posted stays").isEqualTo(200);

    JsonObject other = s.post("/api/groups/" + g + "/integrations", owner, new JsonObject().put("name", "Calendar")).json();
    assertThat(s.post("/api/groups/" + g + "/archive", owner, null).status()).isEqualTo(200);
    assertThat(hook(s, other.getString("id"), other.getString("secret"), new JsonObject().put("text", "into an archive")).status()).isEqualTo(403);
  }

  @Test
  void anOwnerGivesALeakedSecretsIntegrationANewOne_theOldOpensNothingAtOnce_andTheToolKeepsItsNameAndPosts() {
    String owner = s.token("int-rotator");
    String member = s.token("int-rot-member");
    String g = s.openGroup(owner, "Payments");
    s.invite(g, owner, "int-rot-member", member);
    JsonObject created = s.post("/api/groups/" + g + "/integrations", owner, new JsonObject().put("name", "CI builds")).json();
    String id = created.getString("id");
    String leaked = created.getString("secret");
    String before = hook(s, id, leaked, new JsonObject().put("text", "Build 1 passed")).json().getString("id");

    TestServer.Response rotated = s.post("/api/groups/" + g + "/integrations/" + id + "/secret", owner, null);
    assertThat(rotated.status()).as(rotated.body().toString()).isEqualTo(200);
    String secret = rotated.json().getString("secret");
    assertThat(secret).startsWith("dlg_").isNotEqualTo(leaked);
    assertThat(rotated.json().getString("url")).endsWith("/hooks/" + id + "/" + secret);
    assertThat(rotated.json().getMap()).containsEntry("id", id).containsEntry("name", "CI builds").containsEntry("author", "app." + id)
        .containsEntry("posts", 1).containsKey("secretSetAt");

    long head = s.head();
    assertThat(hook(s, id, leaked, new JsonObject().put("text", "forged with the leaked secret")).status()).isEqualTo(401);
    assertThat(s.call(HttpMethod.POST, "/hooks/" + id + "/" + leaked, null, new JsonObject().put("text", "by URL"), Map.of()).status()).isEqualTo(401);
    assertThat(s.head()).as("the old secret wrote nothing").isEqualTo(head);
    JsonObject after = hook(s, id, secret, new JsonObject().put("text", "Build 2 passed")).json();
    assertThat(after.getJsonObject("post").getJsonObject("author").getString("id")).as("the same tool").isEqualTo("app." + id);
    assertThat(s.call(HttpMethod.POST, "/hooks/" + id + "/" + secret, null, new JsonObject().put("text", "Build 3 passed"), Map.of()).status()).isEqualTo(201);
    assertThat(s.get("/api/posts/" + before, member).status()).isEqualTo(200);
    JsonObject listed = s.get("/api/groups/" + g + "/integrations", owner).json().getJsonArray("items").getJsonObject(0);
    assertThat(listed.getMap()).containsEntry("posts", 3).containsKey("secretSetAt").doesNotContainKeys("secret", "url", "secretSha256");

    assertThat(s.post("/api/groups/" + g + "/integrations/" + id + "/secret", member, null).status()).as("a member").isEqualTo(403);
    String other = s.openGroup(member, "Member's own");
    assertThat(s.post("/api/groups/" + other + "/integrations/" + id + "/secret", member, null).status()).as("through another group").isEqualTo(404);
    assertThat(hook(s, id, secret, new JsonObject().put("text", "still mine")).status()).as("refusals changed nothing").isEqualTo(201);

    s.delete("/api/groups/" + g + "/integrations/" + id, owner);
    head = s.head();
    TestServer.Response revived = s.post("/api/groups/" + g + "/integrations/" + id + "/secret", owner, null);
    assertThat(revived.status()).as("a revoked integration is not revived by a new secret").isEqualTo(409);
    assertThat(revived.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(s.head()).isEqualTo(head);
    assertThat(hook(s, id, secret, new JsonObject().put("text", "after revoking")).status()).isEqualTo(401);
  }

  @Test
  void nobodyLogsInAsAnIntegration() {
    assertProblem(s.post("/api/dev/login", null, new JsonObject().put("user", "app.0384036914845450300")), 400, "user", "not-reserved");
    assertProblem(s.post("/api/dev/login", null, new JsonObject().put("user", "deling")), 400, "user", "not-reserved");
    assertThat(s.get("/api/me", s.token("deling")).status()).as("nor as the server itself").isEqualTo(401);
    String forged = s.token("app.0384036914845450300");
    assertThat(s.get("/api/me", forged).status()).as("a token whose subject is an integration's id").isEqualTo(401);
  }

  @Test
  void anIntegration_isNoExpert_andNotInThePulse() {
    String owner = s.token("int-owner3", "Owner Three", "Platform");
    String g = s.openGroup(owner, "Platform news");
    JsonObject integration = s.post("/api/groups/" + g + "/integrations", owner, new JsonObject().put("name", "Release bot")).json();
    String post = hook(s, integration.getString("id"), integration.getString("secret"), new JsonObject().put("text", "Released #zebrafish 2.0"))
        .json().getString("id");
    s.put("/api/posts/" + post + "/endorsement", owner, null);
    List<String> experts = s.get("/api/experts?topic=zebrafish", owner).json().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getJsonObject("user").getString("id")).toList();
    assertThat(experts).doesNotContain(integration.getString("author"));
  }

  @Test
  void integrationsWork_andStayRevoked_afterARestartAndAReplay() throws Exception {
    String[] made = new String[5];
    int[] checks = {0};
    no.deling.support.ModelRuns.playThenCheckThrice("deling-integrations", Map.of("DELING_WRITE_RATE", "0"), t -> {
      String owner = t.token("r-owner");
      String g = t.openGroup(owner, "Ops");
      JsonObject live = t.post("/api/groups/" + g + "/integrations", owner, new JsonObject().put("name", "Pager")).json();
      JsonObject gone = t.post("/api/groups/" + g + "/integrations", owner, new JsonObject().put("name", "Old CI")).json();
      t.delete("/api/groups/" + g + "/integrations/" + gone.getString("id"), owner);
      made[0] = live.getString("id");
      made[1] = live.getString("secret");
      made[2] = gone.getString("id");
      made[3] = gone.getString("secret");
      made[4] = g;
    }, (t, when) -> {
      TestServer.Response r = hook(t, made[0], made[1], new JsonObject().put("text", "Paged: " + when));
      assertThat(r.status()).as(when).isEqualTo(201);
      assertThat(t.get("/api/posts/" + r.json().getString("id"), t.token("r-reader")).json().getJsonObject("author").getString("name")).as(when)
          .isEqualTo("Pager");
      assertThat(hook(t, made[2], made[3], new JsonObject().put("text", "revoked")).status()).as(when).isEqualTo(401);
      checks[0]++;
      JsonObject pager = t.get("/api/groups/" + made[4] + "/integrations", t.token("r-owner")).json().getJsonArray("items").getJsonObject(0);
      assertThat(pager.getInteger("posts")).as("%s: each post counted once, none twice after a restart", when).isEqualTo(checks[0]);
    });
  }
}
