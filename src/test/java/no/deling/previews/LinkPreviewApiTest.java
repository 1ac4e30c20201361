package no.deling.previews;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import no.deling.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Previews of the pages posts link to, from a web site in the test's JVM at 127.0.0.1, which the
 * server is told is an internal host it may fetch (as an operator lists an intranet); the same
 * site reached as {@code localhost}, not listed, stands for the network's inside.
 */
class LinkPreviewApiTest {
  @TempDir Path dir;
  private Vertx webVertx;
  private String site;
  private int port;
  private TestServer s;
  /** The paths the site was asked for. */
  private final List<String> asked = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    webVertx = Vertx.vertx();
    HttpServer web = webVertx.createHttpServer().requestHandler(req -> {
      asked.add(req.path());
      var res = req.response();
      switch (req.path()) {
        case "/article" -> res.putHeader("Content-Type", "text/html; charset=utf-8").end("<html><head><title>Article - Example</title>"
            + "<meta property=\"og:title\" content=\"Quarterly results are in\"><meta property=\"og:description\" content=\"Revenue up 4%.\">"
            + "<meta property=\"og:site_name\" content=\"Example News\"></head><body>Long text</body></html>");
        case "/plain" -> res.putHeader("Content-Type", "text/html").end("<title>Plain page</title>");
        case "/moved" -> res.setStatusCode(302).putHeader("Location", "/article").end();
        case "/inside" -> res.setStatusCode(301).putHeader("Location", "http://localhost:" + port + "/secret").end();
        case "/loop" -> res.setStatusCode(302).putHeader("Location", "/loop").end();
        case "/report.pdf" -> res.putHeader("Content-Type", "application/pdf").end("%PDF-1.7");
        case "/missing" -> res.setStatusCode(404).putHeader("Content-Type", "text/html").end("<title>Not found</title>");
        case "/huge" -> res.putHeader("Content-Type", "text/html").end("<title>Huge page</title>" + "<p>filler</p>".repeat(300_000));
        case "/bl%C3%A5b%C3%A6r" -> res.putHeader("Content-Type", "text/html; charset=iso-8859-1")
            .end(io.vertx.core.buffer.Buffer.buffer("<title>Blåbærsyltetøy</title>".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        case "/secret" -> res.putHeader("Content-Type", "text/html").end("<title>Admin console</title>");
        default -> res.setStatusCode(404).end();
      }
    });
    port = web.listen(0, "127.0.0.1").await().actualPort();
    site = "http://127.0.0.1:" + port;
    s = TestServer.start(dir, Map.of("DELING_LINK_PREVIEW_HOSTS", "127.0.0.1", "DELING_WRITE_RATE", "0", "DELING_METRICS_TOKEN", "scrape"));
  }

  @AfterEach
  void stop() {
    if (s != null) s.close();
    webVertx.close().await();
  }

  private JsonArray previews(String post, String token) {
    TestServer.Response r = s.get("/api/posts/" + post + "/link-previews", token);
    assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    assertThat(r.json().getString("post")).isEqualTo(post);
    return r.json().getJsonArray("items");
  }

  @Test
  void aPostsLinks_showWhatTheirPagesSayOfThemselves_inTheirOrder_eachPageFetchedOnce() {
    String ann = s.token("ann", "Ann", "Sales");
    String post = s.publish(ann, "Read " + site + "/article and " + site + "/plain, and " + site + "/article again");
    JsonArray items = previews(post, ann);
    assertThat(items).containsExactly(
        new JsonObject().put("url", site + "/article").put("title", "Quarterly results are in").put("site", "Example News")
            .put("description", "Revenue up 4%."),
        new JsonObject().put("url", site + "/plain").put("title", "Plain page").put("site", "127.0.0.1"));
    String bob = s.token("bob", "Bob", "Sales");
    assertThat(previews(post, bob)).as("to a colleague, as kept").isEqualTo(items);
    assertThat(asked).as("each page fetched once").containsExactlyInAnyOrder("/article", "/plain");
  }

  @Test
  void aPageIsFetchedOncePerServer_notOncePerEventLoop() throws Exception {
    s.close();
    s = TestServer.start(dir.resolve("loops"), Map.of("DELING_LINK_PREVIEW_HOSTS", "127.0.0.1", "DELING_WRITE_RATE", "0",
        "DELING_HTTP_INSTANCES", "4"));
    String ann = s.token("ann", "Ann", "Sales");
    String post = s.publish(ann, "Read " + site + "/article");
    // each asker on a connection of its own: the server hands new connections to its event loops in turn
    List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> asks = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      asks.add(java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build().sendAsync(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.server.port() + "/api/posts/" + post + "/link-previews"))
              .header("Authorization", "Bearer " + ann).build(), java.net.http.HttpResponse.BodyHandlers.ofString()));
    }
    for (var ask : asks) {
      var r = ask.get(20, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(r.body()).getJsonArray("items").getJsonObject(0).getString("title")).isEqualTo("Quarterly results are in");
    }
    assertThat(asked).as("fetched once by the server, whichever event loop asked").containsExactly("/article");
  }

  @Test
  void aRedirect_isFollowed_butNotIntoTheNetworksInside_norRoundInCircles() {
    String ann = s.token("ann", "Ann", "Sales");
    assertThat(previews(s.publish(ann, "Moved: " + site + "/moved"), ann)).singleElement()
        .satisfies(p -> assertThat(((JsonObject) p).getString("url")).as("the link as posted").isEqualTo(site + "/moved"))
        .satisfies(p -> assertThat(((JsonObject) p).getString("title")).isEqualTo("Quarterly results are in"));
    assertThat(previews(s.publish(ann, "Sneaky: " + site + "/inside"), ann)).isEmpty();
    assertThat(previews(s.publish(ann, "Direct: http://localhost:" + port + "/secret"), ann)).isEmpty();
    assertThat(asked).as("localhost is not listed as internal: never asked").doesNotContain("/secret");
    assertThat(previews(s.publish(ann, "Round: " + site + "/loop"), ann)).isEmpty();
    assertThat(asked.stream().filter("/loop"::equals)).as("the first try and three redirects").hasSize(4);
  }

  @Test
  void pagesThatAreNotHtml_missing_orHuge_andAddressesNotOnTheWeb() {
    String ann = s.token("ann", "Ann", "Sales");
    assertThat(previews(s.publish(ann, "Pdf " + site + "/report.pdf and " + site + "/missing"), ann)).isEmpty();
    assertThat(previews(s.publish(ann, "Huge " + site + "/huge"), ann)).singleElement()
        .satisfies(p -> assertThat(((JsonObject) p).getString("title")).isEqualTo("Huge page"));
    assertThat(previews(s.publish(ann, "No links here"), ann)).isEmpty();
    assertThat(previews(s.publish(ann, "Norsk: " + site + "/blåbær"), ann)).as("a path in Norwegian, a page in Latin-1").singleElement()
        .satisfies(p -> assertThat(((JsonObject) p).getString("title")).isEqualTo("Blåbærsyltetøy"));
    // the cloud's metadata service, the machine itself and a port the web does not use: not fetched, so no preview and no wait
    long t0 = System.nanoTime();
    assertThat(previews(s.publish(ann, "http://169.254.169.254/latest/meta-data/ http://127.0.0.2:" + port + "/secret https://example.org:6379/"), ann))
        .isEmpty();
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000);
    assertThat(asked).doesNotContain("/secret");
    // what an operator sees: the huge page and the Norwegian one shown, the PDF and the 404 with nothing to show, three refused
    assertThat(metric("shown")).isEqualTo(2.0);
    assertThat(metric("none")).isEqualTo(2.0);
    assertThat(metric("refused")).isEqualTo(3.0);
  }

  /** A counter of {@code deling_link_previews_total} from /metrics, as operators scrape it. */
  private double metric(String result) {
    return s.metric("scrape", "deling_link_previews_total", result);
  }

  @Test
  void aPrivateGroupsPost_andItsPreviews_areForItsMembersOnly() {
    String owner = s.token("olga", "Olga", "Board");
    String member = s.token("mia", "Mia", "Board");
    String outsider = s.token("otto", "Otto", "Sales");
    String group = s.privateGroup(owner, "Board");
    s.invite(group, owner, "mia", member);
    String post = s.groupPost(owner, group, "Draft: " + site + "/article");
    assertThat(previews(post, member)).hasSize(1);
    TestServer.Response refused = s.get("/api/posts/" + post + "/link-previews", outsider);
    assertThat(refused.status()).isEqualTo(404);
    assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(refused.body().toString()).as("nothing of the post or its links").doesNotContain("Quarterly", "article");
    assertThat(s.get("/api/posts/" + no.deling.core.ids.PostIds.format(999_999_999L) + "/link-previews", outsider).status()).isEqualTo(404);
  }

  @Test
  void withPreviewsOff_noPageIsFetched() throws Exception {
    s.close();
    s = null;
    s = TestServer.start(dir.resolve("off"), Map.of("DELING_LINK_PREVIEWS", "false", "DELING_LINK_PREVIEW_HOSTS", "127.0.0.1"));
    String ann = s.token("ann", "Ann", "Sales");
    assertThat(previews(s.publish(ann, "Read " + site + "/article"), ann)).isEmpty();
    assertThat(asked).isEmpty();
  }
}
