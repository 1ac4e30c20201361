package no.deling.timelines;

import static no.deling.support.TestServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** While you were away: what reached one's home since a moment, the posts colleagues took up most first, only what one may see. */
class DigestApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;

  private static List<String> ids(TestServer.Response r) {
    return r.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  private static void endorse(String post, String... tokens) {
    for (String t : tokens) assertThat(s.put("/api/posts/" + post + "/endorsement", t, null).status()).isEqualTo(200);
  }

  @Test
  void theMostTakenUpSinceThen_first_onlyWhatTheReaderMaySee_neverTheirOwn() throws Exception {
    String ann = s.token("dg-ann");
    String bob = s.token("dg-bob");
    String reader = s.token("dg-reader");
    String outsider = s.token("dg-outsider");
    String[] fans = {s.token("dg-f1"), s.token("dg-f2"), s.token("dg-f3")};
    s.get("/api/me", ann);
    s.get("/api/me", bob);
    for (String who : List.of(reader, outsider)) {
      assertThat(s.put("/api/me/following/users/dg-ann", who, null).status()).isEqualTo(200);
      assertThat(s.put("/api/me/following/users/dg-bob", who, null).status()).isEqualTo(200);
    }
    String group = s.privateGroup(ann, "Leadership offsite");
    s.invite(group, ann, "dg-reader", reader);
    for (String fan : fans) s.invite(group, ann, fan.equals(fans[0]) ? "dg-f1" : fan.equals(fans[1]) ? "dg-f2" : "dg-f3", fan);

    String old = s.publish(ann, "Yesterday's news");
    endorse(old, fans);
    Thread.sleep(20);
    String since = Instant.now().toString();
    Thread.sleep(20);
    String two = s.publish(bob, "Two endorsements");
    endorse(two, fans[0], fans[1]);
    String replied = s.publish(ann, "One reply");
    s.reply(fans[0], replied, "Agreed");
    String hidden = s.groupPost(ann, group, "Three endorsements, in a private group");
    endorse(hidden, fans);
    String quiet = s.publish(bob, "Nobody took this up");
    String own = s.publish(reader, "My own, endorsed");
    endorse(own, fans);

    TestServer.Response mine = s.get("/api/me/digest?since=" + URLEncoder.encode(since, StandardCharsets.UTF_8), reader);
    assertThat(mine.status()).as(mine.body().toString()).isEqualTo(200);
    assertThat(ids(mine)).containsExactly(hidden, two, replied);
    assertThat(mine.json().getInteger("newPosts")).as("others' posts since then, the quiet one too").isEqualTo(4);
    assertThat(mine.json().getBoolean("more")).isFalse();
    assertThat(ids(mine)).doesNotContain(old, quiet, own);

    TestServer.Response theirs = s.get("/api/me/digest?since=" + URLEncoder.encode(since, StandardCharsets.UTF_8), outsider);
    assertThat(ids(theirs)).as("a private group's post reaches its members only").containsExactly(two, replied);
    assertThat(theirs.body().toString()).doesNotContain("private group");

    assertThat(ids(s.get("/api/me/digest?limit=1&since=" + URLEncoder.encode(since, StandardCharsets.UTF_8), reader))).containsExactly(hidden);
    assertThat(ids(s.get("/api/me/digest", reader))).as("a day back by default").contains(old);
  }

  @Test
  void aSinceThatIsNoMomentInThePast_isRefused() {
    String reader = s.token("dg-bad");
    assertProblem(s.get("/api/me/digest?since=yesterday", reader), 422, "since", "date-time");
    assertProblem(s.get("/api/me/digest?since=" + URLEncoder.encode(Instant.now().plusSeconds(3600).toString(), StandardCharsets.UTF_8), reader),
        422, "since", "past");
    assertThat(s.get("/api/me/digest?limit=21", reader).status()).isEqualTo(400);
    assertThat(s.get("/api/me/digest?since=2020-01-01T00:00:00Z", reader).json().getString("since")).as("at most a month back")
        .isGreaterThan("2026-01-01");
  }
}
