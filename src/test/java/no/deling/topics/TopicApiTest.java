package no.deling.topics;

import static no.deling.support.TestServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import no.deling.support.ServerPerClass;
import no.deling.support.StreamClient;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Topics looked after by their owners, through a real HTTP client and a real WebSocket. */
class TopicApiTest {
  static final String SCIM = "scim-token-for-topic-tests-0123456789";
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.with(Map.of("DELING_SCIM_TOKEN", SCIM));
  static TestServer s;

  private static String admin(TestServer t, String user) {
    return t.server.tokens().sign(new JsonObject().put("sub", user).put("name", "Admin " + user).put("roles", new JsonArray().add("admin")), 60);
  }

  private static List<String> ids(JsonArray posts) {
    return posts.stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  private static List<String> ownerIds(JsonObject about) {
    return about.getJsonArray("owners").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  private static List<String> offerIds(JsonArray offers) {
    return offers.stream().map(o -> ((JsonObject) o).getJsonObject("user").getString("id")).toList();
  }

  @Test
  void colleaguesOfferToLookAfterATopic_anAdminSeesTheOffers_appointsOne_andDeclinesAnother_whoIsTold() {
    String admin = admin(s, "o-admin");
    String ada = s.token("o-ada", "Ada Lind", "Platform");
    String ben = s.token("o-ben", "Ben Berg", "Sales");
    String reader = s.token("o-reader");
    for (String t : List.of(admin, ada, ben, reader)) s.get("/api/me", t);

    JsonObject page = s.get("/api/topics/terraform", ada).json();
    assertThat(page.getValue("offered")).as("no offer of mine yet").isNull();
    assertThat(page.containsKey("offers")).as("only an admin sees everyone's offers").isFalse();
    assertThat(s.put("/api/topics/terraform/offers/o-ben", ada, new JsonObject()).status()).as("one offers as oneself").isEqualTo(403);
    assertProblem(s.put("/api/topics/terraform/offers/o-ada", ada, new JsonObject().put("note", "x".repeat(281))), 422, "note", "maxLength");
    JsonObject offered = s.put("/api/topics/terraform/offers/o-ada", ada, new JsonObject().put("note", " I wrote our modules ")).json();
    assertThat(offered.getJsonObject("offered").getString("note")).isEqualTo("I wrote our modules");
    assertThat(offered.containsKey("offers")).isFalse();
    assertThat(s.put("/api/topics/terraform/offers/o-ben", ben, null).status()).as("a note is not needed").isEqualTo(200);
    long events = s.events().size();
    s.put("/api/topics/terraform/offers/o-ada", ada, new JsonObject().put("note", "I wrote our modules"));
    assertThat(s.events()).as("offered again with the same note: nothing new").hasSize((int) events);

    // Ben's answer on the topic was accepted: the admin sees where each stands among those who know it
    String question = s.post("/api/posts", reader, new JsonObject().put("text", "How do we lock state? #terraform").put("kind", "question"))
        .json().getString("id");
    s.put("/api/posts/" + question + "/accepted-answer", reader, new JsonObject().put("answer", s.reply(ben, question, "With a lock table")));
    JsonObject seen = s.get("/api/topics/terraform", admin).json();
    assertThat(offerIds(seen.getJsonArray("offers"))).as("the oldest offer first").containsExactly("o-ada", "o-ben");
    assertThat(seen.getJsonArray("offers").getJsonObject(0).containsKey("knows")).as("no evidence of Ada's yet").isFalse();
    JsonObject knows = seen.getJsonArray("offers").getJsonObject(1).getJsonObject("knows");
    assertThat(knows.getInteger("rank")).isEqualTo(1);
    assertThat(knows.getInteger("of")).isEqualTo(1);
    assertThat(knows.getJsonObject("evidence").getInteger("acceptedAnswers")).isEqualTo(1);
    assertThat(seen.getJsonArray("offers").getJsonObject(0).getJsonObject("user").getString("name")).isEqualTo("Ada Lind");
    assertThat(seen.getJsonArray("offers").getJsonObject(0).getString("note")).isEqualTo("I wrote our modules");
    assertThat(seen.getJsonArray("offers").getJsonObject(1).getValue("note")).isNull();
    assertThat(s.get("/api/topics?offered=true", reader).status()).as("the queue of offers is the admins'").isEqualTo(403);
    assertThat(s.put("/api/topics/pulumi/offers/o-ben", ben, null).status()).isEqualTo(200);
    JsonArray queue = s.get("/api/topics?offered=true", admin).json().getJsonArray("items");
    assertThat(queue.size()).as("two topics wait").isGreaterThanOrEqualTo(2);
    JsonObject terraform = queue.stream().map(o -> (JsonObject) o).filter(t -> t.getString("topic").equals("terraform")).findFirst().orElseThrow();
    assertThat(offerIds(terraform.getJsonArray("offers"))).containsExactly("o-ada", "o-ben");
    assertThat(terraform.getJsonArray("offers").getJsonObject(1).getJsonObject("knows").getInteger("rank")).as("in the queue too").isEqualTo(1);
    // a page at a time: the same queue, in the same order
    List<String> paged = no.deling.support.Pages.walk(next -> s.get("/api/topics?offered=true&limit=1" + (next == null ? "" : "&next=" + next), admin)
        .json(), "items", queue.size()).stream().map(o -> o.getString("topic")).toList();
    assertThat(paged).isEqualTo(queue.stream().map(o -> ((JsonObject) o).getString("topic")).toList());

    // appointed, Ada's offer is answered; Ben's is declined by the admin (not by an owner), and he hears of it
    s.put("/api/topics/terraform/owners/o-ada", admin, null);
    assertThat(offerIds(s.get("/api/topics/terraform", admin).json().getJsonArray("offers"))).containsExactly("o-ben");
    JsonObject asAda = s.get("/api/topics/terraform", ada).json();
    assertThat(asAda.getBoolean("owner")).isTrue();
    assertThat(asAda.getValue("offered")).isNull();
    assertProblem(s.put("/api/topics/terraform/offers/o-ada", ada, null), 422, "tag", "not-owner");
    assertThat(s.delete("/api/topics/terraform/offers/o-ben", ada).status()).as("owners do not choose their colleagues").isEqualTo(403);
    assertThat(s.delete("/api/topics/terraform/offers/o-ben", admin).json().getJsonArray("offers")).isEmpty();
    JsonObject told = s.notificationsOf(ben, "topic.offer.declined").getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(n -> "topic.offer.declined".equals(n.getString("kind"))).findFirst().orElseThrow();
    assertThat(told.getString("topic")).isEqualTo("terraform");
    assertThat(no.deling.notifications.NotificationWords.of("en").line(told)).isEqualTo("Admin o-admin declined your offer to look after #terraform");
    assertThat(s.get("/api/topics?offered=true", admin).json().getJsonArray("items").stream()
        .noneMatch(o -> ((JsonObject) o).getString("topic").equals("terraform"))).as("nothing left to decide").isTrue();

    // withdrawn by its maker: nobody is told
    s.put("/api/topics/ansible/offers/o-reader", reader, null);
    assertThat(s.get("/api/topics/ansible", reader).json().getJsonObject("offered")).isNotNull();
    assertThat(s.delete("/api/topics/ansible/offers/o-reader", reader).json().getValue("offered")).isNull();
    assertThat(s.get("/api/notifications", reader).json().getJsonArray("items").stream()
        .noneMatch(o -> "topic.offer.declined".equals(((JsonObject) o).getString("kind")))).isTrue();

    // a former colleague's offer lapses with them
    assertThat(s.scim(HttpMethod.POST, "/Users", SCIM, new JsonObject().put("userName", "o-leaver").put("displayName", "Leaver").put("active", true))
        .status()).isEqualTo(201);
    s.put("/api/topics/ansible/offers/o-leaver", s.token("o-leaver"), null);
    assertThat(offerIds(s.get("/api/topics/ansible", admin).json().getJsonArray("offers"))).containsExactly("o-leaver");
    JsonObject deactivate = new JsonObject().put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray().add(new JsonObject().put("op", "replace").put("path", "active").put("value", false)));
    assertThat(s.scim(HttpMethod.PATCH, "/Users/o-leaver", SCIM, deactivate).status()).isEqualTo(200);
    assertThat(s.get("/api/topics/ansible", admin).json().getJsonArray("offers")).isEmpty();
    assertThat(s.get("/api/topics?offered=true", admin).json().getJsonArray("items").stream()
        .noneMatch(o -> ((JsonObject) o).getString("topic").equals("ansible"))).isTrue();
  }

  /** How many of {@code token}'s notifications tell of {@code from}'s offer to look after {@code topic}. */
  private static long offersHeard(TestServer t, String token, String from, String topic) {
    return t.notifications(token, "topic.offer").stream().filter(n -> topic.equals(n.getString("topic"))
        && n.getJsonArray("from").stream().anyMatch(f -> from.equals(((JsonObject) f).getString("id")))).count();
  }

  /** The same once it is {@code expected}, or after two seconds (notifications are kept a moment after their event). */
  private static long offersHeard(TestServer t, String token, String from, String topic, long expected) {
    return no.deling.support.Await.settled(() -> offersHeard(t, token, from, topic), expected, java.time.Duration.ofSeconds(2));
  }

  @Test
  void theAdmins_asTheirLastTokensSaid_hearOfANewOffer_onceEach_butNotOfANewNote_norDoesAFormerAdmin() {
    String boss = admin(s, "n-boss");
    String former = admin(s, "n-former");
    for (String t : List.of(boss, former)) s.get("/api/me", t);
    String formerNow = s.token("n-former"); // signed in since without the role: no admin any more
    s.get("/api/me", formerNow);
    String kim = s.token("n-kim", "Kim Kvam", "Platform");

    s.put("/api/topics/helm/offers/n-kim", kim, new JsonObject().put("note", "I run our charts"));
    assertThat(offersHeard(s, boss, "n-kim", "helm", 1)).isEqualTo(1);
    JsonObject told = s.notifications(boss, "topic.offer").stream().filter(n -> "helm".equals(n.getString("topic"))).findFirst().orElseThrow();
    assertThat(no.deling.notifications.NotificationWords.of("en").line(told)).isEqualTo("Kim Kvam offered to look after #helm");
    assertThat(no.deling.notifications.NotificationWords.of("nb").line(told)).isEqualTo("Kim Kvam tilbød seg å ta ansvar for #helm");

    s.put("/api/topics/helm/offers/n-kim", kim, new JsonObject().put("note", "I run our charts, and the registry"));
    assertThat(s.put("/api/topics/helm/offers/n-boss", boss, null).status()).as("an admin may offer too").isEqualTo(200);
    // told of a later offer, the admin has been told of all before it (notifications are kept in the log's order)
    s.put("/api/topics/helm/offers/n-lou", s.token("n-lou", "Lou", "Platform"), null);
    assertThat(offersHeard(s, boss, "n-lou", "helm", 1)).isEqualTo(1);
    assertThat(offersHeard(s, boss, "n-kim", "helm")).as("a new note is no new offer").isEqualTo(1);
    assertThat(offersHeard(s, boss, "n-boss", "helm")).as("nobody is told of their own offer").isZero();
    assertThat(offersHeard(s, kim, "n-boss", "helm")).as("nor is a colleague who is no admin").isZero();
    assertThat(offersHeard(s, formerNow, "n-kim", "helm")).as("nor one whose last token made them no admin").isZero();
    assertThat(offersHeard(s, formerNow, "n-lou", "helm")).isZero();
    assertThat(s.events().stream().filter(e -> e.type().equals("UserProfileRecorded.v1"))
        .map(e -> new JsonObject(new String(e.data(), java.nio.charset.StandardCharsets.UTF_8)))
        .filter(e -> e.getString("userId").equals("n-former")).map(e -> e.getJsonArray("roles").getList()).toList())
        .as("what each sign-in said").containsExactly(List.of("admin"), List.of());
    assertThat(no.deling.support.EventSchemas.problems(s.events())).isEmpty();
  }

  @Test
  void anAdminAppointsOwners_whoDescribeTheTopic_andEveryoneSeesWhoLooksAfterIt() {
    String admin = admin(s, "t-admin");
    String owner = s.token("t-owner", "Olga Owner", "Platform");
    String reader = s.token("t-reader");
    s.get("/api/me", owner);
    s.get("/api/me", reader);

    JsonObject before = s.get("/api/topics/Kubernetes", reader).json();
    assertThat(before.getString("topic")).isEqualTo("kubernetes");
    assertThat(before.getValue("description")).as("nobody has said anything of it yet").isNull();
    assertThat(before.getJsonArray("owners")).isEmpty();
    assertThat(before.getBoolean("editable")).isFalse();

    assertThat(s.put("/api/topics/kubernetes/owners/t-owner", reader, null).status()).as("admins appoint").isEqualTo(403);
    assertThat(s.put("/api/topics/kubernetes/owners/t-nobody", admin, null).status()).as("someone not in the directory").isEqualTo(404);
    JsonObject appointed = s.put("/api/topics/kubernetes/owners/t-owner", admin, null).json();
    assertThat(ownerIds(appointed)).containsExactly("t-owner");
    JsonObject told = s.notificationsOf(owner, "topic.owner").getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(n -> "topic.owner".equals(n.getString("kind"))).findFirst().orElseThrow();
    assertThat(told.getString("topic")).as("which topic is now theirs").isEqualTo("kubernetes");
    assertThat(told.getJsonArray("from").getJsonObject(0).getString("id")).isEqualTo("t-admin");
    assertThat(no.deling.notifications.NotificationWords.of("en").line(told)).isEqualTo("Admin t-admin made you an owner of #kubernetes");
    assertThat(no.deling.notifications.NotificationWords.link(told, "https://deling.example")).isEqualTo("https://deling.example/#/topic/kubernetes");
    long events = s.events().size();
    assertThat(s.put("/api/topics/kubernetes/owners/t-owner", admin, null).status()).isEqualTo(200);
    assertThat(s.events()).as("appointed again: nothing new").hasSize((int) events);

    assertThat(s.put("/api/topics/kubernetes/description", reader, new JsonObject().put("description", "Mine")).status())
        .as("only owners and admins describe it").isEqualTo(403);
    assertProblem(s.put("/api/topics/kubernetes/description", owner, new JsonObject().put("description", "x".repeat(501))), 422, "description", "maxLength");
    JsonObject described = s.put("/api/topics/kubernetes/description", owner,
        new JsonObject().put("description", "Our clusters, how we run them, and who to ask.")).json();
    assertThat(described.getString("description")).isEqualTo("Our clusters, how we run them, and who to ask.");
    assertThat(described.getBoolean("owner")).isTrue();
    assertThat(described.getBoolean("editable")).isTrue();

    s.put("/api/me/following/topics/kubernetes", reader, null);
    JsonObject seen = s.get("/api/topics/kubernetes", reader).json();
    assertThat(seen.getString("description")).isEqualTo("Our clusters, how we run them, and who to ask.");
    assertThat(seen.getJsonArray("owners").getJsonObject(0).getString("name")).isEqualTo("Olga Owner");
    assertThat(seen.getInteger("followers")).isEqualTo(1);
    assertThat(seen.getBoolean("following")).isTrue();
    assertThat(seen.getBoolean("editable")).isFalse();
    assertThat(s.get("/api/users/t-owner", reader).json().getJsonArray("looksAfter").getList()).containsExactly("kubernetes");

    // the directory of who looks after what (a topic nobody has used yet included)
    s.put("/api/topics/zeta_unused/owners/t-owner", admin, null);
    JsonArray directory = s.get("/api/topics?lookedAfter=true&limit=100", reader).json().getJsonArray("items");
    List<String> listed = directory.stream().map(o -> ((JsonObject) o).getString("topic")).toList();
    assertThat(listed).contains("kubernetes", "zeta_unused");
    assertThat(listed).as("alphabetically").isSorted();
    // a page at a time: the same topics, in the same order
    List<String> paged = no.deling.support.Pages.walk(after -> s.get("/api/topics?lookedAfter=true&limit=1" + (after == null ? "" : "&after=" + after),
        reader).json(), "items", listed.size()).stream().map(o -> o.getString("topic")).toList();
    assertThat(paged).isEqualTo(listed);
    JsonObject k8s = directory.stream().map(o -> (JsonObject) o).filter(o -> o.getString("topic").equals("kubernetes")).findFirst().orElseThrow();
    assertThat(k8s.getString("description")).isEqualTo("Our clusters, how we run them, and who to ask.");
    assertThat(ownerIds(k8s)).containsExactly("t-owner");
    assertThat(s.get("/api/topics?lookedAfter=true&q=zet", reader).json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("topic")))
        .containsExactly("zeta_unused");
    s.delete("/api/topics/zeta_unused/owners/t-owner", admin);
    assertThat(s.get("/api/topics?lookedAfter=true&q=zet", reader).json().getJsonArray("items")).as("nobody looks after it now").isEmpty();

    // a former colleague looks after nothing: not shown, and not appointed again
    assertThat(s.scim(HttpMethod.POST, "/Users", SCIM, new JsonObject().put("userName", "t-former").put("displayName", "Former").put("active", true))
        .status()).isEqualTo(201);
    s.put("/api/topics/kubernetes/owners/t-former", admin, null);
    assertThat(ownerIds(s.get("/api/topics/kubernetes", reader).json())).containsExactly("t-owner", "t-former");
    JsonObject deactivate = new JsonObject().put("schemas", new JsonArray().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
        .put("Operations", new JsonArray().add(new JsonObject().put("op", "replace").put("path", "active").put("value", false)));
    assertThat(s.scim(HttpMethod.PATCH, "/Users/t-former", SCIM, deactivate).status()).isEqualTo(200);
    assertThat(ownerIds(s.get("/api/topics/kubernetes", reader).json())).containsExactly("t-owner");
    assertThat(s.get("/api/users/t-former", reader).json().getJsonArray("looksAfter")).as("nor on their profile").isEmpty();
    assertProblem(s.put("/api/topics/kubernetes/owners/t-former", admin, null), 422, "userId", "active");

    // an owner steps down; nobody else removes one but an admin
    assertThat(s.delete("/api/topics/kubernetes/owners/t-owner", reader).status()).isEqualTo(403);
    assertThat(ownerIds(s.delete("/api/topics/kubernetes/owners/t-owner", owner).json())).isEmpty();
    assertThat(s.get("/api/users/t-owner", reader).json().getJsonArray("looksAfter")).isEmpty();
    assertThat(s.put("/api/topics/kubernetes/description", owner, new JsonObject().put("description", "Still mine")).status()).isEqualTo(403);
  }

  @Test
  void anOpenTopicPage_hearsItsNewDescriptionAndOwners_live_andAResumeReplaysThem() {
    String admin = admin(s, "l-admin");
    String owner = s.token("l-owner", "Lise Owner", "Platform");
    String reader = s.token("l-reader");
    for (String t : List.of(owner, reader)) s.get("/api/me", t);
    long before = s.head();
    try (StreamClient ws = StreamClient.connect(s.vertx, s.server.port(), reader)) {
      ws.subscribe(new JsonObject().put("stream", "topic").put("tag", "tracing"));
      s.put("/api/topics/tracing/owners/l-owner", admin, null);
      JsonObject appointed = ws.next("topic.about");
      assertThat(no.deling.support.StreamSchemas.problem(appointed)).isNull();
      assertThat(appointed.getString("stream")).isEqualTo("topic:tracing");
      assertThat(ownerIds(appointed.getJsonObject("about"))).containsExactly("l-owner");
      s.put("/api/topics/tracing/description", owner, new JsonObject().put("description", "Logs, metrics and traces"));
      JsonObject described = ws.next("topic.about");
      assertThat(described.getJsonObject("about").getString("description")).isEqualTo("Logs, metrics and traces");
      assertThat(described.getJsonObject("about").containsKey("following")).as("nothing of the viewer's own").isFalse();
      ws.subscribe(new JsonObject().put("stream", "topic").put("tag", "unrelated"));
      s.put("/api/topics/tracing/description", owner, new JsonObject().put("description", "Logs, metrics, traces"));
      assertThat(ws.next("topic.about").getString("stream")).as("only on its own topic's stream").isEqualTo("topic:tracing");
    }
    // a page whose socket dropped hears what it missed, as it is now
    try (StreamClient ws = StreamClient.connect(s.vertx, s.server.port(), reader)) {
      ws.subscribe(new JsonObject().put("stream", "topic").put("tag", "tracing").put("since", before));
      List<JsonObject> missed = ws.upTo(s.head()).stream().filter(m -> "topic.about".equals(m.getString("type"))).toList();
      assertThat(missed).as("the appointment and both descriptions").hasSize(3);
      assertThat(ownerIds(missed.get(2).getJsonObject("about"))).containsExactly("l-owner");
      assertThat(missed.get(2).getJsonObject("about").getString("description")).isEqualTo("Logs, metrics, traces");
    }
  }

  @Test
  void ownersPinPublicPostsCarryingTheTopic_aboveItsFirstPage_live_andNeverAPrivateGroupsPost() {
    String admin = admin(s, "p-admin");
    String owner = s.token("p-owner");
    String member = s.token("p-member");
    String reader = s.token("p-reader");
    for (String t : List.of(owner, member, reader)) s.get("/api/me", t);
    s.put("/api/topics/onboarding/owners/p-owner", admin, null);
    String guide = s.publish(member, "The newcomer's guide #onboarding");
    String faq = s.publish(member, "FAQ for the first week #onboarding");
    String untagged = s.publish(member, "Welcome, all");
    String reply = s.reply(reader, guide, "Thanks! #onboarding");
    String g = s.privateGroup(owner, "Team");
    s.invite(g, owner, "p-member", member);
    String secret = s.groupPost(member, g, "Team-only checklist #onboarding");

    try (StreamClient ws = StreamClient.connect(s.vertx, s.server.port(), reader)) {
      ws.subscribe(new JsonObject().put("stream", "topic").put("tag", "onboarding"));
      JsonObject r = s.put("/api/topics/onboarding/pinned/" + guide, owner, null).json();
      assertThat(r.getJsonArray("pinned").getList()).containsExactly(guide);
      JsonObject live = ws.next("pinned");
      assertThat(live.getString("id")).isEqualTo(guide);
      assertThat(live.getString("topic")).isEqualTo("onboarding");
      assertThat(live.getBoolean("pinned")).isTrue();
    }
    s.put("/api/topics/onboarding/pinned/" + faq, owner, null);
    JsonObject page = s.get("/api/topics/onboarding/posts", reader).json();
    assertThat(ids(page.getJsonArray("pinned"))).as("the latest pinned first").containsExactly(faq, guide);
    assertThat(s.get("/api/topics/onboarding/posts?before=" + faq, reader).json().containsKey("pinned")).as("first page only").isFalse();

    assertThat(s.put("/api/topics/onboarding/pinned/" + faq, reader, null).status()).as("owners only").isEqualTo(403);
    assertProblem(s.put("/api/topics/onboarding/pinned/" + untagged, owner, null), 422, "postId", "hashtag");
    assertProblem(s.put("/api/topics/onboarding/pinned/" + reply, owner, null), 422, "postId", "top-level");
    assertProblem(s.put("/api/topics/onboarding/pinned/" + secret, owner, null), 422, "postId", "public");
    // an admin outside the group learns nothing of its post: not even that it exists
    assertThat(s.put("/api/topics/onboarding/pinned/" + secret, admin, null).status()).isEqualTo(404);

    String third = s.publish(member, "Who to ask #onboarding");
    s.put("/api/topics/onboarding/pinned/" + third, admin, null);
    assertProblem(s.put("/api/topics/onboarding/pinned/" + s.publish(member, "A fourth #onboarding"), owner, null), 422, "postId", "max-pinned");
    assertThat(s.delete("/api/posts/" + faq, member).status()).isEqualTo(204);
    assertThat(ids(s.get("/api/topics/onboarding/posts", reader).json().getJsonArray("pinned"))).as("a deleted post is not shown")
        .containsExactly(third, guide);
    String fourth = s.publish(member, "Takes the deleted one's place #onboarding");
    assertThat(s.put("/api/topics/onboarding/pinned/" + fourth, owner, null).status()).as("a deleted post holds no place").isEqualTo(200);
    assertThat(s.delete("/api/topics/onboarding/pinned/" + guide, owner).json().getJsonArray("pinned").getList()).doesNotContain(guide);
    assertThat(ids(s.get("/api/topics/onboarding/posts", reader).json().getJsonArray("pinned"))).containsExactly(fourth, third);
  }

  @Test
  void aQuestionInALookedAfterTopic_isAskedOfItsOwnersFirst_sayingWhy_butNeverOfTheAskerOrSomeoneWhoCannotSeeIt() {
    String admin = admin(s, "q-admin");
    String owner = s.token("q-owner");
    String asker = s.token("q-asker");
    for (String t : List.of(owner, asker)) s.get("/api/me", t);
    s.put("/api/topics/billing/owners/q-owner", admin, null);
    s.put("/api/topics/billing/owners/q-asker", admin, null);
    String question = s.post("/api/posts", asker, new JsonObject().put("text", "How do refunds work in #billing?").put("kind", "question"))
        .json().getString("id");
    JsonObject told = s.notificationsOf(owner, "question");
    JsonObject asked = told.getJsonArray("items").stream().map(o -> (JsonObject) o).filter(n -> "question".equals(n.getString("kind")))
        .findFirst().orElseThrow();
    assertThat(asked.getValue("post")).isEqualTo(question);
    assertThat(asked.getString("reason")).isEqualTo("looks after #billing");
    assertThat(s.get("/api/notifications", asker).json().getJsonArray("items").stream()
        .noneMatch(o -> "question".equals(((JsonObject) o).getString("kind")))).as("never the asker").isTrue();

    // a question in a private group reaches its owners only if they are in the group
    String g = s.privateGroup(asker, "Billing team");
    String inGroup = s.groupPost(asker, g, "Internal: who approves refunds over 10k? #billing");
    s.post("/api/posts", asker, new JsonObject().put("text", "Anyone? #billing").put("kind", "question").put("group", g));
    assertThat(s.head()).isPositive();
    assertThat(s.get("/api/notifications", owner).json().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(n -> "question".equals(n.getString("kind"))).count()).as("not asked what they may not read").isEqualTo(1);
    assertThat(inGroup).isNotNull();
  }

  @Test
  void aSearch_namesTheTopicsItsWordsStart_withWhatTheyAreForAndWhoLooksAfterThem_butNotTopicsUsedOnlyWhereTheSearcherCannotSee() {
    String admin = admin(s, "s-admin");
    String owner = s.token("s-owner", "Siri Owner", "Ops");
    String reader = s.token("s-reader");
    String member = s.token("s-member");
    for (String t : List.of(owner, reader, member)) s.get("/api/me", t);
    s.publish(owner, "Runbooks live in the wiki #observability");
    s.publish(owner, "Dashboards to tidy #observe_later");
    s.put("/api/topics/observability/owners/s-owner", admin, null);
    s.put("/api/topics/observability/description", owner, new JsonObject().put("description", "Logs, metrics and traces"));
    String g = s.privateGroup(member, "Skunkworks");
    s.groupPost(member, g, "Plans for the #observatory");
    s.awaitSearch();

    JsonArray exact = s.get("/api/search?q=observability", reader).json().getJsonArray("topics");
    assertThat(exact.getJsonObject(0).getString("topic")).as("the exact topic first").isEqualTo("observability");
    assertThat(exact.getJsonObject(0).getString("description")).isEqualTo("Logs, metrics and traces");
    assertThat(exact.getJsonObject(0).getJsonArray("owners").getJsonObject(0).getString("name")).isEqualTo("Siri Owner");
    List<Object> started = s.get("/api/search?q=observ", reader).json().getJsonArray("topics").stream()
        .map(o -> ((JsonObject) o).getString("topic")).map(Object.class::cast).toList();
    assertThat(started).containsExactlyInAnyOrder("observability", "observe_later");
    assertThat(s.get("/api/search?q=observ", member).json().getJsonArray("topics").stream().map(o -> ((JsonObject) o).getString("topic")))
        .as("a member sees the topic their group uses").contains("observatory");
    assertThat(s.get("/api/search?q=observability&type=post", reader).json().containsKey("topics")).as("only an unfiltered search").isFalse();
  }

  @Test
  void aSearch_findsATopicByTheWordsOfItsDescription_untilItSaysNoMore() {
    String admin = admin(s, "d-admin");
    String owner = s.token("d-owner", "Dina Owner", "Platform");
    String reader = s.token("d-reader");
    for (String t : List.of(owner, reader)) s.get("/api/me", t);
    s.publish(owner, "Node pools resized #k8s");
    s.put("/api/topics/k8s/owners/d-owner", admin, null);
    s.put("/api/topics/k8s/description", owner, new JsonObject().put("description", "Kubernetes clusters: upgrades, node pools and who is on call"));
    s.awaitSearch();

    JsonObject page = s.get("/api/search?q=kubernetes%20clusters", reader).json();
    // (#kubernetes, another test's, is named first: a word names it exactly)
    JsonObject k8s = page.getJsonArray("topics").stream().map(JsonObject.class::cast).filter(t -> t.getString("topic").equals("k8s")).findFirst()
        .orElseThrow(() -> new AssertionError("its name shares no word with the search: " + page.getJsonArray("topics")));
    assertThat(k8s.getString("description")).startsWith("Kubernetes clusters");
    assertThat(ownerIds(k8s)).containsExactly("d-owner");
    assertThat(page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("type"))).as("named beside the results, not among them")
        .doesNotContain("topic");
    assertThat(topicsFound("upgrade", reader)).as("a word's other forms too, as posts are found").contains("k8s");
    assertThat(topicsFound("kubernetes%20fishing", reader)).as("every word, as a search asks").doesNotContain("k8s");

    s.put("/api/topics/k8s/description", owner, new JsonObject().put("description", "Cluster operations"));
    s.awaitSearch();
    assertThat(topicsFound("kubernetes", reader)).as("found by what it says now").doesNotContain("k8s");
    assertThat(topicsFound("cluster", reader)).contains("k8s");
    s.put("/api/topics/k8s/description", owner, new JsonObject().put("description", ""));
    s.awaitSearch();
    assertThat(topicsFound("cluster", reader)).as("a topic that says nothing of itself is found by its name alone").doesNotContain("k8s");
    assertThat(topicsFound("k8s", reader)).contains("k8s");
  }

  @Test
  void aTopicsPage_countsItsQuestionsWaitingForAnAnswer_thatItsReaderMaySee_andSaysHowLongTheOldestHasWaited() {
    String asker = s.token("w-asker");
    String helper = s.token("w-helper");
    String reader = s.token("w-reader");
    for (String t : List.of(asker, helper, reader)) s.get("/api/me", t);
    JsonObject none = s.get("/api/topics/ledger", reader).json().getJsonObject("waiting");
    assertThat(none.getInteger("questions")).isZero();
    assertThat(none.getValue("oldestAskedAt")).isNull();
    String first = s.post("/api/posts", asker, new JsonObject().put("text", "How do we close a month? #ledger").put("kind", "question")).json().getString("id");
    s.post("/api/posts", asker, new JsonObject().put("text", "Who approves refunds? #ledger").put("kind", "question"));
    String answered = s.post("/api/posts", asker, new JsonObject().put("text", "Where is the chart of accounts? #ledger").put("kind", "question"))
        .json().getString("id");
    s.reply(helper, answered, "In the finance wiki");
    s.post("/api/posts", asker, new JsonObject().put("text", "Which ledger for travel? #travel").put("kind", "question"));
    String g = s.privateGroup(asker, "Finance team");
    s.post("/api/posts", asker, new JsonObject().put("text", "Are bonuses booked yet? #ledger").put("kind", "question").put("group", g));

    JsonObject waiting = s.get("/api/topics/ledger", reader).json().getJsonObject("waiting");
    assertThat(waiting.getInteger("questions")).as("answered ones, other topics' and a private group's are not counted").isEqualTo(2);
    assertThat(waiting.getString("oldestAskedAt")).isEqualTo(s.get("/api/posts/" + first, reader).json().getString("createdAt"));
    assertThat(s.get("/api/topics/ledger", asker).json().getJsonObject("waiting").getInteger("questions")).as("its member counts it").isEqualTo(3);

    // the directory of who looks after what says the same of each topic, to each reader
    s.put("/api/topics/ledger/owners/w-helper", admin(s, "w-admin"), null);
    s.put("/api/topics/travel/owners/w-helper", admin(s, "w-admin"), null);
    JsonArray directory = s.get("/api/topics?lookedAfter=true&q=ledger", reader).json().getJsonArray("items");
    assertThat(directory.getJsonObject(0).getJsonObject("waiting")).isEqualTo(waiting);
    JsonObject travel = s.get("/api/topics?lookedAfter=true&q=travel", reader).json().getJsonArray("items").getJsonObject(0);
    assertThat(travel.getJsonObject("waiting").getInteger("questions")).isEqualTo(1);
  }

  private List<String> topicsFound(String q, String token) {
    return s.get("/api/search?q=" + q, token).json().getJsonArray("topics").stream().map(o -> ((JsonObject) o).getString("topic")).toList();
  }

  @Test
  void aTopicsCount_isOfThePostsItsViewerMaySee_whileRunningAfterARestartAndAfterAReplay() throws Exception {
    no.deling.support.ModelRuns.playThenCheckThrice("deling-topic-counts", Map.of("DELING_WRITE_RATE", "0"), t -> {
      String member = t.token("c-member");
      t.get("/api/me", t.token("c-outsider"));
      t.publish(member, "One #tally");
      String gone = t.publish(member, "Two #tally");
      String retagged = t.publish(member, "Three #tally");
      t.delete("/api/posts/" + gone, member);
      t.put("/api/posts/" + retagged, member, new JsonObject().put("text", "Three, now about #other"));
      String g = t.privateGroup(member, "Counting");
      t.groupPost(member, g, "Private one #tally");
      t.groupPost(member, g, "Private two #tally");
      t.delete("/api/posts/" + t.groupPost(member, g, "Private three #tally"), member);
    }, (t, when) -> {
      java.util.function.Function<String, Integer> count = user -> t.get("/api/topics?q=tally", t.token(user)).json().getJsonArray("items")
          .stream().map(o -> (JsonObject) o).filter(o -> o.getString("topic").equals("tally")).mapToInt(o -> o.getInteger("posts")).sum();
      assertThat(count.apply("c-outsider")).as("an outsider, %s: the one public post left", when).isEqualTo(1);
      assertThat(count.apply("c-member")).as("the member, %s: and the group's two", when).isEqualTo(3);
    });
  }

  @Test
  void aTopicsOwnersDescriptionAndPins_areTheSame_afterARestartAndAReplay() throws Exception {
    String[] ids = new String[2];
    java.util.concurrent.atomic.AtomicInteger offers = new java.util.concurrent.atomic.AtomicInteger();
    no.deling.support.ModelRuns.playThenCheckThrice("deling-topics", Map.of("DELING_WRITE_RATE", "0"), t -> {
      String admin = admin(t, "r-admin");
      String owner = t.token("r-owner");
      t.get("/api/me", owner);
      t.put("/api/topics/release/owners/r-owner", admin, null);
      t.put("/api/topics/release/description", owner, new JsonObject().put("description", "How we ship"));
      ids[0] = t.publish(owner, "Release checklist #release");
      ids[1] = t.publish(owner, "Rollback steps #release");
      t.put("/api/topics/release/pinned/" + ids[0], owner, null);
      t.put("/api/topics/release/pinned/" + ids[1], owner, null);
      t.delete("/api/topics/release/pinned/" + ids[0], owner);
    }, (t, when) -> {
      // the admins are known again from the log (and from a snapshot): an offer made now reaches the one who signed in then
      String offerer = "r-offer" + offers.incrementAndGet();
      t.put("/api/topics/release/offers/" + offerer, t.token(offerer), null);
      assertThat(offersHeard(t, admin(t, "r-admin"), offerer, "release", 1)).as(when).isEqualTo(1);
      String reader = t.token("r-reader");
      JsonObject about = t.get("/api/topics/release", reader).json();
      assertThat(about.getString("description")).as(when).isEqualTo("How we ship");
      assertThat(ownerIds(about)).containsExactly("r-owner");
      assertThat(ids(t.get("/api/topics/release/posts", reader).json().getJsonArray("pinned"))).containsExactly(ids[1]);
      assertThat(t.get("/api/users/r-owner", reader).json().getJsonArray("looksAfter").getList()).containsExactly("release");
    });
  }
}
