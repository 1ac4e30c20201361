package no.deling.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import no.deling.support.EventSchemas;
import no.deling.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications left unread are emailed, through Vert.x's mail client to a real SMTP server
 * (GreenMail) in this JVM, from a server on a real store on disk. The delay is 0 and the server
 * looks every second, so what would take an hour takes a second.
 */
class EmailApiTest {
  private static final String SCIM = "email-test-scim";
  @TempDir java.nio.file.Path dir;
  private GreenMail smtp;
  private int port;
  private TestServer s;

  @BeforeEach
  void start() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    s = server();
  }

  private TestServer server() {
    return TestServer.start(dir, Map.of("DELING_SMTP_HOST", "127.0.0.1", "DELING_SMTP_PORT", Integer.toString(port), "DELING_SMTP_TLS", "none",
        "DELING_EMAIL_AFTER_MINUTES", "0", "DELING_EMAIL_CHECK_SECONDS", "1", "DELING_SCIM_TOKEN", SCIM, "DELING_WRITE_RATE", "0",
        "DELING_PUBLIC_URL", "https://deling.example.org", "DELING_MAIL_FROM", "Deling <deling@example.org>", "DELING_METRICS_TOKEN", "scrape"));
  }

  @AfterEach
  void stop() {
    if (s != null) s.close();
    smtp.stop();
  }

  /** A colleague from the directory, with the directory's address (or none). */
  private String person(String id, String name, String email) {
    JsonObject user = new JsonObject().put("userName", id).put("displayName", name);
    if (email != null) user.put("emails", new JsonArray().add(new JsonObject().put("value", email).put("type", "work").put("primary", true)));
    assertThat(s.scim(HttpMethod.POST, "/Users", SCIM, user).status()).isEqualTo(201);
    return s.token(id, name, "Engineering");
  }

  private List<MimeMessage> to(String address) throws Exception {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** The decoded text of {@code mail}'s part of {@code type} (its text and its HTML are alternatives). */
  private static String part(MimeMessage mail, String type) throws Exception {
    jakarta.mail.internet.MimeMultipart parts = (jakarta.mail.internet.MimeMultipart) mail.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      if (parts.getBodyPart(i).isMimeType(type)) return parts.getBodyPart(i).getContent().toString().replace("\r\n", "\n");
    }
    throw new AssertionError("no " + type + " part");
  }

  /** The looks for what is due the server has finished, from its metrics. */
  private long looks() {
    return (long) s.metric("scrape", "deling_email_looks_total", null);
  }

  /**
   * Waits for two more looks: the second began after this was called, so whatever was due by now
   * has been sent (the first may have begun before). Then "nothing more was sent" means something.
   */
  private void twoMoreLooks() {
    long before = looks();
    no.deling.support.Await.until(() -> looks() >= before + 2, java.time.Duration.ofSeconds(15), "two more looks");
  }

  private List<MimeMessage> awaitTo(String address, int count) throws Exception {
    for (int i = 0; i < 100 && to(address).size() < count; i++) Thread.sleep(100);
    return to(address);
  }

  @Test
  void aMentionLeftUnread_isEmailedOnce_sayingWhoAndWhere_withoutThePostsWords_toTheDirectorysAddress() throws Exception {
    String alice = person("alice", "Alice Aas", "alice@example.org");
    String bob = person("bob", "Bob Berg", "bob@example.org");
    String post = s.post("/api/posts", bob, new JsonObject().put("text", "Secret budget figures for @alice: 4.2 MNOK")).json().getString("id");
    s.post("/api/posts", bob, new JsonObject().put("text", "Welcome aboard").put("inReplyTo", post));

    List<MimeMessage> mails = awaitTo("alice@example.org", 1);
    assertThat(mails).hasSize(1);
    MimeMessage mail = mails.get(0);
    String body = part(mail, "text/plain");
    assertThat(mail.getContentType()).startsWith("multipart/alternative");
    org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(part(mail, "text/html"));
    assertThat(html.select("li a").eachText()).containsExactly("Bob Berg mentioned you");
    assertThat(html.text()).doesNotContain("budget", "4.2 MNOK", "Welcome aboard");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("Deling <deling@example.org>");
    assertThat(mail.getSubject()).isEqualTo("Bob Berg mentioned you");
    assertThat(body).startsWith("Hello Alice Aas,").contains("Bob Berg mentioned you", "https://deling.example.org/#/post/" + post)
        .doesNotContain("budget", "4.2 MNOK", "Welcome aboard");

    twoMoreLooks(); // nothing new is due
    assertThat(to("alice@example.org")).as("once").hasSize(1);
    assertThat(to("bob@example.org")).as("bob has nothing unread").isEmpty();
    assertThat(s.events().stream().filter(e -> e.type().equals("NotificationsEmailed.v1")).count()).isEqualTo(1);

    // the next ones come in one email; a restart sends nothing twice
    s.post("/api/posts", bob, new JsonObject().put("text", "Lunch, @alice?"));
    s.put("/api/me/following/users/alice", bob, null);
    List<MimeMessage> second = awaitTo("alice@example.org", 2);
    assertThat(second).hasSize(2);
    s.close();
    s = server();
    twoMoreLooks();
    assertThat(to("alice@example.org")).as("after a restart").hasSize(2);
    assertThat(EventSchemas.problems(s.events())).isEmpty();
    assertThat(s.get("/api/me/email", alice).json().getMap()).containsEntry("unreadNotifications", true).containsEntry("address", "alice@example.org")
        .containsEntry("sent", true);
  }

  @Test
  void oneClickInAMailProgram_turnsItOff_withTheEmailsOwnLink_whileOpeningTheLinkChangesNothing() throws Exception {
    String gro = person("gro", "Gro", "gro@example.org");
    String bob = person("bob3", "Bob", "bob3@example.org");
    s.post("/api/posts", bob, new JsonObject().put("text", "@gro, a question"));
    MimeMessage mail = awaitTo("gro@example.org", 1).get(0);
    assertThat(mail.getHeader("Auto-Submitted", null)).as("no out-of-office answers").isEqualTo("auto-generated");
    assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
    String header = mail.getHeader("List-Unsubscribe", null);
    assertThat(header).matches("<https://deling\\.example\\.org/email/unsubscribe\\?u=gro&t=[A-Za-z0-9_-]{22}>");
    String link = header.substring("<https://deling.example.org".length(), header.length() - 1);
    String token = link.substring(link.indexOf("&t=") + 3);

    // opened in a browser, or followed by a mail scanner: to her profile, where the choice is, and nothing changes
    java.net.http.HttpResponse<String> opened = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.server.port() + link)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(opened.statusCode()).isEqualTo(303);
    assertThat(opened.headers().firstValue("Location")).hasValue("/#/user/gro");
    // a token not made for this link: refused, naming it
    Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");
    String forged = token.substring(0, 21) + (token.endsWith("A") ? "B" : "A");
    TestServer.assertProblem(s.call(HttpMethod.POST, "/email/unsubscribe?u=gro&t=" + forged, null, "List-Unsubscribe=One-Click", form), 403, "t", "token");
    TestServer.assertProblem(s.call(HttpMethod.POST, "/email/unsubscribe?u=bob3&t=" + token, null, "List-Unsubscribe=One-Click", form), 403, "t", "token");
    TestServer.assertProblem(s.call(HttpMethod.POST, "/email/unsubscribe?u=gro", null, "List-Unsubscribe=One-Click", form), 403, "t", "token");
    assertThat(s.get("/api/me/email", gro).json().getBoolean("unreadNotifications")).as("still on").isTrue();

    // what the mail program sends for one click (RFC 8058), with no login: off
    TestServer.Response clicked = s.call(HttpMethod.POST, link, null, "List-Unsubscribe=One-Click", form);
    assertThat(clicked.status()).as("%s", clicked.body()).isEqualTo(200);
    assertThat(s.get("/api/me/email", gro).json().getBoolean("unreadNotifications")).isFalse();
    assertThat(s.events().stream().filter(e -> e.type().equals("EmailChoiceSet.v1")).toList()).singleElement()
        .satisfies(e -> assertThat(new JsonObject(new String(e.data(), java.nio.charset.StandardCharsets.UTF_8)).getMap())
            .containsEntry("userId", "gro").containsEntry("unreadNotifications", false))
        .satisfies(e -> assertThat(new String(e.metadata(), java.nio.charset.StandardCharsets.UTF_8)).as("she did it").contains("\"gro\""));
    long head = s.head();
    assertThat(s.call(HttpMethod.POST, link, null, "List-Unsubscribe=One-Click", form).status()).as("twice").isEqualTo(200);
    assertThat(s.head()).as("the same again changes nothing").isEqualTo(head);
    s.post("/api/posts", bob, new JsonObject().put("text", "@gro, another"));
    twoMoreLooks();
    assertThat(to("gro@example.org")).as("no more email").hasSize(1);
  }

  @Test
  void turnedOff_withoutAnAddress_orBeforeOnesOwnDelay_nothingIsEmailed() throws Exception {
    String carol = person("carol", "Carol", "carol@example.org");
    String dan = person("dan", "Dan", null);
    String bob = person("bob2", "Bob", "bob2@example.org");

    JsonObject off = s.put("/api/me/email", carol, new JsonObject().put("unreadNotifications", false)).json();
    assertThat(off.getMap()).containsEntry("unreadNotifications", false).containsEntry("sent", false);
    long head = s.head();
    assertThat(s.put("/api/me/email", carol, new JsonObject().put("unreadNotifications", false)).status()).isEqualTo(200);
    assertThat(s.head()).as("the same again changes nothing").isEqualTo(head);
    assertThat(s.put("/api/me/email", carol, new JsonObject().put("unreadNotifications", "no")).status()).isEqualTo(400);
    assertThat(s.get("/api/me/email", dan).json().getMap()).containsEntry("address", null).containsEntry("sent", false);

    s.post("/api/posts", bob, new JsonObject().put("text", "@carol and @dan, see this"));
    twoMoreLooks();
    assertThat(smtp.getReceivedMessages()).as("carol turned it off; dan has no address").isEmpty();

    // turned on again: what comes from now on is emailed
    s.put("/api/me/email", carol, new JsonObject().put("unreadNotifications", true));
    s.post("/api/posts", bob, new JsonObject().put("text", "@carol again"));
    assertThat(awaitTo("carol@example.org", 1)).hasSize(1);

    // a delay of her own: a quarter of an hour, where the server's is 0 here
    JsonObject later = s.put("/api/me/email", carol, new JsonObject().put("unreadNotifications", true).put("afterMinutes", 15)).json();
    assertThat(later.getMap()).containsEntry("afterMinutes", 15).containsEntry("chosen", true).containsEntry("sent", true);
    assertThat(s.put("/api/me/email", carol, new JsonObject().put("unreadNotifications", true).put("afterMinutes", 30)).status()).isEqualTo(400);
    s.post("/api/posts", bob, new JsonObject().put("text", "@carol, when you have a moment"));
    twoMoreLooks();
    assertThat(to("carol@example.org")).as("not yet: she waits a quarter of an hour").hasSize(1);
    assertThat(s.get("/api/me/email", dan).json().getMap()).containsEntry("afterMinutes", 0).containsEntry("chosen", false);
  }

  @Test
  void withoutADirectory_theTokensAddressIsUsed_andTheDirectorysWinsOnceThereIsOne() throws Exception {
    String finn = s.post("/api/dev/login", null, new JsonObject().put("user", "finn").put("name", "Finn").put("email", "finn@example.org"))
        .json().getString("token");
    assertThat(s.get("/api/me/email", finn).json().getMap()).containsEntry("address", "finn@example.org").containsEntry("sent", true);
    TestServer.Response bad = s.post("/api/dev/login", null, new JsonObject().put("user", "gro").put("email", "Gro <gro@example.org>"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getJsonArray("errors").getJsonObject(0).getMap()).containsEntry("field", "email").containsEntry("rule", "email");
    String bob = person("bob4", "Bob", null);
    s.post("/api/posts", bob, new JsonObject().put("text", "@finn welcome"));
    assertThat(awaitTo("finn@example.org", 1)).hasSize(1);

    assertThat(s.scim(HttpMethod.POST, "/Users", SCIM, new JsonObject().put("userName", "finn").put("displayName", "Finn")
        .put("emails", new JsonArray().add(new JsonObject().put("value", "finn.f@corp.example.org").put("primary", true)))).status()).isEqualTo(201);
    assertThat(s.get("/api/me/email", finn).json().getString("address")).isEqualTo("finn.f@corp.example.org");
    s.post("/api/posts", bob, new JsonObject().put("text", "@finn again"));
    assertThat(awaitTo("finn.f@corp.example.org", 1)).hasSize(1);
    assertThat(to("finn@example.org")).hasSize(1);
  }

  @Test
  void whenTheMailServerIsDown_theClaimIsGivenBack_triesSpaceOut_andTheEmailsGoOnceItIsUp() throws Exception {
    String erin = person("erin", "Erin", "erin@example.org");
    person("ivar", "Ivar", "ivar@example.org");
    String bob = person("bob3", "Bob", "bob3@example.org");
    smtp.stop();
    s.post("/api/posts", bob, new JsonObject().put("text", "@erin and @ivar, a question for you"));
    for (int i = 0; i < 100 && failures() == 0; i++) Thread.sleep(100);
    assertThat(failures()).isPositive();
    Thread.sleep(4_000);
    // looking every second, two people due: without waiting longer after each failure this would be about ten
    assertThat(failures()).as("tries spaced out, one person at a time").isBetween(1L, 2L);
    assertThat(emails("failed")).isEqualTo(failures());

    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    for (int i = 0; i < 200 && (to("erin@example.org").isEmpty() || to("ivar@example.org").isEmpty()); i++) Thread.sleep(100);
    assertThat(to("erin@example.org")).hasSize(1);
    assertThat(to("ivar@example.org")).hasSize(1);
    assertThat(part(to("erin@example.org").get(0), "text/plain")).contains("Bob mentioned you");
    Thread.sleep(2_000);
    assertThat(to("erin@example.org")).as("once").hasSize(1);
    assertThat(emails("sent")).isEqualTo(2);
    assertThat(s.get("/api/me/email", erin).status()).isEqualTo(200);
  }

  private long failures() {
    return s.events().stream().filter(e -> e.type().equals("NotificationEmailFailed.v1")).count();
  }

  /** A counter of emails from /metrics, as operators scrape it. */
  private double emails(String result) {
    String metrics = s.call(HttpMethod.GET, "/metrics", "scrape", null, Map.of()).body().toString();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("deling_emails_total\\{result=\"" + result + "\",?\\} ([0-9.E]+)").matcher(metrics);
    assertThat(m.find()).as("deling_emails_total{result=%s} in /metrics", result).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
