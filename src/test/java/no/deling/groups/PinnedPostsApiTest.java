package no.deling.groups;

import static no.deling.support.TestServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A group's owners pin posts to the top of its page, through a real HTTP client. */
class PinnedPostsApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;

  private static List<String> pinned(TestServer t, String group, String token) {
    return t.get("/api/groups/" + group + "/posts", token).json().getJsonArray("pinned").stream()
        .map(o -> ((JsonObject) o).getString("id")).toList();
  }


  @Test
  void anOwnerPinsPosts_theGroupsPageListsThemFirst_andOnlyItsMembersSeeThem() {
    String owner = s.token("pin-owner");
    String member = s.token("pin-member");
    String outsider = s.token("pin-outsider");
    s.get("/api/me", outsider);
    String g = s.privateGroup(owner, "Onboarding");
    s.invite(g, owner, "pin-member", member);
    String rules = s.groupPost(owner, g, "Start here: how this group works");
    String faq = s.groupPost(member, g, "FAQ for newcomers");
    String reply = s.reply(member, rules, "Thanks!");
    String chatter = s.groupPost(member, g, "Lunch anyone?");

    try (no.deling.support.StreamClient ws = no.deling.support.StreamClient.connect(s.vertx, s.server.port(), member)) {
      ws.subscribe(new JsonObject().put("stream", "group").put("group", g));
      JsonObject r = s.put("/api/groups/" + g + "/pinned/" + rules, owner, null).json();
      assertThat(r.getJsonArray("pinned").getList()).containsExactly(rules);
      JsonObject live = ws.next("pinned");
      assertThat(live.getString("id")).isEqualTo(rules);
      assertThat(live.getBoolean("pinned")).as("live, for the group's page to follow").isTrue();
    }
    s.put("/api/groups/" + g + "/pinned/" + faq, owner, null);
    assertThat(pinned(s, g, member)).as("the latest pinned first").containsExactly(faq, rules);
    JsonObject page = s.get("/api/groups/" + g + "/posts", member).json();
    assertThat(page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id"))).contains(chatter, rules);
    assertThat(s.get("/api/groups/" + g + "/posts?before=" + chatter, member).json().containsKey("pinned")).as("first page only").isFalse();

    assertThat(s.put("/api/groups/" + g + "/pinned/" + chatter, member, null).status()).as("owners only").isEqualTo(403);
    assertThat(s.put("/api/groups/" + g + "/pinned/" + chatter, outsider, null).status()).as("a private group is not named").isEqualTo(404);
    assertProblem(s.put("/api/groups/" + g + "/pinned/" + reply, owner, null), 422, "postId", "top-level");
    assertProblem(s.put("/api/groups/" + g + "/pinned/" + s.publish(owner, "Not in the group"), owner, null), 422, "postId", "group-post");
    long pins = s.events().stream().filter(e -> e.type().equals("GroupPostPinned.v1")).count();
    assertThat(s.put("/api/groups/" + g + "/pinned/" + faq, owner, null).status()).isEqualTo(200);
    assertThat(s.events().stream().filter(e -> e.type().equals("GroupPostPinned.v1")).count()).as("pinned again: nothing new").isEqualTo(pins);

    s.put("/api/groups/" + g + "/pinned/" + chatter, owner, null);
    assertProblem(s.put("/api/groups/" + g + "/pinned/" + s.groupPost(owner, g, "A fourth"), owner, null), 422, "postId", "max-pinned");
    assertThat(s.delete("/api/posts/" + chatter, member).status()).isEqualTo(204);
    assertThat(pinned(s, g, member)).as("a deleted post is not shown").containsExactly(faq, rules);
    String fourth = s.groupPost(owner, g, "Holds the deleted one's place");
    assertThat(s.put("/api/groups/" + g + "/pinned/" + fourth, owner, null).status()).as("a deleted post holds no place").isEqualTo(200);
    assertThat(s.delete("/api/groups/" + g + "/pinned/" + rules, owner).json().getJsonArray("pinned").getList()).doesNotContain(rules);
    assertThat(pinned(s, g, member)).containsExactly(fourth, faq);
  }

  @Test
  void thePinnedPostsAreTheSame_afterARestartAndAReplay() throws Exception {
    String[] ids = new String[3];
    no.deling.support.ModelRuns.playThenCheckThrice("deling-pins", Map.of("DELING_WRITE_RATE", "0"), t -> {
      String owner = t.token("r-owner");
      ids[0] = t.openGroup(owner, "Open house");
      ids[1] = t.groupPost(owner, ids[0], "Welcome");
      ids[2] = t.groupPost(owner, ids[0], "House rules");
      t.put("/api/groups/" + ids[0] + "/pinned/" + ids[1], owner, null);
      t.put("/api/groups/" + ids[0] + "/pinned/" + ids[2], owner, null);
      t.delete("/api/groups/" + ids[0] + "/pinned/" + ids[1], owner);
    }, (t, when) -> assertThat(pinned(t, ids[0], t.token("r-reader"))).as(when).containsExactly(ids[2]));
  }
}
