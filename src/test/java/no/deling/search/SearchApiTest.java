package no.deling.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Full-text search through a real HTTP client: relevance in Norwegian and English, filters, visibility, edits, restart. */
class SearchApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;
  static String writer;
  static String reader;
  static String bærekraft;
  static String bærekraftige;
  static String pipeline;
  static String kotlin;
  static String lunch;

  @BeforeAll
  static void start() {
    writer = s.token("srch-writer", "Kari Nordmann", "Økonomi");
    reader = s.token("srch-reader");
    bærekraft = s.publish(writer, "Vi jobber med bærekraft i hele verdikjeden");
    bærekraftige = s.publish(writer, "Bærekraftige innkjøp: slik gjør vi det #innkjop");
    pipeline = s.publish(writer, "Our deployment pipeline deploys to production twice a day");
    kotlin = s.publish(writer, "Deploying Kotlin services on Kubernetes #kotlin");
    lunch = s.publish(writer, "Lunch menu this week");
  }


  private static List<String> ids(String query, String token) {
    s.awaitSearch();
    TestServer.Response r = s.get("/api/search?" + query, token);
    assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    return r.json().getJsonArray("items").stream().map(o -> {
      JsonObject hit = (JsonObject) o;
      if (hit.containsKey("post")) return hit.getJsonObject("post").getString("id");
      if (hit.containsKey("person")) return hit.getJsonObject("person").getString("id");
      return hit.getJsonObject("group").getString("id");
    }).toList();
  }

  private static String q(String words) {
    return "q=" + URLEncoder.encode(words, StandardCharsets.UTF_8);
  }

  @Test
  void norwegianAndEnglishWords_findTheirOtherForms() {
    assertThat(ids(q("bærekraftig"), reader)).containsExactlyInAnyOrder(bærekraft, bærekraftige);
    assertThat(ids(q("deploying"), reader)).containsExactlyInAnyOrder(pipeline, kotlin);
    assertThat(ids(q("deploy kubernetes"), reader)).as("every word must match").containsExactly(kotlin);
    assertThat(ids(q("menu"), reader)).containsExactly(lunch);
  }

  @Test
  void snippets_markTheMatchedWords_escaped() {
    s.awaitSearch();
    JsonObject hit = s.get("/api/search?" + q("deploying kubernetes"), reader).json().getJsonArray("items").getJsonObject(0);
    assertThat(hit.getString("snippet")).contains("<mark>Deploying</mark>").contains("<mark>Kubernetes</mark>");
    String html = s.publish(writer, "Never put <script> in #srchhtml posts");
    assertThat(ids(q("script") + "&tag=srchhtml", reader)).containsExactly(html);
    String snippet = s.get("/api/search?" + q("script") + "&tag=srchhtml", reader).json().getJsonArray("items").getJsonObject(0).getString("snippet");
    assertThat(snippet).contains("&lt;<mark>script</mark>&gt;").doesNotContain("<script>");
  }

  @Test
  void filters_byTagAuthorTypeAndDate() {
    assertThat(ids(q("deploying") + "&tag=kotlin", reader)).containsExactly(kotlin);
    assertThat(ids("tag=%23Kotlin", reader)).containsExactly(kotlin);
    assertThat(ids(q("deploying") + "&author=srch-reader", reader)).isEmpty();
    assertThat(ids(q("deploying") + "&from=2000-01-01&to=2000-12-31", reader)).isEmpty();
    assertThat(ids(q("deploying") + "&from=2000-01-01", reader)).hasSize(2);
    assertThat(ids(q("Kari") + "&type=person", reader)).containsExactly("srch-writer");
    assertThat(ids(q("økonomi") + "&type=person", reader)).containsExactly("srch-writer");
    assertThat(s.get("/api/search?from=yesterday", reader).status()).isEqualTo(422);
    assertThat(s.get("/api/search?type=document", reader).status()).isEqualTo(400);
    TestServer.assertProblem(s.get("/api/search?" + q("word ".repeat(65)), reader), 422, "q", "max-words");
    assertThat(s.get("/api/search/similar-questions?text=" + URLEncoder.encode("word ".repeat(300), StandardCharsets.UTF_8), reader).status())
        .as("similar questions look at the start of a long text").isEqualTo(200);
  }

  @Test
  void questions_byStatus_andSimilarAnsweredQuestions() {
    String asker = s.token("srch-asker");
    String q = s.post("/api/posts", asker, new JsonObject().put("text", "How do I deploy to Kubernetes? #srchq").put("kind", "question"))
        .json().getString("id");
    String open = s.post("/api/posts", asker, new JsonObject().put("text", "Who owns the Kubernetes budget? #srchq").put("kind", "question"))
        .json().getString("id");
    String answer = s.reply(reader, q, "kubectl apply, or better: our Helm chart");
    s.put("/api/posts/" + q + "/accepted-answer", asker, new JsonObject().put("answer", answer));
    assertThat(ids("type=question&status=accepted&tag=srchq", reader)).containsExactly(q);
    assertThat(ids("type=question&status=unanswered&tag=srchq", reader)).containsExactly(open);
    s.awaitSearch();
    JsonObject similar = s.get("/api/search/similar-questions?text=" + URLEncoder.encode("deploying on kubernetes fails", StandardCharsets.UTF_8),
        reader).json();
    assertThat(similar.getJsonArray("items").stream().map(o -> ((JsonObject) o).getJsonObject("post").getString("id"))).containsExactly(q);
    assertThat(similar.getJsonArray("items").getJsonObject(0).getString("acceptedAnswer")).isEqualTo(answer);
  }

  @Test
  void aPrivateGroupsPostsAndTheGroupItself_areFoundByItsMembersOnly_asOfNow() {
    String owner = s.token("srch-owner");
    String member = s.token("srch-member");
    String outsider = s.token("srch-outsider");
    s.get("/api/me", member); // known to the directory, so the owner can invite them
    String g = s.post("/api/groups", owner, new JsonObject().put("name", "Hemmelig prosjekt").put("access", "private")
        .put("description", "Oppkjøpet av konkurrenten")).json().getString("id");
    s.put("/api/groups/" + g + "/members/srch-member", owner, null);
    s.put("/api/groups/" + g + "/members/srch-member", member, null);
    String secret = s.post("/api/posts", owner, new JsonObject().put("text", "Oppkjøpet signeres fredag").put("group", g)).json().getString("id");
    assertThat(ids(q("oppkjøpet"), member)).contains(secret, g);
    assertThat(ids(q("oppkjøpet"), outsider)).isEmpty();
    assertThat(ids(q("hemmelig") + "&type=group", outsider)).isEmpty();
    s.delete("/api/groups/" + g + "/members/srch-member", owner);
    assertThat(ids(q("oppkjøpet"), member)).as("a removed member finds nothing at once").isEmpty();
  }

  /**
   * A busy server makes what it indexed searchable every few seconds (or at once for a search that
   * waits); a quiet one at once, so its posts are found within a second or so by anything reading
   * the index, with no search waiting for them.
   */
  @Test
  void aQuietServersPost_becomesSearchable_withoutASearchWaitingForIt() throws InterruptedException {
    s.awaitSearch(); // refreshed just now: a periodic refresh is seconds away
    String post = s.publish(writer, "Sjokoladekake i kantina på fredag");
    long head = s.head();
    SearchIndexer indexer = s.server.search().indexer();
    for (int i = 0; i < 300 && indexer.position() < head; i++) Thread.sleep(10);
    assertThat(indexer.position()).as("searchable within 3 s, unasked").isGreaterThanOrEqualTo(head);
    assertThat(ids(q("sjokoladekake"), reader)).containsExactly(post);
  }

  @Test
  void editsAndDeletes_areReflected() {
    String post = s.publish(writer, "Kantina serverer taco i dag");
    assertThat(ids(q("taco"), reader)).containsExactly(post);
    s.put("/api/posts/" + post, writer, new JsonObject().put("text", "Kantina serverer fiskesuppe i dag"));
    assertThat(ids(q("taco"), reader)).isEmpty();
    assertThat(ids(q("fiskesuppe"), reader)).containsExactly(post);
    s.delete("/api/posts/" + post, writer);
    assertThat(ids(q("fiskesuppe"), reader)).isEmpty();
  }
}
