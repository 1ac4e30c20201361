package no.deling.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.deling.stream.StreamConnection;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web client in real headless Chromium against a real server: two people in two browsers, the
 * socket cut and resumed, questions answered and accepted, a private group kept private, the
 * pulse for leaders only. Screenshots of the main screens go to {@code target/screenshots}.
 */
@EnabledIf("no.deling.webclient.Browser#available")
class WebClientBrowserTest {
  // 127.0.0.1 listed as an internal host whose pages may be previewed: a post links to this server's own page
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.with(Map.of("DELING_LOGIN_RATE", "0", "DELING_PULSE_LIVE_MS", "300",
      "DELING_SCIM_TOKEN", "browser-test-scim-token", "DELING_LINK_PREVIEW_HOSTS", "127.0.0.1"));
  static TestServer s;



  private static String token(String user, String name, String department) {
    String t = s.token(user, name, department);
    assertThat(s.get("/api/me", t).status()).isEqualTo(200);
    return t;
  }

  @Test
  void onePosts_theOtherSeesItLive_andTheEndorsementCountUpdatesLive() throws Exception {
    try (Browser alice = new Browser(s.server.port(), "en", 1280, 900); Browser bob = new Browser(s.server.port(), "nb", 1280, 900)) {
      alice.login("w-alice", "Alice Aas", "Engineering", false);
      bob.login("w-bob", "Bob Berg", "Sales", false);
      // bob follows alice from her profile
      bob.go("#/user/w-alice");
      bob.withText("button", "Følg").click();
      bob.withText("button", "Følger");
      bob.go("#/home");
      bob.el("#compose textarea");

      // completion while typing: @ from the directory, # from topics in use
      alice.type("#compose textarea", "Thanks @w-bo");
      alice.withText(".suggest li", "w-bob");
      alice.el("#compose textarea").sendKeys(org.openqa.selenium.Keys.ENTER);
      alice.waitFor(d -> "Thanks @w-bob ".equals(alice.el("#compose textarea").getAttribute("value")));
      alice.type("#compose textarea", "Thanks @w-bob: Release notes are out #releases");
      alice.el("#compose button[type=submit]").click();
      alice.withText("#timeline .post", "Release notes are out");
      // written as an id, read as a name
      assertThat(alice.withText("#timeline .post a.mention", "@Bob Berg").getAttribute("href")).endsWith("#/user/w-bob");

      // bob: without reloading, a bar says one new post; showing it does not move what he reads
      WebElement bar = bob.withText("#newbar", "1 nytt innlegg");
      bar.click();
      bob.withText("#timeline .post", "Release notes are out");
      assertThat(bob.js("return document.documentElement.lang")).isEqualTo("nb");

      // bob endorses it; alice sees the count become 1 without reloading
      bob.clickIn("#timeline .post", "Release notes are out", "[data-action=endorse]");
      alice.waitFor(d -> alice.withText("#timeline .post", "Release notes are out").findElement(By.cssSelector("[data-count=endorsements]"))
          .getText().equals("1"));
      alice.screenshot("home-desktop");
      bob.screenshot("home-desktop-nb");

      // alice's endorsement of nothing yet, but bob's of hers: her notifications say so in English, his screens stay Norwegian
      bob.go("#/notifications");
      bob.el("main h1");
      alice.go("#/notifications");
      alice.withText("#notifications li", "endorsed your post");
      bob.go("#/search?q=release");
      bob.withText("#results article", "Thanks @Bob Berg: Release notes are out"); // a result's words name people as the post does
      assertThat(bob.el("select[aria-label=Type]").getText()).contains("Innlegg", "Personer", "Grupper").doesNotContain("person");
    }
  }

  /**
   * The connection drops after the server stored a post but before its answer arrived: the person
   * sees an error, keeps the draft, presses Post again, and there is one post, not two.
   */
  @Test
  void aPostWhoseAnswerWasLost_sentAgain_isPostedOnce() throws Exception {
    try (Browser erin = new Browser(s.server.port(), "en", 1280, 900)) {
      erin.login("w-erin", "Erin", "Ops", false);
      // the page's fetch loses the answer to its first post, once: the request reached the server
      erin.js("const real = window.fetch; let lost = false;"
          + "window.fetch = async (url, options) => { const answer = await real(url, options);"
          + "  if (!lost && String(url).endsWith('/api/posts') && options && options.method === 'POST') { lost = true; throw new TypeError('Failed to fetch'); }"
          + "  return answer; };");
      erin.type("#compose textarea", "Only once, please #retries");
      erin.el("#compose button[type=submit]").click();
      erin.withText("#compose .error", "Failed to fetch");
      assertThat(erin.el("#compose textarea").getDomProperty("value")).as("the draft is kept").isEqualTo("Only once, please #retries");
      erin.el("#compose button[type=submit]").click();
      erin.withText("#timeline .post", "Only once, please");
      erin.waitFor(d -> erin.el("#compose textarea").getDomProperty("value").isEmpty());
      JsonArray posts = s.get("/api/users/w-erin/posts", s.token("w-erin", "Erin", "Ops")).json().getJsonArray("items");
      assertThat(posts.stream().filter(o -> ((JsonObject) o).getString("text").startsWith("Only once, please"))).as("on the server").hasSize(1);
      assertThat(erin.driver.findElements(By.cssSelector("#timeline .post")).stream().filter(e -> e.getText().contains("Only once, please")).count())
          .as("on the page").isEqualTo(1);
    }
  }

  @Test
  void aCutSocket_resumesWithSince_andTheMissedPostsAppearOnceEachInOrder() throws Exception {
    String carl = token("w-carl", "Carl", "Ops");
    try (Browser dora = new Browser(s.server.port(), "en", 1280, 900)) {
      dora.login("w-dora", "Dora", "Ops", false);
      String doraToken = s.token("w-dora", "Dora", "Ops");
      assertThat(s.put("/api/me/following/users/w-carl", doraToken, null).status()).isEqualTo(200);
      // her home stream is subscribed (so the page holds a resume point) before the cut: a cut before
      // that is a first subscribe after it, which starts from then, and the test would race the reconnect
      long deadline = System.nanoTime() + 15_000_000_000L;
      while (s.server.streams().homeSubscriptions("w-dora") == 0) {
        assertThat(System.nanoTime()).as("dora's home stream subscribed").isLessThan(deadline);
        Thread.sleep(20);
      }
      // the server drops every socket (as when an instance goes away); posts are made while dora's is down
      s.server.streams().closeAll(StreamConnection.CLOSE_GOING_AWAY, "going_away");
      for (int i = 1; i <= 3; i++) s.publish(carl, "Missed while away " + i);
      dora.waitFor(d -> "live".equals(dora.js("return document.getElementById('conn').dataset.state")));
      dora.withText("#newbar", "3 new posts").click();
      dora.waitFor(d -> d.findElements(By.cssSelector("#timeline .post")).stream().filter(e -> e.getText().contains("Missed while away")).count() == 3);
      List<String> order = dora.driver.findElements(By.cssSelector("#timeline .post")).stream().map(WebElement::getText)
          .filter(t -> t.contains("Missed while away")).map(t -> t.replaceAll("(?s).*Missed while away (\\d).*", "$1")).toList();
      assertThat(order).as("once each, newest first").containsExactly("3", "2", "1");
      // one more, live: exactly one more
      s.publish(carl, "Live again");
      dora.withText("#newbar", "1 new post").click();
      assertThat(dora.driver.findElements(By.cssSelector("#timeline .post")).stream().filter(e -> e.getText().contains("Missed while away")).count())
          .isEqualTo(3);
    }
  }

  @Test
  void aQuestionIsAsked_answeredByAnother_accepted_andLeavesTheUnansweredList() throws Exception {
    try (Browser erin = new Browser(s.server.port(), "en", 1280, 900); Browser finn = new Browser(s.server.port(), "en", 1280, 900)) {
      erin.login("w-erin", "Erin", "Finance", false);
      finn.login("w-finn", "Finn", "Finance", false);
      erin.go("#/questions");
      erin.type("#ask textarea", "How do we close the books in March? #closing");
      erin.el("#ask button[type=submit]").click();
      String questionId = erin.waitFor(d -> {
        String hash = (String) erin.js("return location.hash");
        return hash.startsWith("#/question/") ? hash.substring("#/question/".length()) : null;
      });
      finn.go("#/questions?status=unanswered");
      assertThat(finn.withText("#questions li", "close the books").getText()).as("who asked, and when").contains(" · Erin · ").contains("0 answers");
      finn.withText("#questions a", "close the books").click();
      finn.type("form.compose textarea", "Start with the ledger export, then reconcile.");
      finn.el("form.compose button[type=submit]").click();
      finn.withText("#thread-subscription", "Mute the conversation"); // having answered, finn hears of its replies
      // erin's open question page updates live; she accepts the answer
      assertThat(erin.withText(".post", "Start with the ledger export").findElement(By.cssSelector(".replying")).getText())
          .isEqualTo("↩ In reply to Erin");
      assertThat(erin.withText(".post", "close the books").findElement(By.cssSelector(".chip")).getText()).as("one question").isEqualTo("Question");
      erin.clickIn(".post", "Start with the ledger export", "[data-action=accept]");
      erin.waitFor(d -> "accepted".equals(erin.js("const e = document.getElementById('question-status'); return e && e.dataset.status")));
      erin.screenshot("question-desktop");
      finn.go("#/questions?status=unanswered");
      finn.el("main h1");
      Thread.sleep(300);
      assertThat(finn.pageText()).doesNotContain("close the books");
      // a status the API does not know (an old bookmark) lists all of them, rather than an error page
      finn.go("#/questions?status=everything");
      finn.withText("#questions li", "close the books");
      finn.withText("main a[aria-current=page]", "All");
      assertThat(finn.pageText()).as("no heading for similar questions before anything is typed").doesNotContain("Answered questions like yours");
      // asking something similar, the answered question is offered while typing
      s.awaitSearch();
      finn.type("#ask textarea", "How should we close the books?");
      finn.withText("#similar a", "close the books");
      assertThat(questionId).matches("[0-9]{19}");
    }
  }

  @Test
  void aPrivateGroupsPost_neverAppearsForANonMember_onAnyScreen() throws Exception {
    String owner = token("w-gina", "Gina", "Legal");
    JsonObject group = s.post("/api/groups", owner, new JsonObject().put("name", "Board prep").put("access", "private")).json();
    String id = group.getString("id");
    assertThat(s.post("/api/posts", owner, new JsonObject().put("text", "SECRET merger plan #strategy").put("group", id)).status()).isEqualTo(201);
    s.publish(owner, "Public note #strategy");
    try (Browser hugo = new Browser(s.server.port(), "en", 1280, 900)) {
      hugo.login("w-hugo", "Hugo", "Sales", false);
      String hugoToken = s.token("w-hugo", "Hugo", "Sales");
      s.put("/api/me/following/users/w-gina", hugoToken, null);
      for (String screen : List.of("#/home", "#/user/w-gina", "#/topic/strategy", "#/group/" + id, "#/groups", "#/search?q=merger",
          "#/search?q=strategy", "#/notifications", "#/questions?status=", "#/ideas", "#/links", "#/saved")) {
        hugo.go(screen);
        hugo.el("main h1");
        Thread.sleep(250);
        assertThat(hugo.driver.getPageSource()).as(screen).doesNotContain("SECRET merger");
      }
      hugo.go("#/topic/strategy");
      hugo.withText(".post", "Public note");
      assertThat(hugo.driver.getPageSource()).doesNotContain("SECRET merger");
      // while he is on the topic, another private post comes; it must not reach him live either
      s.post("/api/posts", owner, new JsonObject().put("text", "SECRET second #strategy").put("group", id));
      s.publish(owner, "Second public #strategy");
      hugo.withText("#newbar", "1 new post").click();
      hugo.withText(".post", "Second public");
      assertThat(hugo.driver.getPageSource()).doesNotContain("SECRET");
    }
  }

  @Test
  void aGroupOwnerAnnounces_aMemberSeesItPinnedLive_marksItRead_andTheOwnerSeesNoCountUnderFive() throws Exception {
    try (Browser olga = new Browser(s.server.port(), "en", 1280, 900); Browser pete = new Browser(s.server.port(), "en", 1280, 900)) {
      olga.login("w-olga", "Olga", "Ops", false);
      pete.login("w-pete", "Pete", "Ops", false);
      String olgaToken = s.token("w-olga", "Olga", "Ops");
      String g = s.post("/api/groups", olgaToken, new JsonObject().put("name", "On call").put("access", "private")).json().getString("id");
      s.put("/api/groups/" + g + "/members/w-pete", olgaToken, null);
      s.put("/api/groups/" + g + "/members/w-pete", s.token("w-pete", "Pete", "Ops"), null);
      pete.go("#/home");
      pete.el("#compose");
      olga.go("#/group/" + g);
      olga.el("#announce summary").click();
      olga.type("#announce textarea", "Rota changes from Monday #oncall");
      olga.el("#announce button[type=submit]").click();
      olga.withText(".my-announcements li", "Rota changes from Monday");
      assertThat(olga.el(".my-announcements .reach").getText()).contains("fewer than 5");
      // pete's open home pins it live, with its time and audience, and unpins it once read
      WebElement card = pete.withText("#pinned .post.pinned", "Rota changes from Monday");
      assertThat(card.findElement(By.cssSelector(".when")).getText()).isNotBlank();
      assertThat(card.getText()).contains("To On call");
      pete.screenshot("announcement-desktop");
      olga.screenshot("group-announce-desktop");
      card.findElement(By.tagName("button")).click();
      pete.waitFor(d -> d.findElements(By.cssSelector("#pinned .post.pinned")).isEmpty());
      pete.go("#/group/" + g);
      pete.el("main h1");
      assertThat(pete.driver.findElements(By.id("announce"))).as("a member who is not an owner is not offered it").isEmpty();
    }
  }

  @Test
  void aGroupsOwner_runsItFromItsPage_renames_promotes_removes_approves_andArchives() throws Exception {
    String uma = token("w-uma", "Uma", "Ops");
    String vic = token("w-vic", "Vic", "Ops");
    String wes = token("w-wes", "Wes", "Ops");
    String xia = token("w-xia", "Xia", "Ops");
    String g = s.post("/api/groups", uma, new JsonObject().put("name", "Incident review").put("access", "private")).json().getString("id");
    for (String[] p : new String[][] {{"w-vic", vic}, {"w-wes", wes}}) {
      s.put("/api/groups/" + g + "/members/" + p[0], uma, null);
      s.put("/api/groups/" + g + "/members/" + p[0], p[1], null);
    }
    s.post("/api/groups/" + g + "/requests", xia, null);
    try (Browser b = new Browser(s.server.port(), "en", 1280, 900)) {
      b.login("w-uma", "Uma", "Ops", false);
      b.go("#/group/" + g);
      b.type("#group-details input[name=name]", "Incident reviews");
      b.type("#group-details input[name=topics]", "#postmortems oncall");
      b.el("#group-details button[type=submit]").click();
      b.withText("main h1", "Incident reviews");
      assertThat(b.withText("#group-topics", "#postmortems").getText()).contains("#oncall");
      assertThat(b.el("#group-about").getText()).isEqualTo("Private · 3 members");
      assertThat(b.el("#group-members li").getText()).as("a request to join waits for an answer: first").contains("Xia");
      b.clickIn("#group-members li", "Vic", "button");     // make owner
      b.waitFor(d -> b.withText("#group-members li", "Vic").getText().contains("(owner)"));
      b.waitFor(d -> { b.withText("#group-members li", "Wes").findElements(By.tagName("button")).get(1).click(); return true; }); // remove
      b.waitFor(d -> !b.el("#group-members").getText().contains("Wes"));
      b.clickIn("#group-members li", "Xia", "button");     // approve
      b.waitFor(d -> b.withText("#group-members li", "Xia").getText().contains("(member)"));
      assertThat(s.get("/api/groups/" + g + "/members", uma).body().toString()).doesNotContain("w-wes");
      b.js("window.confirm = () => true");
      b.withText("button", "Archive the group").click();
      b.withText("#group-about", "archived");
      assertThat(b.driver.findElements(By.cssSelector("form.compose"))).as("read-only: nothing to post").isEmpty();
      assertThat(s.get("/api/groups/" + g, uma).json().getBoolean("archived")).isTrue();
    }
  }

  @Test
  void aBigGroupsOwner_pagesOnThroughItsMembers_andMakesOneFromTheSecondPageAnOwner_andWhoLooksAfterWhatPagesOnToo() throws Exception {
    String bea = token("w-bea", "Bea", "Ops");
    String g = s.openGroup(bea, "All of Ops");
    for (int i = 1; i <= 24; i++) {
      String id = String.format("w-op%02d", i);
      assertThat(s.put("/api/groups/" + g + "/members/" + id, token(id, String.format("Op %02d", i), "Ops"), null).status()).isEqualTo(200);
    }
    // 22 topics looked after, more than the directory's first page
    String admin = s.server.tokens().sign(new JsonObject().put("sub", "w-padm").put("name", "Pat Admin").put("roles", new JsonArray().add("admin")), 60);
    for (int i = 1; i <= 22; i++) {
      String tag = String.format("zzpage%02d", i);
      s.publish(bea, "About #" + tag);
      assertThat(s.put("/api/topics/" + tag + "/owners/w-bea", admin, null).status()).isEqualTo(200);
    }
    try (Browser b = new Browser(s.server.port(), "en", 1280, 900)) {
      b.login("w-bea", "Bea", "Ops", false);
      b.go("#/group/" + g);
      b.waitFor(d -> d.findElements(By.cssSelector("#group-members li")).size() == 20);
      assertThat(b.el("#group-about").getText()).contains("25 members");
      List<String> firstPage = b.driver.findElements(By.cssSelector("#group-members li")).stream().map(WebElement::getText).toList();
      b.withText("#group-members + button.more", "More results").click();
      b.waitFor(d -> d.findElements(By.cssSelector("#group-members li")).size() == 25);
      String later = b.driver.findElements(By.cssSelector("#group-members li")).stream().map(WebElement::getText).filter(t -> !firstPage.contains(t))
          .findFirst().orElseThrow().substring(0, 5); // "Op nn"
      b.clickIn("#group-members li", later, "button"); // make owner: the first of a member's two
      b.waitFor(d -> b.withText("#group-members li", later).getText().contains("(owner)"));
      String promoted = String.format("w-op%s", later.substring(3));
      assertThat(s.get("/api/groups/" + g + "/members?limit=100", bea).json().getJsonArray("items").stream().map(o -> (JsonObject) o)
          .filter(m -> m.getJsonObject("user").getString("id").equals(promoted)).findFirst().orElseThrow().getString("role")).isEqualTo("owner");
    }
    try (Browser b = new Browser(s.server.port(), "en", 1280, 900)) {
      b.login("w-padm", "Pat Admin", "IT", false, true);
      b.go("#/experts");
      b.withText("#topic-directory li", "#zzpage");
      int first = b.driver.findElements(By.cssSelector("#topic-directory li")).size();
      assertThat(first).as("the first page").isEqualTo(20);
      b.withText("#topic-directory + button.more", "More results").click();
      b.withText("#topic-directory li", "#zzpage22 — Bea");
      assertThat(b.driver.findElements(By.cssSelector("#topic-directory li")).stream().filter(li -> li.getText().startsWith("#zzpage")).count())
          .isEqualTo(22);
    }
  }

  @Test
  void myFiles_theModerationLog_andTheQueueOfOffers_pageOnPastTheirFirstPage() throws Exception {
    String ivo = token("w-ivo", "Ivo", "Design");
    for (int i = 1; i <= 21; i++) {
      assertThat(s.upload(ivo, String.format("sketch%02d.txt", i), ("sketch " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)).status())
          .isEqualTo(201);
    }
    // 22 decisions by one admin, newer than any other test's
    String admin = s.server.tokens().sign(new JsonObject().put("sub", "w-ina").put("name", "Ina Admin").put("roles", new JsonArray().add("admin")), 60);
    String reporter = token("w-rex", "Rex", "Design");
    for (int i = 1; i <= 22; i++) {
      String post = s.publish(ivo, String.format("Draft number %02d", i));
      assertThat(s.post("/api/posts/" + post + "/reports", reporter, new JsonObject().put("reason", "other").put("note", "Checking the log")).status()).isEqualTo(201);
      assertThat(s.post("/api/posts/" + post + "/moderation", admin, new JsonObject().put("action", "keep")).status()).isEqualTo(200);
    }
    // 101 offers, the longest waiting first: the last beyond the first page of 100
    String oda = token("w-oda", "Oda", "Design");
    for (int i = 1; i <= 101; i++) {
      assertThat(s.put(String.format("/api/topics/zzoffer%03d/offers/w-oda", i), oda, new JsonObject()).status()).isEqualTo(200);
    }
    try (Browser b = new Browser(s.server.port(), "en", 1280, 900)) {
      b.login("w-ivo", "Ivo", "Design", false);
      b.go("#/user/w-ivo");
      b.waitFor(d -> d.findElements(By.cssSelector("#my-files li")).size() == 20);
      assertThat(b.el("#my-files").getText()).as("the newest first").contains("sketch21.txt").doesNotContain("sketch01.txt");
      b.withText("#my-files + button.more", "Older").click();
      b.withText("#my-files li", "sketch01.txt");
      assertThat(b.driver.findElements(By.cssSelector("#my-files li"))).hasSize(21);
    }
    try (Browser b = new Browser(s.server.port(), "en", 1280, 900)) {
      b.login("w-ina", "Ina Admin", "IT", false, true);
      b.go("#/moderation");
      b.waitFor(d -> d.findElements(By.cssSelector("#moderation-log li")).size() == 20);
      assertThat(b.el("#moderation-log").getText()).as("the newest decision first").startsWith("Ina Admin kept a post by Ivo");
      List<WebElement> firstPage = b.driver.findElements(By.cssSelector("#moderation-log li"));
      assertThat(firstPage).allSatisfy(li -> assertThat(li.getText()).startsWith("Ina Admin kept a post by Ivo"));
      b.withText("#moderation-log + button.more", "Older").click();
      b.waitFor(d -> d.findElements(By.cssSelector("#moderation-log li")).size() > 20);
      assertThat(b.driver.findElements(By.cssSelector("#moderation-log li")).stream().filter(li -> li.getText().startsWith("Ina Admin kept"))
          .count()).as("the two oldest of hers on the second page").isEqualTo(22);

      b.go("#/experts");
      b.withText("#topic-offers-queue li", "#zzoffer001");
      assertThat(b.el("#nav-experts .badge").getText()).as("more than a page waits").isEqualTo("100+");
      assertThat(b.el("#topic-offers-queue").getText()).doesNotContain("#zzoffer101");
      b.withText("#topic-offers-queue + button.more", "More results").click();
      b.withText("#topic-offers-queue li", "#zzoffer101");
    } finally {
      // the server is shared: other tests expect no offers but their own
      for (int i = 1; i <= 101; i++) s.delete(String.format("/api/topics/zzoffer%03d/offers/w-oda", i), oda);
    }
  }

  @Test
  void aProfile_countsAndListsItsFollowers_andMyOwnListsWhomIFollow_toUnfollowThere() throws Exception {
    String fay = token("w-fay", "Fay", "Legal");
    for (int i = 1; i <= 21; i++) {
      String id = String.format("w-fan%02d", i);
      assertThat(s.put("/api/me/following/users/w-fay", token(id, String.format("Fan %02d", i), "Legal"), null).status()).isEqualTo(200);
    }
    assertThat(s.put("/api/me/following/users/w-fan07", fay, null).status()).isEqualTo(200);
    assertThat(s.put("/api/me/following/topics/contracts", fay, null).status()).isEqualTo(200);
    try (Browser b = new Browser(s.server.port(), "en", 1280, 900)) {
      b.login("w-fan01", "Fan 01", "Legal", false);
      b.go("#/user/w-fay");
      assertThat(b.el("#followers summary").getText()).isEqualTo("21 followers · follows 1 person and 1 topic");
      assertThat(b.driver.findElements(By.id("my-follows"))).as("whom others follow is theirs to see").isEmpty();
      b.el("#followers summary").click();
      b.waitFor(d -> d.findElements(By.cssSelector("#follower-list li")).size() == 20);
      b.withText("#followers button.more", "More results").click();
      b.withText("#follower-list li", "Fan 21");
      assertThat(b.driver.findElements(By.cssSelector("#follower-list li"))).hasSize(21);
      b.clickIn("#follower-list li", "Fan 07", "a");
      b.withText("main h1", "Fan 07");
    }
    try (Browser b = new Browser(s.server.port(), "en", 1280, 900)) {
      b.login("w-fay", "Fay", "Legal", false);
      b.go("#/user/w-fay");
      b.el("#my-follows summary").click();
      assertThat(b.el("#my-follows").getText()).contains("Fan 07", "#contracts");
      b.clickIn("#my-follows li", "#contracts", "button[aria-pressed=true]");
      b.waitFor(d -> b.withText("#my-follows li", "#contracts").findElement(By.cssSelector("button")).getDomAttribute("aria-pressed").equals("false"));
      assertThat(s.get("/api/me/following", fay).json().getJsonArray("topics")).as("unfollowed from the list").isEmpty();
    }
  }

  @Test
  void theServersOwnFailures_showTheRequestsReference_andRefusalsOfWhatOneSentDoNot() {
    try (Browser b = new Browser(s.server.port(), "en", 1280, 900)) {
      b.login("w-ref", "Ref", "Ops", false);
      String script = "const done = arguments[arguments.length - 1]; import('/app/ui.js').then((m) => done([m.problemText(arguments[0]), "
          + "m.problemText(arguments[1])]), (e) => done(String(e)));";
      Object shown = b.driver.executeAsyncScript(script,
          Map.of("status", 503, "problem", Map.of("detail", "the event log is unavailable; nothing was changed, retry later", "requestId", "7f3a9c0e12b4d5a6")),
          Map.of("status", 400, "problem", Map.of("detail", "text is empty", "requestId", "0a1b2c3d4e5f6a7b")));
      assertThat(shown).isEqualTo(List.of("the event log is unavailable; nothing was changed, retry later (reference 7f3a9c0e12b4d5a6)", "text is empty"));
    }
  }

  @Test
  void theLinkLibrary_savesALinkWithTagsAndAComment_countsTheSameAddressOnce_andFiltersByTag() throws Exception {
    try (Browser yan = new Browser(s.server.port(), "en", 1280, 900); Browser zoe = new Browser(s.server.port(), "en", 1280, 900)) {
      yan.login("w-yan", "Yan", "Dev", false);
      zoe.login("w-zoe", "Zoe", "Dev", false);
      yan.go("#/links");
      yan.el("#save-link-box summary").click();
      yan.type("#link-url", "https://example.org/guides/flaky-tests");
      yan.type("#link-tags", "#testing ci");
      yan.type("#link-comment", "The best write-up on retries");
      yan.el("#save-link button[type=submit]").click();
      yan.withText("#links li.link", "The best write-up on retries");
      // zoe saves the same address with a tracking parameter: one entry, two people
      zoe.go("#/links");
      zoe.withText("#links li.link", "shared by 1 person");
      zoe.el("#save-link-box summary").click();
      zoe.type("#link-url", "https://example.org/guides/flaky-tests/?utm_source=mail");
      zoe.type("#link-tags", "testing");
      zoe.el("#save-link button[type=submit]").click();
      zoe.withText("#links li.link", "shared by 2 people");
      assertThat(zoe.driver.findElements(By.cssSelector("#links li.link"))).hasSize(1);
      zoe.screenshot("links-desktop");
      zoe.withText("#links li.link button.chip", "#ci").click();
      zoe.waitFor(d -> ((String) zoe.js("return location.hash")).contains("tag=ci"));
      zoe.withText("#links li.link", "flaky-tests");
      // yan removes his bookmark; zoe's stays
      yan.go("#/links");
      yan.clickIn("#links li.link", "flaky-tests", "button:not(.chip)");
      yan.withText("#links li.link", "shared by 1 person");
      // a card lists the newest three shares and counts the rest
      for (String who : List.of("w-ann", "w-bo", "w-cy")) {
        s.post("/api/bookmarks", token(who, who, "Ops"), new JsonObject().put("url", "https://example.org/guides/flaky-tests").put("comment", "from " + who));
      }
      zoe.go("#/links");
      WebElement card = zoe.withText("#links li.link", "shared by 4 people");
      assertThat(card.findElements(By.cssSelector("ul.shares li")).stream().map(WebElement::getText).toList()).as("three shares, then how many more")
          .hasSize(4).last().isEqualTo("+1");
    }
  }

  @Test
  void anIdeaIsProposed_aLeaderPutsItUnderReviewWithANote_andTheBoardFiltersByStatus() throws Exception {
    try (Browser ada = new Browser(s.server.port(), "en", 1280, 900); Browser leo = new Browser(s.server.port(), "en", 1280, 900)) {
      ada.login("w-ada", "Ada", "Plant", false);
      leo.login("w-leo", "Leo", "Board", true);
      ada.go("#/ideas");
      ada.type("form.compose textarea", "Solar panels on the plant roof #energy");
      ada.el("form.compose button[type=submit]").click();
      ada.withText("article.post", "Solar panels");
      assertThat(ada.driver.findElements(By.cssSelector("form.decide"))).as("an employee does not decide").isEmpty();
      leo.go("#/ideas");
      WebElement idea = leo.withText("article.post", "Solar panels");
      new org.openqa.selenium.support.ui.Select(idea.findElement(By.cssSelector("form.decide select"))).selectByValue("under-review");
      idea.findElement(By.cssSelector("form.decide input")).sendKeys("Facilities costs it by March");
      idea.findElement(By.cssSelector("form.decide button")).click();
      leo.withText("article.post .decided", "Facilities costs it by March");
      ada.go("#/ideas?status=under-review");
      WebElement mine = ada.withText("article.post", "Solar panels");
      assertThat(mine.findElement(By.cssSelector(".chip[data-status]")).getText()).isEqualTo("Under review");
      assertThat(mine.getText()).contains("Decided by Leo: Facilities costs it by March");
      ada.go("#/ideas?status=done");
      ada.el("main h1");
      Thread.sleep(250);
      assertThat(ada.pageText()).doesNotContain("Solar panels");
    }
  }

  @Test
  void aNewcomersEmptyHome_offersColleaguesFromTheirDepartmentToFollow() throws Exception {
    String olav = token("w-olav", "Olav", "Tundra");
    token("w-pia", "Pia", "Tundra");
    token("w-quinn", "Quinn", "Desert");
    try (Browser nina = new Browser(s.server.port(), "en", 1280, 900)) {
      nina.login("w-nina", "Nina", "Tundra", false);
      WebElement card = nina.withText("#suggestions", "Colleagues in Tundra");
      assertThat(card.getText()).contains("Olav", "Pia", "in your department").doesNotContain("Quinn", "Nina");
      nina.clickIn("#suggestions li", "Olav", "button");
      nina.waitFor(d -> "true".equals(nina.withText("#suggestions li", "Olav").findElement(By.tagName("button")).getAttribute("aria-pressed")));
      nina.go("#/groups");
      nina.withText("main h1", "Groups");
      nina.go("#/home");
      nina.withText("#suggestions", "Pia");
      assertThat(nina.el("#suggestions").getText()).as("followed already").doesNotContain("Olav");
      // once her home has posts, suggestions fold under the composer, topics among them
      s.publish(olav, "Winter tyres before November #tundratips");
      nina.go("#/groups");
      nina.withText("main h1", "Groups");
      nina.go("#/home");
      nina.withText("#timeline .post", "Winter tyres");
      nina.el("#suggestions summary").click();
      nina.withText("#topic-suggestions li", "#tundratips");
      assertThat(nina.el("#topic-suggestions").getText()).contains("a colleague writes about it");
    }
  }

  @Test
  void manyAnnouncementsWaiting_showTheNewestTwo_andTheRestBehindOneButton() throws Exception {
    String boss = s.server.tokens().sign(new JsonObject().put("sub", "w-boss").put("name", "Boss").put("department", "Board")
        .put("roles", new io.vertx.core.json.JsonArray().add("leader")), 60);
    token("w-yuki", "Yuki", "Archive");
    for (int i = 1; i <= 4; i++) {
      assertThat(s.post("/api/announcements", boss, new JsonObject().put("text", "Archive notice " + i)
          .put("audience", new JsonObject().put("kind", "department").put("department", "Archive"))).status()).isEqualTo(201);
    }
    try (Browser yuki = new Browser(s.server.port(), "en", 1280, 900)) {
      yuki.login("w-yuki", "Yuki", "Archive", false);
      yuki.withText("#pinned .post.pinned", "Archive notice 4");
      assertThat(yuki.driver.findElements(By.cssSelector("#pinned .post.pinned")).stream().filter(WebElement::isDisplayed).count()).isEqualTo(2);
      yuki.withText("#pinned-more", "2 more announcements").click();
      yuki.withText("#pinned .post.pinned", "Archive notice 1");
      assertThat(yuki.el("#pinned-more").getText()).isEqualTo("Show fewer announcements");
      yuki.clickIn("#pinned .post.pinned", "Archive notice 4", "button");
      yuki.waitFor(d -> d.findElements(By.cssSelector("#pinned .post.pinned")).size() == 3);
      assertThat(yuki.driver.findElements(By.cssSelector("#pinned .post.pinned")).stream().filter(WebElement::isDisplayed).count()).isEqualTo(3);
    }
  }

  @Test
  void aPostSavedForLater_isOnTheSavedScreen_andOlderPostsAndSearchResultsComeAPageAtATime() throws Exception {
    String rune = token("w-rune", "Rune", "Docs");
    String checklist = s.publish(rune, "The release checklist, step by step");
    for (int i = 1; i <= 35; i++) s.publish(rune, "Docs note " + i);
    try (Browser siri = new Browser(s.server.port(), "en", 1280, 900)) {
      siri.login("w-siri", "Siri", "Docs", false);
      siri.go("#/user/w-rune");
      siri.withText("article.post", "Docs note 35");
      assertThat(siri.driver.findElements(By.cssSelector("article.post"))).as("one page").hasSize(30);
      siri.el("#older").click();
      siri.clickIn("article.post", "The release checklist", "button[data-action=save]");
      siri.waitFor(d -> "true".equals(siri.withText("article.post", "The release checklist").findElement(By.cssSelector("[data-action=save]"))
          .getAttribute("aria-pressed")));
      assertThat(siri.driver.findElements(By.cssSelector("article.post"))).as("both pages").hasSize(36);
      assertThat(siri.driver.findElement(By.id("older")).isDisplayed()).as("nothing older").isFalse();
      siri.el("#nav-saved").click();
      siri.withText("#saved article.post", "The release checklist");
      assertThat(siri.driver.findElements(By.cssSelector("#saved article.post"))).hasSize(1);
      assertThat(s.get("/api/posts/" + checklist, rune).json().getBoolean("savedByMe")).as("the author does not learn of it").isFalse();
      siri.clickIn("#saved article.post", "The release checklist", "button[data-action=save]");
      siri.waitFor(d -> siri.el("#saved [data-action=save]").getText().equals("Save for later"));
      siri.go("#/home");
      siri.el("#nav-saved").click();
      siri.withText("#saved", "Posts you save for later are kept here");
      // search pages on the same way
      siri.go("#/search?q=docs%20note");
      siri.withText("#results article.card", "Docs note");
      assertThat(siri.driver.findElements(By.cssSelector("#results article.card")).size()).as("one page").isLessThan(35);
      for (int page = 0; page < 5 && siri.driver.findElement(By.cssSelector("#results button.more")).isDisplayed(); page++) {
        int before = siri.driver.findElements(By.cssSelector("#results article.card")).size();
        siri.el("#results button.more").click();
        siri.waitFor(d -> d.findElements(By.cssSelector("#results article.card")).size() > before);
      }
      assertThat(siri.driver.findElements(By.cssSelector("#results article.card"))).as("every docs note, once").hasSize(35);
      // and so do the questions, the links and the groups: past the first page, a page at a time
      String asker = s.token("w-asker", "Asker", "Ops");
      for (int i = 0; i < 26; i++) s.post("/api/posts", asker, new JsonObject().put("text", "Paged question " + i + "? #pagedq").put("kind", "question"));
      siri.go("#/questions?status=unanswered&topic=pagedq");
      siri.withText("#questions li", "Paged question 25? #pagedq");
      assertThat(siri.js("const a = document.querySelector('main a[aria-current=page]'); return a.textContent + ' ' + getComputedStyle(a).fontWeight"))
          .as("the filter chosen shows").isEqualTo("Unanswered 700");
      assertThat(siri.driver.findElements(By.cssSelector("#questions li")).size()).as("one page").isLessThan(26);
      siri.el("main > button.more").click();
      siri.withText("#questions li", "Paged question 0? #pagedq");
      assertThat(siri.driver.findElements(By.cssSelector("#questions li"))).as("every question, once").hasSize(26);
      assertThat(siri.driver.findElement(By.cssSelector("main > button.more")).isDisplayed()).as("nothing more").isFalse();
    }
  }

  @Test
  void aPollAskedFromHome_isVotedInByAColleague_theAuthorSeesTheCountsMoveLive_andEndsIt() throws Exception {
    try (Browser ann = new Browser(s.server.port(), "en", 1280, 900); Browser ben = new Browser(s.server.port(), "nb", 1280, 900)) {
      ann.login("w-polla", "Polla", "Ops", false);
      ann.type("#compose textarea", "Which day for the team dinner?");
      ann.el("#poll-toggle").click();
      List<WebElement> fields = ann.driver.findElements(By.cssSelector("#compose .poll-input"));
      fields.get(0).sendKeys("Thursday");
      fields.get(1).sendKeys("Friday");
      ann.el("#poll-more").click();
      ann.driver.findElements(By.cssSelector("#compose .poll-input")).get(2).sendKeys("Saturday");
      new org.openqa.selenium.support.ui.Select(ann.el("#poll-closes")).selectByValue("7");
      ann.el("#compose button[type=submit]").click();
      WebElement card = ann.withText("#timeline article.post", "Which day for the team dinner?");
      assertThat(card.findElements(By.cssSelector(".poll-option"))).hasSize(3);
      assertThat(ann.el("#poll-toggle").getAttribute("aria-expanded")).as("the composer is ready for the next post").isEqualTo("false");
      String id = card.getAttribute("data-id");
      JsonObject poll = s.get("/api/posts/" + id, token("w-polla", "Polla", "Ops")).json().getJsonObject("poll");
      assertThat(poll.getString("closesAt")).isNotNull();

      ben.login("w-pollb", "Pollb", "Ops", false);
      ben.go("#/post/" + id);
      ben.withText("article.post", "Avstemning");
      ben.clickIn("article.post", "team dinner", ".poll-option[data-option='1']");
      ben.waitFor(d -> "true".equals(ben.el(".poll-option[data-option='1']").getAttribute("aria-pressed")));
      ann.waitFor(d -> ann.el("#timeline .poll-option[data-option='1']").getText().contains("100 % · 1"));
      assertThat(ann.el("#timeline .poll-option[data-option='1']").getAttribute("aria-pressed")).as("ben's choice is not ann's").isEqualTo("false");
      ann.el("#timeline .poll-option[data-option='2']").click();
      ann.waitFor(d -> ann.el("#timeline .poll-option[data-option='2']").getText().contains("50 % · 1"));
      ben.waitFor(d -> ben.el(".poll-option[data-option='2']").getText().contains("50 % · 1"));
      ann.screenshot("poll-desktop");
      ben.clickIn("article.post", "team dinner", ".poll-option[data-option='1']");
      ben.waitFor(d -> "false".equals(ben.el(".poll-option[data-option='1']").getAttribute("aria-pressed")));
      ann.waitFor(d -> ann.el("#timeline .poll-option[data-option='1']").getText().contains("0 % · 0"));
      assertThat(ann.el("#timeline .poll").getText()).contains("1 vote").doesNotContain("1 votes");
      assertThat(ann.el("#timeline .poll-option[data-option='2']").getAttribute("aria-pressed")).as("ann's own choice stays marked live").isEqualTo("true");
      assertThat(ben.driver.findElements(By.cssSelector("[data-action=end-poll]"))).as("only its author ends it").isEmpty();
      ann.el("#timeline [data-action=end-poll]").click();
      ann.withText("#timeline .poll", "voting has ended");
      ben.withText(".poll", "avstemningen er slutt");
      assertThat(ben.el(".poll-option[data-option='0']").isEnabled()).as("no more votes").isFalse();
    }
  }

  @Test
  void aPhotoAndADocumentAttachedFromHome_showInAColleaguesTimeline_thePhotoAsAThumbnail_andOpenWhole(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createDirectories(tmp.resolve("deling-upload"));
    java.nio.file.Path photo = dir.resolve("whiteboard.png");
    java.nio.file.Files.write(photo, no.deling.support.Images.png(1600, 1200));
    java.nio.file.Path doc = dir.resolve("minutes.pdf");
    java.nio.file.Files.writeString(doc, "%PDF-1.4\n%%EOF\n");
    try (Browser ann = new Browser(s.server.port(), "en", 1280, 900); Browser ben = new Browser(s.server.port(), "nb", 1280, 900)) {
      ann.login("w-filea", "Filea", "Design", false);
      ben.login("w-fileb", "Fileb", "Design", false);
      ben.go("#/user/w-filea");
      ben.withText("button", "Følg").click();
      ben.withText("button", "Følger");
      ben.go("#/home");
      ben.el("#compose textarea");

      ann.type("#compose textarea", "Notes from the #design review");
      WebElement input = ann.driver.findElement(By.cssSelector("#compose input[type=file]"));
      ann.js("arguments[0].hidden = false;", input); // a person clicks "Attach files"; a driver types the path into the picker
      input.sendKeys(photo + "\n" + doc);
      ann.js("arguments[0].hidden = true;", input);
      ann.waitFor(d -> ann.driver.findElements(By.cssSelector("#compose .files .chip[data-id]")).size() == 2);
      assertThat(ann.driver.findElements(By.cssSelector("#compose .files input.describe"))).as("an image is described; a PDF is not").hasSize(1);
      ann.el("#compose .files input.describe").sendKeys("The release train on the whiteboard");
      ann.el("#compose textarea").click(); // leaving the field stores the description
      ann.waitFor(d -> s.events().stream().anyMatch(e -> e.type().equals("FileDescribed.v1")));
      assertThat(ann.el("#compose .files").getText()).as("in the order chosen").startsWith("whiteboard.png").contains("minutes.pdf")
          .as("a document's chip has no box to describe it, nor the word null in its place").doesNotContain("null");
      ann.el("#compose button[type=submit]").click();
      WebElement mine = ann.withText("#timeline article.post", "Notes from the #design review");
      assertThat(mine.findElements(By.cssSelector(".files img"))).hasSize(1);
      assertThat(ann.driver.findElements(By.cssSelector("#compose .files .chip"))).as("the composer is ready for the next post").isEmpty();

      ben.withText("#newbar", "1 nytt innlegg").click();
      WebElement card = ben.withText("#timeline article.post", "Notes from the #design review");
      ben.waitFor(d -> Boolean.TRUE.equals(ben.js("const i = document.querySelector('#timeline .files img'); return !!i && i.complete && i.naturalWidth > 0;")));
      assertThat(((Number) ben.js("return document.querySelector('#timeline .files img').naturalWidth;")).intValue())
          .as("the thumbnail, not the 1600-pixel original").isEqualTo(640);
      // its box is known before the thumbnail comes (the timeline does not jump), and the picture keeps its proportions
      WebElement shown = card.findElement(By.cssSelector(".files img"));
      assertThat(List.of(shown.getAttribute("width"), shown.getAttribute("height"))).as("640 × 480, no taller than 24rem").containsExactly("512", "384");
      assertThat(List.of(shown.getRect().getWidth(), shown.getRect().getHeight())).containsExactly(512, 384);
      assertThat(card.findElement(By.cssSelector(".files img")).getAttribute("alt")).as("what it shows, for a screen reader")
          .isEqualTo("The release train on the whiteboard");
      assertThat(card.findElement(By.cssSelector(".files a.chip")).getText()).startsWith("minutes.pdf");
      assertThat(s.get("/api/posts/" + card.getAttribute("data-id"), token("w-fileb", "Fileb", "Design")).json().getJsonArray("attachments")
          .stream().map(o -> ((JsonObject) o).getString("name")).toList()).containsExactly("whiteboard.png", "minutes.pdf");
      ann.waitFor(d -> Boolean.TRUE.equals(ann.js("const i = document.querySelector('#timeline .files img'); return !!i && i.complete && i.naturalWidth > 0;")));
      ann.screenshot("attachments-desktop");
      String home = ben.driver.getWindowHandle();
      card.findElement(By.cssSelector(".files img")).click();
      ben.waitFor(d -> d.getWindowHandles().size() == 2);
      for (String w : ben.driver.getWindowHandles()) if (!w.equals(home)) ben.driver.switchTo().window(w);
      ben.waitFor(d -> d.getCurrentUrl().startsWith("blob:"));
      ben.waitFor(d -> Boolean.TRUE.equals(ben.js("const i = document.querySelector('img'); return !!i && i.naturalWidth === 1600;")));
      ben.driver.close();
      ben.driver.switchTo().window(home);

      // ann chooses the photo as her own; ben sees it beside her name
      ann.go("#/user/w-filea");
      ann.withText("#photo button", "Choose a photo");
      assertThat(ann.el("#photo").getText()).as("no photo yet: no remove button, nor the word null in its place").doesNotContain("null", "Remove");
      WebElement picker = ann.driver.findElement(By.cssSelector("#photo input[type=file]"));
      ann.js("arguments[0].hidden = false;", picker);
      picker.sendKeys(photo.toString());
      ann.waitFor(d -> Boolean.TRUE.equals(ann.js("const i = document.querySelector('#photo img.big'); return !!i && i.naturalWidth > 0;")));
      ben.go("#/user/w-filea");
      ben.waitFor(d -> Boolean.TRUE.equals(ben.js("const i = document.querySelector('main article.post header img.avatar'); return !!i && i.naturalWidth > 0;")));
      assertThat(ben.driver.findElements(By.cssSelector("#photo button"))).as("only she changes her photo").isEmpty();

      // a file dropped on the composer is attached too
      ann.go("#/home");
      ann.el("#compose textarea");
      ann.js("const d = new DataTransfer(); d.items.add(new File(['agenda'], 'agenda.txt', { type: 'text/plain' }));"
          + "document.querySelector('#compose').dispatchEvent(new DragEvent('drop', { dataTransfer: d, bubbles: true, cancelable: true }));");
      ann.waitFor(d -> ann.driver.findElements(By.cssSelector("#compose .files .chip[data-id]")).size() == 1);
      assertThat(ann.el("#compose .files").getText()).startsWith("agenda.txt");

      // her own files, on her profile: where each shows, and the one never posted deleted
      ann.go("#/user/w-filea");
      WebElement agenda = ann.withText("#my-files li", "agenda.txt");
      assertThat(agenda.getText()).contains("in no post yet");
      assertThat(ann.el("#my-files").getText()).contains("whiteboard.png · your photo").contains("minutes.pdf · in 1 post");
      String agendaId = agenda.getAttribute("data-file");
      agenda.findElement(By.tagName("button")).click();
      ann.waitFor(d -> d.findElements(By.cssSelector("#my-files li[data-file='" + agendaId + "']")).isEmpty());
      assertThat(s.get("/api/files/" + agendaId, token("w-filea", "Filea", "Design")).status()).isEqualTo(404);

      // an edit takes the PDF off the post again
      ann.go("#/home");
      WebElement post = ann.withText("#timeline article.post", "Notes from the #design review");
      String postId = post.getAttribute("data-id");
      post.findElement(By.cssSelector("[data-action=edit]")).click();
      WebElement pdfChip = ann.withText("#timeline article.post form .files .chip", "minutes.pdf");
      pdfChip.findElement(By.tagName("button")).click();
      ann.el("#timeline article.post form button[type=submit]").click();
      ann.waitFor(d -> d.findElements(By.cssSelector("#timeline article.post[data-id='" + postId + "'] form")).isEmpty());
      assertThat(ann.driver.findElements(By.cssSelector("#timeline article.post[data-id='" + postId + "'] > .files a.chip"))).isEmpty();
      assertThat(s.get("/api/posts/" + postId, token("w-fileb", "Fileb", "Design")).json().getJsonArray("attachments").size()).isEqualTo(1);

      // a heavy GIF shows its first frame in the timeline, marked as moving when opened
      java.awt.image.BufferedImage noise = new java.awt.image.BufferedImage(1100, 1000, java.awt.image.BufferedImage.TYPE_BYTE_INDEXED);
      java.util.Random random = new java.util.Random(5);
      for (int y = 0; y < 1000; y++) for (int x = 0; x < 1100; x++) noise.getRaster().setSample(x, y, 0, random.nextInt(256));
      java.io.ByteArrayOutputStream gif = new java.io.ByteArrayOutputStream();
      javax.imageio.ImageIO.write(noise, "gif", gif);
      String annToken = token("w-filea", "Filea", "Design");
      String gifId = s.upload(annToken, "static.gif", gif.toByteArray()).json().getString("id");
      s.post("/api/posts", annToken, new JsonObject().put("text", "The test pattern, moving").put("attachments", new io.vertx.core.json.JsonArray().add(gifId)));
      ben.go("#/home");
      WebElement moving = ben.withText("#timeline article.post", "The test pattern, moving");
      assertThat(moving.findElement(By.cssSelector(".files a.still .badge")).getText()).isEqualTo("GIF ▶");
      ben.waitFor(d -> Boolean.TRUE.equals(ben.js("const i = document.querySelector('#timeline .files a.still img'); return !!i && i.naturalWidth === 640;")));
    }
  }

  @Test
  void backAfterAWeekend_theHomeOpensWithWhatColleaguesTookUpMost_once() throws Exception {
    String ida = token("w-away-ida", "Ida", "Sales");
    String fan = token("w-away-fan", "Fan", "Sales");
    try (Browser ole = new Browser(s.server.port(), "en", 1280, 900)) {
      ole.login("w-away-ole", "Ole", "Sales", false);
      s.put("/api/me/following/users/w-away-ida", token("w-away-ole", "Ole", "Sales"), null);
      String busy = s.publish(ida, "The new price list is out #sales");
      s.put("/api/posts/" + busy + "/endorsement", fan, null);
      s.reply(fan, busy, "Finally!");
      s.publish(ida, "Lunch at noon");
      // Ole last looked at his home on Friday
      ole.js("localStorage.setItem('deling.seen.w-away-ole', String(Date.now() - 60 * 3600e3)); location.reload();");
      WebElement digest = ole.withText("#digest", "While you were away: 2 new posts. Taken up most:");
      assertThat(digest.findElements(By.cssSelector("article.post"))).singleElement()
          .satisfies(p -> assertThat(p.getText()).contains("The new price list is out"));
      ole.screenshot("while-away-desktop");
      ole.js("location.reload();");
      ole.el("#compose textarea");
      assertThat(ole.driver.findElements(By.cssSelector("#digest"))).as("once: now he has seen it").isEmpty();
    }
  }

  @Test
  void aDraft_survivesLeavingTheScreenAndAReload_isPostedOnce_andGoesWithSigningOut() throws Exception {
    try (Browser dag = new Browser(s.server.port(), "en", 1280, 900)) {
      dag.login("w-dag", "Dag", "Ops", false);
      String text = "Half-written thoughts on our #retros";
      dag.type("#compose textarea", text);
      dag.go("#/groups");
      dag.withText("main h1", "Groups");
      dag.go("#/home");
      assertThat(dag.el("#compose textarea").getAttribute("value")).isEqualTo(text);
      dag.driver.navigate().refresh();
      dag.waitFor(d -> text.equals(dag.el("#compose textarea").getAttribute("value")));
      dag.el("#compose button[type=submit]").click();
      dag.withText("#timeline article.post", "Half-written thoughts");
      dag.go("#/groups");
      dag.withText("main h1", "Groups");
      dag.go("#/home");
      assertThat(dag.el("#compose textarea").getAttribute("value")).as("posted: no draft left").isEmpty();
      assertThat(s.get("/api/users/w-dag/posts", token("w-dag", "Dag", "Ops")).json().getJsonArray("items")).hasSize(1);
      dag.type("#compose textarea", "A private musing");
      dag.go("#/logout");
      dag.waitFor(d -> ((Long) dag.js("return Object.keys(localStorage).filter((k) => k.startsWith('deling.draft.')).length")) == 0L);
    }
  }

  @Test
  void olderNotifications_comeFiftyAtATime() throws Exception {
    String ola = token("w-ola", "Ola", "Docs");
    token("w-nia", "Nia", "Docs");
    for (int i = 1; i <= 55; i++) s.publish(ola, "Note " + i + " for @w-nia");
    s.notificationsOf(s.token("w-nia", "Nia", "Docs"), "mention");
    try (Browser nia = new Browser(s.server.port(), "en", 1280, 900)) {
      nia.login("w-nia", "Nia", "Docs", false);
      nia.go("#/notifications");
      nia.withText("#notifications li", "Ola");
      assertThat(nia.driver.findElements(By.cssSelector("#notifications li"))).hasSize(50);
      assertThat(nia.el("#notifications li").getText()).as("what the newest says").contains("mentioned you: “Note 55 for @w-nia”");
      nia.el("#older-notifications").click();
      nia.waitFor(d -> d.findElements(By.cssSelector("#notifications li")).size() == 55);
      assertThat(nia.driver.findElement(By.id("older-notifications")).isDisplayed()).as("nothing older").isFalse();
    }
  }

  @Test
  void aGroupsOwnerPinsAPost_itsMembersSeeItOnTop_andTheOwnerTakesItDown_liveOnTheirPage() throws Exception {
    String gry = token("w-gry", "Gry", "HR");
    String hal = token("w-hal", "Hal", "HR");
    String g = s.openGroup(gry, "New starters");
    s.put("/api/groups/" + g + "/members/w-hal", hal, null);
    s.post("/api/posts", gry, new JsonObject().put("text", "Start here: your first week").put("group", g));
    s.post("/api/posts", hal, new JsonObject().put("text", "Where is the coffee machine?").put("group", g));
    try (Browser gryB = new Browser(s.server.port(), "en", 1280, 900); Browser halB = new Browser(s.server.port(), "en", 1280, 900)) {
      gryB.login("w-gry", "Gry", "HR", false);
      gryB.go("#/group/" + g);
      gryB.clickIn("main > section article.post", "Start here", "button[data-action=pin]");
      gryB.withText("#group-pinned article.post", "Start here");
      assertThat(gryB.driver.findElements(By.cssSelector("#group-pinned button[data-action=unpin]"))).hasSize(1);
      halB.login("w-hal", "Hal", "HR", false);
      halB.go("#/group/" + g);
      halB.withText("#group-pinned h2", "Pinned");
      assertThat(halB.el("#group-pinned").getText()).contains("Start here").doesNotContain("coffee");
      assertThat(halB.driver.findElements(By.cssSelector("button[data-action=pin], button[data-action=unpin]"))).as("owners only").isEmpty();
      gryB.el("#group-pinned button[data-action=unpin]").click();
      gryB.waitFor(d -> d.findElements(By.cssSelector("#group-pinned article.post")).isEmpty());
      halB.waitFor(d -> d.findElements(By.cssSelector("#group-pinned article.post")).isEmpty()); // live, no reload
      assertThat(halB.driver.findElements(By.cssSelector("article.post header a[href='#/group/" + g + "']"))).as("not on the group's own page").isEmpty();
      // met on the home timeline, a group's post says where it was posted, a link to the group
      halB.go("#/home");
      WebElement where = halB.withText("article.post", "Start here").findElement(By.cssSelector("header a[href='#/group/" + g + "']"));
      assertThat(where.getText()).isEqualTo("› New starters");
    }
  }

  @Test
  void anAdminMakesAColleagueATopicsOwner_whoIsTold_describesTheTopic_andPinsAPost_bothLiveOnTheAdminsPage() throws Exception {
    String tor = token("w-tor", "Tor", "Design");
    String una = token("w-una", "Una", "Design");
    s.publish(una, "Start with the style guide #uxdesign");
    s.publish(una, "Colours are in the shared library #uxdesign");
    s.post("/api/posts", una, new JsonObject().put("text", "Which icon set do we use? #uxdesign").put("kind", "question"));
    String files = s.post("/api/posts", una, new JsonObject().put("text", "Where are the design files? #uxdesign").put("kind", "question"))
        .json().getString("id");
    s.post("/api/posts", una, new JsonObject().put("text", "Which font for slides? #slides").put("kind", "question"));
    s.get("/api/me", tor);
    // vic's answer was accepted: he knows the topic best
    String vic = token("w-vic", "Vic Vang", "Design");
    s.put("/api/posts/" + files + "/accepted-answer", una, new JsonObject().put("answer", s.reply(vic, files, "In the shared drive's Design folder")));
    try (Browser adm = new Browser(s.server.port(), "en", 1280, 900); Browser torB = new Browser(s.server.port(), "en", 1280, 900)) {
      adm.login("w-adm", "Ada Admin", "IT", false, true);
      adm.go("#/topic/uxdesign");
      adm.withText("#topic-candidates", "Know it best: Vic Vang");
      assertThat(adm.driver.findElements(By.id("topic-offer"))).as("an admin appoints, and need not offer").isEmpty();
      // the directory offers colleagues as their name is typed
      adm.type("#topic-new-owner", "To");
      adm.waitFor(d -> adm.js("return [...document.querySelectorAll('#topic-owner-options option')].map(o => o.value + ' ' + o.textContent).join()")
          .toString().contains("w-tor Tor · Design"));
      adm.type("#topic-new-owner", "w-tor");
      adm.el("#topic-appoint").click();
      adm.withText("#topic-owners", "Looked after by: Tor");
      adm.el("#topic-candidates button[data-user=w-vic]").click();
      adm.withText("#topic-owners a", "Vic Vang");
      assertThat(adm.driver.findElements(By.id("topic-candidates"))).as("nobody left to suggest").isEmpty();

      torB.login("w-tor", "Tor", "Design", false);
      torB.go("#/notifications");
      torB.withText("#notifications li", "Ada Admin made you an owner of").findElement(By.cssSelector("a[href='#/topic/uxdesign']")).click();
      torB.withText("main h1", "#uxdesign");
      torB.el("#topic-describe summary").click();
      torB.type("#topic-description-field", "How we design our products, and where the guides are.");
      torB.el("#topic-details button[type=submit]").click();
      torB.withText("#topic-description", "How we design our products");
      adm.withText("#topic-description", "How we design our products"); // the admin's open page follows, without a reload
      torB.clickIn("main > section article.post", "style guide", "button[data-action=pin]");
      torB.withText("#topic-pinned article.post", "style guide");
      adm.withText("#topic-pinned article.post", "style guide"); // live on the admin's open page
      assertThat(adm.el("#topic-pinned").getText()).doesNotContain("Colours");
      adm.screenshot("topic-desktop");
      // the topic's unanswered questions, a click away for its owner
      assertThat(torB.el("#topic-waiting").getText()).as("the answered one is not waiting").startsWith("1 unanswered, the oldest since ");
      torB.js("arguments[0].scrollIntoView({block: 'center'})", torB.el("#topic-questions")); // (not under the fixed bar)
      torB.el("#topic-questions").click();
      torB.withText("#questions li", "Which icon set");
      assertThat(torB.el("#questions").getText()).doesNotContain("font for slides");
      torB.withText("main a[aria-current=page]", "Unanswered");
      torB.go("#/user/w-tor");
      torB.withText("#looks-after", "Looks after: #uxdesign");
      // the topic's pulse, for its owner: counts of who took part this week, once k people did (una, vic and four more)
      for (int i = 0; i < 4; i++) s.publish(token("w-ux" + i, "Ux " + i, "Product"), "Notes from the design review #uxdesign");
      torB.go("#/topic/uxdesign");
      torB.el("#topic-pulse summary").click();
      torB.waitFor(d -> torB.js("return [...document.querySelectorAll('#topic-pulse-weeks tr:last-child td')].slice(1).map(c => c.textContent).join('|')")
          .equals("6|8|2|1|2|6|50%")); // people, posts, questions, answers, departments, new, answered
      assertThat(torB.el("#topic-pulse").getText()).as("no one is named").doesNotContain("Una", "Vic", "Ux ");
      assertThat(torB.el("#topic-pulse-weeks").findElements(By.cssSelector("td.withheld"))).as("the earlier weeks: nobody took part").hasSize(7);
      // a question asked on the topic's page carries the topic, so its owner is asked at once
      adm.go("#/topic/uxdesign");
      adm.type("#topic-ask textarea", "How do we version icons?");
      adm.el("#topic-ask button[type=submit]").click();
      adm.withText("main article.post", "How do we version icons? #uxdesign");
      torB.go("#/notifications");
      torB.withText("#notifications li", "(looks after #uxdesign)");
      // Tor offers to look after another topic, saying why; so does Una, by the API
      torB.go("#/topic/slides");
      torB.el("#topic-offer summary").click();
      assertThat(torB.driver.findElements(By.id("topic-pulse"))).as("not his topic: no pulse of it").isEmpty();
      torB.type("#topic-offer-note", "I make our slide templates");
      torB.el("#topic-offer button[type=submit]").click();
      torB.withText("#topic-offered", "You offered to look after this topic on");
      // the admin is told at once, wherever they are: the bar's Who knows counts the topic, and the notification says who offered
      adm.withText("#nav-experts .badge", "1");
      adm.go("#/notifications");
      assertThat(adm.withText("#notifications li", "Tor offered to look after").findElement(By.cssSelector("a[href='#/topic/slides']")).getText())
          .contains("#slides");
      s.put("/api/topics/slides/offers/w-una", una, new JsonObject().put("note", "Me too"));
      adm.go("#/experts");
      assertThat(adm.withText("#topic-directory li", "#uxdesign — Tor").getText()).as("what waits for its owners: the icon set and the question asked just now").contains("2 unanswered, the oldest since");
      // the admin finds both offers waiting (Who knows says so in the bar), declines one and appoints the other
      adm.withText("#nav-experts .badge", "1");
      assertThat(adm.withText("#topic-offers-queue li[data-topic=slides]", "Tor").getText()).contains("I make our slide templates", "(no evidence yet)", "Una", "Me too");
      adm.el("#topic-offers-queue li[data-user=w-una] button[data-action=decline]").click();
      adm.waitFor(d -> d.findElements(By.cssSelector("#topic-offers-queue li[data-user=w-una]")).isEmpty());
      adm.el("#topic-offers-queue li[data-user=w-tor] button[data-action=appoint]").click();
      adm.waitFor(d -> d.findElements(By.id("topic-offers-queue")).isEmpty());
      // nothing left waiting: the bar's count follows once the queue is counted again (a moment after the list empties)
      adm.waitFor(d -> d.findElements(By.cssSelector("#nav-experts .badge")).isEmpty());
      adm.withText("#topic-directory li", "#slides — Tor");
      adm.go("#/experts?topic=uxdesign");
      adm.withText("#experts-owners", "Looked after by: Tor");
      adm.go("#/search?q=uxdes");
      adm.withText("#results article.topic", "Looked after by: Tor");
      assertThat(adm.el("#results article.topic").getText()).contains("#uxdesign", "How we design our products");
    }
  }

  @Test
  void aGroupsOwnerConnectsATool_itsPostArrivesLiveForAMember_markedAsATool_andTheOwnerGivesItANewSecret_thenRevokesIt() throws Exception {
    String ida = token("w-ida", "Ida", "Platform");
    String jon = token("w-jon", "Jon", "Platform");
    String g = s.openGroup(ida, "Deploys");
    s.put("/api/groups/" + g + "/members/w-jon", jon, null);
    try (Browser idaB = new Browser(s.server.port(), "en", 1280, 900); Browser jonB = new Browser(s.server.port(), "en", 1280, 900)) {
      idaB.login("w-ida", "Ida", "Platform", false);
      idaB.go("#/group/" + g);
      idaB.type("#group-integrations input", "Release pipeline");
      idaB.el("#group-integrations button[data-action=connect]").click();
      idaB.withText("#integrations li", "Release pipeline");
      String url = idaB.el("#new-integration pre[data-url]").getText().trim();
      assertThat(idaB.el("#new-integration").getText()).as("the secret, shown once, with how to use it").contains("curl -X POST", "Authorization: Bearer dlg_");

      s.post("/api/posts", ida, new JsonObject().put("text", "Deploy news lands here").put("group", g));
      jonB.login("w-jon", "Jon", "Platform", false);
      jonB.go("#/group/" + g);
      jonB.withText("main article.post", "Deploy news lands here");
      assertThat(jonB.driver.findElements(By.cssSelector("#group-integrations"))).as("owners only").isEmpty();
      String path = url.substring(url.indexOf("/hooks/"));
      assertThat(s.call(io.vertx.core.http.HttpMethod.POST, path, null, new JsonObject().put("text", "Released deling 2.4 to production"), Map.of()).status())
          .isEqualTo(201);
      jonB.withText("#newbar", "1").click(); // live: waiting behind the bar
      jonB.withText("main article.post", "Released deling 2.4");
      jonB.withText("main article.post .chip[data-app]", "integration");
      jonB.screenshot("integration-desktop");
      // the tool is noisy: Jon keeps the group off his home and stays a member
      jonB.go("#/home");
      jonB.withText("#timeline .post", "Released deling 2.4");
      jonB.go("#/group/" + g);
      jonB.el("button[data-action=mute-group]").click();
      jonB.withText("#group-about", "kept off my home");
      jonB.withText("main article.post", "Released deling 2.4"); // still on the group's page
      s.post("/api/posts", jon, new JsonObject().put("text", "Jon's own note"));
      jonB.go("#/home");
      jonB.withText("#timeline .post", "Jon's own note");
      assertThat(jonB.el("#timeline").getText()).as("the muted group's posts are off his home").doesNotContain("Released deling 2.4");
      assertThat(jonB.driver.findElements(By.xpath("//article[contains(., 'Released deling 2.4')]//a[@class='who']"))).as("no profile to open").isEmpty();

      idaB.go("#/home"); // and back: the owner's list counts the tool's posts
      idaB.el("#compose textarea");
      idaB.go("#/group/" + g);
      idaB.withText("#integrations li", "1 post, the latest");
      idaB.js("window.confirm = () => true");
      // the URL was pasted into a chat: a new secret, shown once; the old URL posts nothing from now on
      idaB.el("#integrations button[data-action=new-secret]").click();
      idaB.withText("#integrations li", "secret replaced");
      String newUrl = idaB.el("#new-integration pre[data-url]").getText().trim();
      assertThat(newUrl).isNotEqualTo(url).contains("/hooks/");
      assertThat(s.call(io.vertx.core.http.HttpMethod.POST, path, null, new JsonObject().put("text", "with the leaked URL"), Map.of()).status()).isEqualTo(401);
      path = newUrl.substring(newUrl.indexOf("/hooks/"));
      assertThat(s.call(io.vertx.core.http.HttpMethod.POST, path, null, new JsonObject().put("text", "Released deling 2.5"), Map.of()).status()).isEqualTo(201);
      idaB.el("#integrations button[data-action=revoke]").click();
      idaB.withText("#integrations li", "revoked");
      assertThat(s.call(io.vertx.core.http.HttpMethod.POST, path, null, new JsonObject().put("text", "after revoking"), Map.of()).status()).isEqualTo(401);
    }
  }

  @Test
  void aProfileShowsTheOrgChartOneStepUpAndDown_asTheDirectoryHasIt() throws Exception {
    String scim = "browser-test-scim-token";
    JsonObject ext = new JsonObject().put("department", "Finance");
    s.scim(io.vertx.core.http.HttpMethod.POST, "/Users", scim, new JsonObject().put("userName", "w-head").put("displayName", "Hedda Head")
        .put("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", ext));
    for (String who : List.of("w-rita", "w-sam")) {
      s.scim(io.vertx.core.http.HttpMethod.POST, "/Users", scim, new JsonObject().put("userName", who).put("displayName", who.substring(2) + " Report")
          .put("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", ext.copy().put("manager", new JsonObject().put("value", "w-head"))));
    }
    try (Browser b = new Browser(s.server.port(), "en", 1280, 900)) {
      b.login("w-rita", "rita Report", "Finance", false);
      b.go("#/user/w-head");
      b.withText("#reports", "Direct reports");
      assertThat(b.el("#reports").getText()).contains("rita Report", "sam Report");
      b.go("#/user/w-sam");
      b.withText("#manager", "Hedda Head");
    }
  }

  @Test
  void someoneFollowsAConversation_hearsOfItsNextReply_andMutesIt() throws Exception {
    String wendy = token("w-wendy", "Wendy", "Legal");
    String id = s.publish(wendy, "Which template do we use for NDAs?");
    try (Browser xavier = new Browser(s.server.port(), "en", 1280, 900)) {
      xavier.login("w-xavier", "Xavier", "Legal", false);
      xavier.go("#/post/" + id);
      WebElement bell = xavier.withText("#thread-subscription", "Follow the conversation");
      bell.click();
      xavier.waitFor(d -> "true".equals(xavier.el("#thread-subscription").getAttribute("data-subscribed")));
      assertThat(xavier.el("#thread-subscription").getText()).isEqualTo("Mute the conversation");
      s.reply(wendy, id, "The one on the legal wiki, version 3");
      xavier.go("#/notifications");
      xavier.withText("#notifications li", "Wendy replied in a conversation you are in");
      xavier.go("#/post/" + id);
      xavier.withText("#thread-subscription", "Mute the conversation").click();
      xavier.waitFor(d -> "false".equals(xavier.el("#thread-subscription").getAttribute("data-subscribed")));
      assertThat(s.get("/api/posts/" + id + "/subscription", token("w-xavier", "Xavier", "Legal")).json().getBoolean("subscribed")).isFalse();
    }
  }

  @Test
  void aColleagueReportsAPost_anAdminRemovesItWithAReason_andTheAuthorIsToldWhy() throws Exception {
    String tess = token("w-tess", "Tess", "Sales");
    String id = s.publish(tess, "Cheap watches at cheap.example, ask me #deals");
    try (Browser uwe = new Browser(s.server.port(), "en", 1280, 900); Browser vera = new Browser(s.server.port(), "en", 1280, 900);
        Browser author = new Browser(s.server.port(), "en", 1280, 900)) {
      uwe.login("w-uwe", "Uwe", "Sales", false);
      assertThat(uwe.driver.findElements(By.id("nav-moderation"))).as("an employee who owns no group moderates nothing").isEmpty();
      uwe.go("#/post/" + id);
      uwe.clickIn("article.post", "Cheap watches", "button[data-action=report]");
      new org.openqa.selenium.support.ui.Select(uwe.el("form.report select")).selectByValue("spam");
      uwe.type("form.report input", "Third time this week");
      uwe.el("form.report button[type=submit]").click();
      uwe.withText("article.post p[role=status]", "Reported.");
      assertThat(uwe.el("article.post button[data-action=report]").isEnabled()).isFalse();

      vera.login("w-vera", "Vera", "IT", false, true);
      assertThat(Integer.parseInt(vera.el("#nav-moderation .badge").getText())).as("reported posts wait").isPositive();
      vera.el("#nav-moderation").click();
      WebElement reported = vera.withText("article.post", "Cheap watches");
      assertThat(reported.getText()).contains("1 report").contains("Spam: 1").contains("Third time this week").doesNotContain("Uwe");
      reported.findElement(By.cssSelector("form.decide input")).sendKeys("Selling things is not what Deling is for");
      reported.findElement(By.cssSelector("form.decide button[data-action=remove]")).click();
      // other tests on this server may have left reports of their own in an admin's queue
      vera.waitFor(d -> !vera.pageText().contains("Cheap watches"));
      vera.withText("#moderation-log li", "Vera removed a post by Tess (Selling things is not what Deling is for)");

      author.login("w-tess", "Tess", "Sales", false);
      author.go("#/notifications");
      author.withText("#notifications li", "removed your post (Selling things is not what Deling is for)");
      uwe.go("#/notifications");
      uwe.withText("#notifications li", "Vera removed a post you reported");
    }
  }

  @Test
  void whoKnows_givesItsReasonsInThePagesLanguage_theEnglishWordForWordAsTheServerWritesThem() throws Exception {
    String eva = token("w-eva", "Eva", "Build");
    String fred = token("w-fred", "Fred", "Build");
    String post = s.post("/api/posts", eva, new JsonObject().put("text", "Cache the dependency downloads #gradle")).json().getString("id");
    s.put("/api/posts/" + post + "/endorsement", fred, null);
    String reason = s.get("/api/experts?topic=gradle", fred).json().getJsonArray("items").getJsonObject(0).getString("reason");
    try (Browser en = new Browser(s.server.port(), "en", 1280, 900); Browser nb = new Browser(s.server.port(), "nb", 1280, 900)) {
      en.login("w-gus", "Gus", "Build", false);
      nb.login("w-hanne", "Hanne", "Build", false);
      en.go("#/experts?topic=gradle");
      assertThat(en.withText("ol li", "Eva").findElement(By.className("reason")).getText()).isEqualTo(reason);
      nb.go("#/experts?topic=gradle");
      assertThat(nb.withText("ol li", "Eva").findElement(By.className("reason")).getText()).isEqualTo("1 anbefaling i #gradle");
    }
  }

  @Test
  void aColleagueVouchesForASkillWithEvidence_thenWithdraws_andItsOwnerHidesOne() throws Exception {
    String jon = token("w-jon", "Jon", "Infra");
    String kit = token("w-kit", "Kit", "Infra");
    s.publish(jon, "Wrote the module for our load balancers #terraform");
    s.post("/api/users/w-jon/skills", kit, new JsonObject().put("topic", "bash"));
    try (Browser ivy = new Browser(s.server.port(), "en", 1280, 900); Browser me = new Browser(s.server.port(), "en", 1280, 900)) {
      ivy.login("w-ivy", "Ivy", "Infra", false);
      ivy.go("#/user/w-jon");
      ivy.type("#vouch-topic", "#terraform");
      new org.openqa.selenium.support.ui.Select(ivy.el("#vouch-evidence")).selectByIndex(1);
      ivy.el("#vouch button[type=submit]").click();
      ivy.withText("#skills li[data-topic=terraform]", "1 (1 evidence)");
      ivy.withText("#skills li[data-topic=terraform]", "load balancers");
      ivy.clickIn("#skills li[data-topic=terraform]", "#terraform", "button");
      ivy.waitFor(d -> d.findElements(By.cssSelector("#skills li[data-topic=terraform]")).isEmpty());

      me.login("w-jon", "Jon", "Infra", false);
      me.go("#/user/w-jon");
      me.clickIn("#skills li[data-topic=bash]", "#bash", "button");
      me.withText("#skills li[data-topic=bash]", "hidden from others");
      ivy.go("#/home");
      ivy.go("#/user/w-jon");
      ivy.el("#vouch");
      assertThat(ivy.driver.findElements(By.cssSelector("#skills li[data-topic=bash]"))).as("hidden from everyone else").isEmpty();
    }
  }

  @Test
  void aLeaderAnnouncesToADepartment_fromHome_andOnlyThatDepartmentGetsItPinned() throws Exception {
    try (Browser lena = new Browser(s.server.port(), "en", 1280, 900); Browser rita = new Browser(s.server.port(), "en", 1280, 900);
        Browser sven = new Browser(s.server.port(), "en", 1280, 900)) {
      rita.login("w-rita", "Rita", "Radio", false);
      sven.login("w-sven", "Sven", "Sound", false);
      lena.login("w-lena", "Lena", "Board", true);
      lena.el("#announce summary").click();
      new org.openqa.selenium.support.ui.Select(lena.el("#announce-kind")).selectByValue("department");
      lena.type("#announce-department", "Radio");
      lena.type("#announce textarea", "New studio opens Tuesday");
      lena.el("#announce button[type=submit]").click();
      lena.withText(".my-announcements li", "New studio opens Tuesday");
      rita.go("#/home");
      rita.withText("#pinned .post.pinned", "New studio opens Tuesday");
      sven.go("#/home");
      sven.el("#compose");
      Thread.sleep(300);
      assertThat(sven.pageText()).doesNotContain("New studio");
      assertThat(rita.driver.findElements(By.id("announce"))).as("an employee is not offered it on home").isEmpty();
      // withdrawn, it leaves rita's open home live
      lena.js("window.confirm = () => true");
      lena.clickIn(".my-announcements li", "New studio opens Tuesday", "button");
      lena.waitFor(d -> d.findElements(By.cssSelector(".my-announcements li")).isEmpty());
      rita.waitFor(d -> d.findElements(By.cssSelector("#pinned .post.pinned")).isEmpty());
    }
  }

  /** Every text the client shows exists in both languages: a key in one only would show English, or nothing, to the other. */
  @Test
  void everyTextExistsInBothLanguages() {
    try (Browser b = new Browser(s.server.port(), "en", 800, 600)) {
      b.open("/");
      @SuppressWarnings("unchecked")
      Map<String, Object> shape = (Map<String, Object>) b.driver.executeAsyncScript("""
          const done = arguments[arguments.length - 1];
          import('/app/i18n.js').then((m) => {
            const shape = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'object' ? shape(v) : typeof v]));
            done({ en: shape(m.texts.en), nb: shape(m.texts.nb) });
          });
          """);
      assertThat(shape.get("nb")).isEqualTo(shape.get("en"));
      assertThat((Map<?, ?>) shape.get("en")).hasSizeGreaterThan(100);
    }
  }

  @Test
  void aLeaderSeesThePulseDashboard_anEmployeeIsRefusedIt() throws Exception {
    for (int i = 0; i < 6; i++) {
      String t = token("w-p" + i, "P" + i, "Support");
      s.publish(t, "Busy day in support #pulsecheck");
    }
    // one asker's unanswered question: its topic is withheld, and the dashboard says a topic was, rather than "nothing"
    s.post("/api/posts", token("w-p0", "P0", "Support"), new JsonObject().put("text", "Who has the #pulsewithheld keys?").put("kind", "question"));
    try (Browser lea = new Browser(s.server.port(), "en", 1280, 900); Browser ivan = new Browser(s.server.port(), "en", 1280, 900)) {
      lea.login("w-lea", "Lea", "Board", true);
      lea.el("#nav-pulse").click();
      // a trend reads as people, against what that hour usually has, not as a bare score
      assertThat(lea.withText("#pulse-trends li", "#pulsecheck").getText()).containsPattern("#pulsecheck · \\d+ authors in its peak hour, against [0-9.]+ usually")
          .doesNotContain("score");
      lea.waitFor(d -> lea.js("return document.getElementById('pulse-live').dataset.position") != null);
      lea.el("#pulse-network h2");
      assertThat(lea.el("#pulse-topics-withheld").getText()).matches("\\d+ topics? with fewer than k askers withheld");
      assertThat(lea.withText("#pulse-weeks", "Asked").getText()).as("each week's figures are labelled").contains("Answered", "With an accepted answer");
      assertThat(lea.driver.findElement(By.id("pulse-trends")).getText()).doesNotContain("P0", "w-p0");
      assertThat(lea.withText("#pulse-activity .legend", "tallest bar").getText()).as("the chart says what its height and hatching mean")
          .containsPattern("tallest bar: \\d+ contributions in an hour").contains("fewer than k people");
      assertThat(lea.el("#pulse-activity .axis").getText()).endsWith("now");
      // last week's new voices, every department listed; none of them had k people new that week, so each is withheld
      assertThat(lea.withText("#pulse-voices", "Support").getText()).contains("New voices last week", "Board")
          .doesNotContain("P0", "w-p0");
      assertThat(lea.driver.findElements(By.cssSelector("#pulse-voices td.withheld"))).isNotEmpty();
      lea.screenshot("pulse-desktop");

      ivan.login("w-ivan", "Ivan", "Support", false);
      assertThat(ivan.driver.findElements(By.id("nav-pulse"))).isEmpty();
      ivan.go("#/pulse");
      ivan.withText("#pulse-forbidden", "leaders");
      assertThat(s.get("/api/pulse/trends", s.token("w-ivan", "Ivan", "Support")).status()).isEqualTo(403);
    }
  }

  @Test
  void phoneWidth_firstPaintAndAssetSize() throws Exception {
    long assets;
    long gzipped = 0;
    try (Stream<Path> files = Files.walk(Path.of("src/main/resources/webroot"))) {
      List<Path> all = files.filter(Files::isRegularFile).toList();
      assets = all.stream().mapToLong(p -> p.toFile().length()).sum();
      // each file fetched as a browser does, gzip accepted: the bytes the server puts on the wire for it
      java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
      Path root = Path.of("src/main/resources/webroot");
      for (Path p : all) {
        String name = root.relativize(p).toString().replace('\\', '/');
        var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.server.port() + "/" + name))
            .header("Accept-Encoding", "gzip").build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(name).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Encoding")).as(name).contains("gzip");
        gzipped += r.body().length;
      }
    }
    try (Browser phone = new Browser(s.server.port(), "en", 390, 844)) {
      phone.login("w-jo", "Jo", "Design", false);
      // an empty cache, then the home timeline: time to the first contentful paint and to the first post on screen
      phone.driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
      phone.open("/#/home");
      phone.el("#timeline");
      Object paint = phone.js("const p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : null;");
      Object ready = phone.js("return performance.now();");
      // what the phone fetched for the page and its code, as sent (gzip), and as read
      List<?> sizes = (List<?>) phone.js("const own = performance.getEntriesByType('resource').filter(e => /\\/app\\//.test(e.name))"
          + ".concat(performance.getEntriesByType('navigation'));"
          + "return [own.reduce((n, e) => n + e.encodedBodySize, 0), own.reduce((n, e) => n + e.decodedBodySize, 0)];");
      long sent = ((Number) sizes.get(0)).longValue(), read = ((Number) sizes.get(1)).longValue();
      System.out.printf("web client: %,d bytes of assets (uncompressed), %,d of %,d fetched bytes sent; first contentful paint %.0f ms, "
          + "home timeline on screen by %.0f ms%n", assets, sent, read, ((Number) paint).doubleValue(), ((Number) ready).doubleValue());
      assertThat(read).as("the page and its code, as read").isGreaterThan(100_000);
      assertThat(sent).as("gzipped on the way: what a phone downloads").isLessThan(read / 2);
      // painted at all; how soon is printed above, not asserted (a timed assertion here failed on a cold JVM)
      assertThat(((Number) paint).doubleValue()).as("first paint, empty cache").isPositive();
      Long overflow = (Long) phone.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertThat(overflow).as("nothing wider than a phone").isLessThanOrEqualTo(0L);
      Number bar = (Number) phone.js("return document.querySelector('header.top').getBoundingClientRect().height;");
      assertThat(bar.doubleValue()).as("the bar on a phone: one line over one row of links, not a fifth of the screen").isLessThan(100);
      phone.screenshot("home-phone");
      phone.go("#/questions");
      phone.el("#ask");
      phone.screenshot("questions-phone");
      // every main screen fits, a long address in the link library included
      s.post("/api/bookmarks", s.token("w-jo", "Jo", "Design"), new JsonObject()
          .put("url", "https://example.org/" + "a-very-long-path-segment-without-any-break/".repeat(6) + "end").put("comment", "long"));
      String jo = s.token("w-jo", "Jo", "Design");
      String g = s.post("/api/groups", jo, new JsonObject().put("name", "Design reviews").put("access", "private")).json().getString("id");
      String kai = token("w-kai", "Kai", "Design");
      s.put("/api/groups/" + g + "/members/w-kai", jo, null);
      s.put("/api/groups/" + g + "/members/w-kai", kai, null);
      String question = s.post("/api/posts", kai, new JsonObject().put("text", "Which grid do we use? #design").put("kind", "question")).json().getString("id");
      for (String screen : List.of("#/links", "#/ideas", "#/groups", "#/group/" + g, "#/notifications", "#/search?q=long", "#/experts?topic=design",
          "#/user/w-jo", "#/user/w-kai", "#/saved", "#/post/" + question, "#/question/" + question, "#/questions")) {
        phone.go(screen);
        phone.el("main h1");
        Thread.sleep(300);
        Long wider = (Long) phone.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(wider).as("%s on a phone", screen).isLessThanOrEqualTo(0L);
        if (screen.equals("#/links")) phone.screenshot("links-phone");
        if (screen.startsWith("#/group/")) phone.screenshot("group-owner-phone");
      }
      // the row of links scrolled so that the page one is on shows in it (Saved is far along it)
      assertThat((Boolean) phone.js("const n = document.getElementById('nav').getBoundingClientRect(),"
          + " r = document.querySelector('nav [aria-current=page]').getBoundingClientRect(); return r.left >= n.left && r.right <= n.right;"))
          .as("the current page's link in view").isTrue();
      assertThat((Long) phone.js("const n = document.getElementById('nav'); return n.scrollWidth - n.clientWidth;")).as("the links scroll").isPositive();
    }
    // What a phone pays for the whole client is its files gzipped, as the server sends them (read and packed once, at
    // gzip's strongest level; until 2026-12-07 this measured level 6 while the server sent level 1): the budget is on that. (It
    // was on the bytes as written, raised from 120,000 to 144,000 as files and photos, push and topics' owners came; as
    // written, code compresses to about a third.) The client is still written by hand, with no build step; since 2026-12-07
    // the server blanks its whole-line comments as it packs it (49,996 bytes with them, 43,641 without).
    System.out.printf("web client: %,d bytes as written, %,d gzipped%n", assets, gzipped);
    assertThat(gzipped).as("a small client, gzipped as sent").isLessThan(50_000);
  }

  @Test
  void theMainScreensPassAxesWcagAandAaRules_contrastIncluded() throws Exception {
    String reported = null;
    for (int i = 0; i < 6; i++) {
      // one with a link, so a page's preview card is checked too
      reported = s.publish(token("w-ax" + i, "Ax " + i, "Support"), "Checking contrast #a11y" + (i == 5 ? " http://127.0.0.1:" + s.server.port() + "/" : ""));
    }
    assertThat(s.post("/api/posts/" + reported + "/reports", token("w-ax0", "Ax 0", "Support"),
        new io.vertx.core.json.JsonObject().put("reason", "other").put("note", "Testing the queue's contrast")).status()).isEqualTo(201);
    // offers on ten topics wait for an admin, so the bar shows a badge of two digits, which axe checks (one it cannot
    // tell from an icon): white on the dark scheme's red was 2.3:1
    String ax1 = token("w-ax1", "Ax 1", "Support");
    for (int i = 0; i < 10; i++) assertThat(s.put("/api/topics/a11yoffer" + i + "/offers/w-ax1", ax1, new JsonObject()).status()).isEqualTo(200);
    try (Browser kim = new Browser(s.server.port(), "en", 1280, 900)) {
      kim.login("w-kim", "Kim", "Support", true, true);
      axeChecks(kim, reported);
    } finally {
      for (int i = 0; i < 10; i++) s.delete("/api/topics/a11yoffer" + i + "/offers/w-ax1", ax1);
    }
  }

  /** The main screens through axe, in light and dark, as an admin who leads: every part of the bar shows. */
  private void axeChecks(Browser kim, String reported) throws Exception {
    String kimToken = s.token("w-kim", "Kim", "Support");
    assertThat(s.put("/api/posts/" + reported + "/saved", kimToken, null).status()).isEqualTo(200);
    // a poll with a vote (a pressed option and its bar) and a group page with a pinned post are checked too
    String poll = s.post("/api/posts", kimToken, new JsonObject().put("text", "Contrast poll #a11y")
        .put("poll", new JsonObject().put("options", new io.vertx.core.json.JsonArray().add("Light").add("Dark")))).json().getString("id");
    s.put("/api/posts/" + poll + "/vote", kimToken, new JsonObject().put("option", 1));
    String axGroup = s.openGroup(kimToken, "Contrast checkers");
    String rules = s.post("/api/posts", kimToken, new JsonObject().put("text", "Pinned: how we check").put("group", axGroup)).json().getString("id");
    assertThat(s.put("/api/groups/" + axGroup + "/pinned/" + rules, kimToken, null).status()).isEqualTo(200);
    for (String screen : List.of("#/home", "#/questions", "#/search?q=contrast", "#/topic/a11y", "#/groups", "#/notifications", "#/pulse",
        "#/user/w-kim", "#/links", "#/ideas", "#/moderation", "#/saved", "#/group/" + axGroup)) {
      kim.go(screen);
      kim.el("main h1");
      Thread.sleep(400);
      assertThat(kim.el("main").getText()).as("%s shows no part that was left out as the word null", screen).doesNotContainPattern("\\bnull\\b");
      for (String scheme : List.of("light", "dark")) {
        kim.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
        assertThat(kim.accessibilityViolations("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).as(screen + " in " + scheme).isEmpty();
      }
    }
  }

  @Test
  void aLinkInAPost_showsItsPagesTitleAndSite_underTheText_forAColleagueToo() {
    String page = "http://127.0.0.1:" + s.server.port() + "/?from=deling";
    String ola = token("w-ola", "Ola", "Ops");
    String post = s.publish(ola, "The new web client " + page + " #releases");
    try (Browser tor = new Browser(s.server.port(), "en", 1280, 900)) {
      tor.login("w-tor", "Tor", "Ops", false);
      tor.go("#/user/w-ola");
      WebElement card = tor.withText("main .post .preview", "Deling");
      assertThat(card.findElement(By.cssSelector("strong")).getText()).as("the page's title").isEqualTo("Deling");
      assertThat(card.getText()).as("its site").contains("127.0.0.1");
      assertThat(card.getDomAttribute("href")).isEqualTo(page);
      assertThat(card.getDomAttribute("rel")).contains("noopener", "noreferrer");
      // an edit that changes the link: the card follows, live
      String moved = "http://127.0.0.1:" + s.server.port() + "/?from=edit";
      assertThat(s.put("/api/posts/" + post, ola, new io.vertx.core.json.JsonObject().put("text", "Moved: " + moved)).status()).isEqualTo(200);
      tor.withText("main .post .text", "Moved:");
      tor.waitFor(d -> d.findElements(By.cssSelector("main .post .preview")).stream().anyMatch(e -> moved.equals(e.getDomAttribute("href"))));
      assertThat(tor.driver.findElements(By.cssSelector("main .post .preview"))).as("the old link's card gone").hasSize(1);
    }
  }

  @Test
  void theLoginForm_refusesAUserIdTheServerWouldRefuse_beforeSendingIt() {
    try (Browser b = new Browser(s.server.port(), "en", 1280, 900)) {
      b.open("/#/login");
      b.type("#login-user", "not valid!");
      assertThat(b.js("return document.getElementById('login-user').checkValidity()")).isEqualTo(false);
      b.type("#login-user", "kari.nordmann-2");
      assertThat(b.js("return document.getElementById('login-user').checkValidity()")).isEqualTo(true);
    }
  }

  @Test
  void anOutdatedCursor_refetchesOverHttp_withoutTheUserNoticing(@TempDir Path own) throws Exception {
    // a server that keeps only five entries for resuming
    try (TestServer small = TestServer.start(own, Map.of("DELING_STREAM_RETENTION", "5", "DELING_WRITE_RATE", "0"));
        Browser liv = new Browser(small.server.port(), "en", 1280, 900)) {
      String max = small.token("w-max", "Max", "Ops");
      assertThat(small.get("/api/me", max).status()).isEqualTo(200);
      liv.login("w-liv", "Liv", "Ops", false);
      assertThat(small.put("/api/me/following/users/w-max", small.token("w-liv", "Liv", "Ops"), null).status()).isEqualTo(200);
      small.server.streams().closeAll(StreamConnection.CLOSE_GOING_AWAY, "going_away");
      for (int i = 1; i <= 12; i++) small.publish(max, "While you were away " + i);
      // the resume point is gone: the timeline is fetched again and simply shows them, no error, no bar needed
      liv.waitFor(d -> d.findElements(By.cssSelector("#timeline .post")).stream().filter(e -> e.getText().contains("While you were away")).count() == 12);
      assertThat(liv.driver.findElements(By.cssSelector("[role=alert]"))).isEmpty();
      assertThat(liv.js("return document.getElementById('conn').dataset.state")).isEqualTo("live");
    }
  }
}
