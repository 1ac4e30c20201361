package no.deling.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import no.deling.support.ServerPerClass;
import no.deling.support.StreamClient;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A member keeps a busy group's posts off their home and stays a member, through a real HTTP client and a WebSocket. */
class GroupMuteApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;

  private static List<String> home(TestServer t, String token) {
    return t.get("/api/timelines/home?limit=100", token).json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }


  @Test
  void aMutedGroupsPosts_leaveTheHomeAndItsLiveStream_butNotThePage_andThoseOfPeopleIFollowStay() {
    String owner = s.token("mute-owner");
    String reader = s.token("mute-reader");
    String friend = s.token("mute-friend");
    String g = s.openGroup(owner, "Build noise");
    s.put("/api/groups/" + g + "/members/mute-reader", reader, null);
    s.put("/api/groups/" + g + "/members/mute-friend", friend, null);
    s.put("/api/me/following/users/mute-friend", reader, null);
    String before = s.groupPost(owner, g, "Nightly build green");
    assertThat(home(s, reader)).contains(before);

    JsonObject muted = s.put("/api/me/muted-groups/" + g, reader, null).json();
    assertThat(muted.getBoolean("mutedOnHome")).isTrue();
    assertThat(home(s, reader)).as("a member's group post, muted").doesNotContain(before);
    assertThat(s.get("/api/groups/" + g, reader).json().getMap()).containsEntry("mutedOnHome", true).containsEntry("role", "member");
    assertThat(s.get("/api/me/following", reader).json().getJsonArray("mutedGroups").getList()).containsExactly(g);
    long head = s.head();
    assertThat(s.put("/api/me/muted-groups/" + g, reader, null).status()).isEqualTo(200);
    assertThat(s.head()).as("muting twice writes nothing").isEqualTo(head);

    try (StreamClient ws = StreamClient.connect(s.vertx, s.server.port(), reader)) {
      ws.subscribe(new JsonObject().put("stream", "home"));
      ws.subscribe(new JsonObject().put("stream", "group").put("group", g));
      String noise = s.groupPost(owner, g, "Nightly build red");
      String fromFriend = s.groupPost(friend, g, "I fixed the nightly");
      List<JsonObject> updates = new java.util.ArrayList<>();
      while (updates.stream().noneMatch(m -> "home".equals(m.getString("stream")) && fromFriend.equals(m.getJsonObject("post").getString("id")))) {
        updates.add(ws.next("update"));
      }
      assertThat(updates).as("the group's page is live for both").anyMatch(m -> ("group:" + g).equals(m.getString("stream")) && noise.equals(m.getJsonObject("post").getString("id")));
      assertThat(updates).as("home, live: not the muted group's post").noneMatch(m -> "home".equals(m.getString("stream"))
          && noise.equals(m.getJsonObject("post").getString("id")));
      assertThat(home(s, reader)).contains(fromFriend).doesNotContain(noise, before);
      assertThat(s.get("/api/groups/" + g + "/posts", reader).json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")))
          .contains(noise, before, fromFriend);
    }

    assertThat(s.delete("/api/me/muted-groups/" + g, reader).json().getBoolean("mutedOnHome")).isFalse();
    assertThat(home(s, reader)).as("back on home").contains(before);
    assertThat(s.get("/api/groups/" + g, reader).json().getBoolean("mutedOnHome")).isFalse();
  }

  @Test
  void aPrivateGroupIsNotNamedToAnOutsider_evenToMuteIt() {
    String owner = s.token("mute-owner2");
    String outsider = s.token("mute-outsider");
    s.get("/api/me", outsider);
    String g = s.privateGroup(owner, "Board");
    assertThat(s.put("/api/me/muted-groups/" + g, outsider, null).status()).isEqualTo(404);
    assertThat(s.put("/api/me/muted-groups/0384036914845450999", outsider, null).status()).isEqualTo(404);
  }

  @Test
  void aMutedGroup_staysMuted_afterARestartAndAReplay() throws Exception {
    String[] ids = new String[2];
    no.deling.support.ModelRuns.playThenCheckThrice("deling-mute", Map.of("DELING_WRITE_RATE", "0"), t -> {
      String owner = t.token("r-owner");
      String reader = t.token("r-reader");
      ids[0] = t.openGroup(owner, "Chatter");
      t.put("/api/groups/" + ids[0] + "/members/r-reader", reader, null);
      ids[1] = t.groupPost(owner, ids[0], "So much chatter");
      t.put("/api/me/muted-groups/" + ids[0], reader, null);
    }, (t, when) -> {
      assertThat(home(t, t.token("r-reader"))).as(when).doesNotContain(ids[1]);
      assertThat(t.get("/api/groups/" + ids[0], t.token("r-reader")).json().getBoolean("mutedOnHome")).as(when).isTrue();
    });
  }
}
