package no.deling.links;

import static no.deling.support.TestServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared link library through a real HTTP client. */
class LinkApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;

  private static List<JsonObject> links(String query, String token) {
    TestServer.Response r = s.get("/api/links?" + query, token);
    assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    return r.json().getJsonArray("items").stream().map(o -> (JsonObject) o).toList();
  }

  @Test
  void oneEntryPerAddress_withEveryonesTagsAndComments_andPostsCountAsSharing() {
    String ann = s.token("lnk-ann");
    String ben = s.token("lnk-ben");
    String cat = s.token("lnk-cat");
    JsonObject saved = s.post("/api/bookmarks", ann, new JsonObject().put("url", "https://Handbook.example.org/onboarding/?utm_source=mail")
        .put("tags", List.of("lnkonboarding")).put("comment", "Start here")).json();
    String id = saved.getString("id");
    assertThat(saved.getString("url")).isEqualTo("https://handbook.example.org/onboarding");
    s.post("/api/bookmarks", ben, new JsonObject().put("url", "https://handbook.example.org/onboarding#week-1").put("tags", List.of("lnkhr")));
    s.publish(cat, "Read https://handbook.example.org/onboarding before Monday #lnkfirstday");
    JsonObject entry = s.get("/api/links/" + id, ann).json();
    assertThat(entry.getInteger("sharedBy")).isEqualTo(3);
    assertThat(entry.getJsonArray("tags").getList()).containsExactlyInAnyOrder("lnkonboarding", "lnkhr", "lnkfirstday");
    assertThat(entry.getJsonArray("shares").getJsonObject(0).getJsonObject("by").getString("id")).as("newest first").isEqualTo("lnk-cat");

    assertThat(links("tag=lnkhr", cat)).extracting(o -> o.getString("id")).containsExactly(id);
    assertThat(links("q=START+HERE", cat)).extracting(o -> o.getString("id")).containsExactly(id);
    s.post("/api/bookmarks", ann, new JsonObject().put("url", "https://other.example.org/lnk").put("tags", List.of("lnkhr")));
    assertThat(links("tag=lnkhr&sort=week", cat).get(0).getString("id")).as("most shared this week first").isEqualTo(id);
    List<JsonObject> recent = links("tag=lnkhr", cat);
    assertThat(recent).extracting(o -> o.getString("url")).as("the last shared first").containsExactly("https://other.example.org/lnk",
        "https://handbook.example.org/onboarding");
    JsonObject first = s.get("/api/links?tag=lnkhr&limit=1", cat).json();
    assertThat(first.getJsonArray("items").getJsonObject(0).getString("url")).isEqualTo("https://other.example.org/lnk");
    assertThat(links("tag=lnkhr&limit=1&next=" + first.getString("next"), cat)).extracting(o -> o.getString("id")).as("a page at a time").containsExactly(id);

    // saving again changes my tags; removing takes my share back
    s.post("/api/bookmarks", ben, new JsonObject().put("url", "https://handbook.example.org/onboarding").put("tags", List.of("lnkpeople")));
    assertThat(s.get("/api/links/" + id, ann).json().getJsonArray("tags").getList()).contains("lnkpeople").doesNotContain("lnkhr");
    s.delete("/api/bookmarks/" + id, ben);
    assertThat(s.get("/api/links/" + id, ann).json().getInteger("sharedBy")).isEqualTo(2);
    assertProblem(s.post("/api/bookmarks", ann, new JsonObject().put("url", "ftp://files.example.org/x")), 422, "url", "http-url");
    assertProblem(s.post("/api/bookmarks", ann, new JsonObject().put("url", "https://example.org").put("tags", List.of("no spaces"))), 422, "tags",
        "hashtag");
  }

  @Test
  void aPageListsEachEntrysNewestShares_theEntryAllOfThem_andSaysWhetherIBookmarkedIt() {
    String url = "https://intranet.example.org/lnk-popular";
    List<String> sharers = List.of("lnk-p1", "lnk-p2", "lnk-p3", "lnk-p4", "lnk-p5");
    String id = null;
    for (String who : sharers) {
      id = s.post("/api/bookmarks", s.token(who), new JsonObject().put("url", url).put("tags", List.of("lnkpopular")).put("comment", "from " + who))
          .json().getString("id");
    }
    String reader = s.token("lnk-reader");
    JsonObject listed = links("tag=lnkpopular", reader).get(0);
    assertThat(listed.getInteger("sharedBy")).isEqualTo(5);
    assertThat(listed.getJsonArray("shares").stream().map(o -> ((JsonObject) o).getString("comment")).toList()).as("the newest three")
        .containsExactly("from lnk-p5", "from lnk-p4", "from lnk-p3");
    assertThat(listed.getInteger("moreShares")).isEqualTo(2);
    assertThat(listed.getBoolean("saved")).as("the reader saved nothing").isFalse();
    assertThat(links("tag=lnkpopular", s.token("lnk-p1")).get(0).getBoolean("saved")).as("the first sharer, not listed, saved it").isTrue();

    JsonObject entry = s.get("/api/links/" + id, reader).json();
    assertThat(entry.getJsonArray("shares")).hasSize(5);
    assertThat(entry.getInteger("moreShares")).isZero();
    assertThat(entry.getValue("next")).isNull();
    // the entry's shares a page at a time, newest first, each once
    JsonObject first = s.get("/api/links/" + id + "?limit=2", reader).json();
    assertThat(first.getInteger("moreShares")).isEqualTo(3);
    String entryId = id;
    List<String> paged = no.deling.support.Pages.walk(next -> s.get("/api/links/" + entryId + "?limit=2" + (next == null ? "" : "&next=" + next), reader)
        .json(), "shares", 5).stream().map(o -> o.getString("comment")).toList();
    assertThat(paged).containsExactly("from lnk-p5", "from lnk-p4", "from lnk-p3", "from lnk-p2", "from lnk-p1");
    assertThat(first.getInteger("sharedBy")).as("the entry's figures are the whole entry's on every page").isEqualTo(5);
    // a post that links it is a share too, but no bookmark of its author's to take back
    String poster = s.token("lnk-poster");
    s.publish(poster, "See " + url + " #lnkpopular");
    JsonObject byPost = links("tag=lnkpopular", poster).get(0);
    assertThat(byPost.getJsonArray("shares").getJsonObject(0).getJsonObject("by").getString("id")).isEqualTo("lnk-poster");
    assertThat(byPost.getBoolean("saved")).isFalse();
    assertThat(byPost.getInteger("moreShares")).isEqualTo(3);
  }

  @Test
  void visibilityFollowsThePostOrGroupItCameFrom() {
    String owner = s.token("lnk-owner");
    String outsider = s.token("lnk-outsider");
    String g = s.post("/api/groups", owner, new JsonObject().put("name", "Board").put("access", "private")).json().getString("id");
    String post = s.post("/api/posts", owner, new JsonObject().put("text", "Draft: https://docs.example.org/lnk-merger").put("group", g))
        .json().getString("id");
    JsonObject bookmark = s.post("/api/bookmarks", owner, new JsonObject().put("url", "https://docs.example.org/lnk-term-sheet").put("group", g))
        .json();
    assertThat(links("q=lnk-merger", owner)).hasSize(1);
    assertThat(links("q=lnk-merger", outsider)).isEmpty();
    assertThat(links("q=lnk-term-sheet", outsider)).isEmpty();
    assertThat(s.get("/api/links/" + bookmark.getString("id"), outsider).status()).isEqualTo(404);
    assertThat(s.post("/api/bookmarks", outsider, new JsonObject().put("url", "https://x.example.org").put("group", g)).status()).isEqualTo(422);
    // a deleted post no longer shares its links
    s.delete("/api/posts/" + post, owner);
    assertThat(links("q=lnk-merger", owner)).isEmpty();
  }
}
