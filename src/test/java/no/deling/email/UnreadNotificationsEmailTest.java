package no.deling.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnreadNotificationsEmailTest {
  private static final long NOW = Instant.parse("2026-12-06T12:00:00Z").toEpochMilli();
  private static final long HOUR = 3_600_000L;

  private static JsonObject n(long id, String kind, long atMillis, boolean read, String... from) {
    JsonArray people = new JsonArray();
    for (String f : from) people.add(new JsonObject().put("id", f.toLowerCase()).put("name", f));
    return new JsonObject().put("id", Long.toString(id)).put("kind", kind).put("from", people).put("count", from.length)
        .put("createdAt", Instant.ofEpochMilli(atMillis).toString()).put("read", read).put("post", "0384036914845450" + id);
  }

  @Test
  void due_areUnread_notYetEmailed_andWaitedLongEnough_butNotADayLonger() {
    JsonArray items = new JsonArray().add(n(9, "mention", NOW - 10 * 60_000, false, "Bob")) // too fresh
        .add(n(8, "reply", NOW - 2 * HOUR, false, "Bob"))
        .add(n(7, "endorsement", NOW - 3 * HOUR, true, "Carol")) // read
        .add(n(5, "follow", NOW - 4 * HOUR, false, "Dan")) // emailed already
        .add(n(3, "question", NOW - 26 * HOUR, false, "Eve")); // older than a day past the delay
    List<JsonObject> due = UnreadNotificationsEmail.due(items, 5, NOW, HOUR);
    assertThat(due).extracting(o -> o.getString("id")).containsExactly("8");
  }

  @Test
  void theEmail_saysWhoDidWhatAndWhere_linksEachAndAll_inTheChosenLanguage_neverWhatAPostSaid() {
    JsonObject inGroup = n(12, "mention", NOW - HOUR, false, "Bob").put("group", new JsonObject().put("id", "g").put("name", "Payments"));
    JsonObject grouped = n(10, "endorsement", NOW - HOUR, false, "Carol", "Dan", "Eve");
    JsonObject question = n(11, "question", NOW - HOUR, false, "Lea");
    UnreadNotificationsEmail.Email email = UnreadNotificationsEmail.of("alice", "Alice", List.of(inGroup, question, grouped), "https://deling.example.org", "en");
    assertThat(email.upTo()).isEqualTo(12);
    assertThat(email.count()).isEqualTo(3);
    assertThat(email.subject()).isEqualTo("3 notifications you have not read on Deling");
    assertThat(email.text()).startsWith("Hello Alice,")
        .contains("- Bob mentioned you (in Payments)\n  https://deling.example.org/#/post/038403691484545012")
        .contains("- Lea asks you a question\n  https://deling.example.org/#/question/038403691484545011")
        .contains("- Carol and 2 more endorsed your post")
        .contains("All your notifications: https://deling.example.org/#/notifications")
        .contains("https://deling.example.org/#/user/alice");
    UnreadNotificationsEmail.Email one = UnreadNotificationsEmail.of("kari", "Kari", List.of(n(4, "reply", NOW - HOUR, false, "Ola")), "https://d.no", "nb");
    assertThat(one.subject()).isEqualTo("Ola svarte deg");
    assertThat(one.text()).startsWith("Hei Kari,").contains("Alle varslene dine: https://d.no/#/notifications");
  }

  @Test
  void aLongList_showsTheNewestTwenty_andCountsTheRest_butClaimsThemAll() {
    List<JsonObject> many = new java.util.ArrayList<>();
    for (int i = 30; i >= 1; i--) many.add(n(i, "follow", NOW - HOUR, false, "P" + i));
    UnreadNotificationsEmail.Email email = UnreadNotificationsEmail.of("a", "A", many, "https://d.no", "en");
    assertThat(email.text()).contains("P30 followed you").contains("P11 followed you").doesNotContain("P10 followed you").contains("- and 10 more");
    assertThat(email.upTo()).isEqualTo(30);
    assertThat(email.count()).isEqualTo(30);
  }

  @Test
  void theHtmlPart_saysTheSame_eachLineALink_andANameIsNeverMarkup() {
    JsonObject sneaky = n(7, "mention", NOW - HOUR, false, "<img src=x onerror=alert(1)> & \"Co\"");
    JsonObject grouped = n(6, "endorsement", NOW - HOUR, false, "Carol", "Dan").put("group", new JsonObject().put("id", "g").put("name", "R&D <core>"));
    UnreadNotificationsEmail.Email email = UnreadNotificationsEmail.of("ola nordmann", "Ola <Admin>", List.of(sneaky, grouped), "https://deling.example.org",
        "en");
    org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(email.html());
    assertThat(html.select("img, script, [onerror]")).as("a name is text, never markup").isEmpty();
    assertThat(html.select("li").eachText()).containsExactly("<img src=x onerror=alert(1)> & \"Co\" mentioned you",
        "Carol and 1 more endorsed your post (in R&D <core>)");
    assertThat(html.select("li a").eachAttr("href")).containsExactly("https://deling.example.org/#/post/03840369148454507",
        "https://deling.example.org/#/post/03840369148454506");
    assertThat(html.select("p").first().text()).isEqualTo("Hello Ola <Admin>,");
    assertThat(html.select("a").eachAttr("href")).contains("https://deling.example.org/#/notifications",
        "https://deling.example.org/#/user/ola+nordmann");
    assertThat(html.title()).isEqualTo("2 notifications you have not read on Deling");
    assertThat(html.select("html").attr("lang")).isEqualTo("en");
    assertThat(html.select("[src], link, style")).as("nothing fetched when it is opened").isEmpty();
    assertThat(UnreadNotificationsEmail.of("k", "Kari", List.of(grouped), "https://d.no", "nb").html()).contains("lang=\"nb\"")
        .contains(">Alle varslene dine</a>");
  }
}
