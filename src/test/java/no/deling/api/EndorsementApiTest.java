package no.deling.api;

import static no.deling.api.PostApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import no.deling.support.TestServer.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EndorsementApiTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.asShipped();
  static TestServer s;
  static String alice;
  static String bob;

  @BeforeAll
  static void start() {
    alice = s.token("alice");
    bob = s.token("bob");
  }


  @Test
  void endorse_countsOnce_showsWhoEndorsed_andWithdrawIsIdempotent() {
    String id = s.publish(alice, "Endorse me");
    Response first = s.put("/api/posts/" + id + "/endorsement", bob, null);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().getInteger("endorsements")).isEqualTo(1);
    long head = s.head();
    assertThat(s.put("/api/posts/" + id + "/endorsement", bob, null).json().getInteger("endorsements")).isEqualTo(1);
    assertThat(s.head()).as("a repeated endorsement writes nothing").isEqualTo(head);
    assertThat(s.get("/api/posts/" + id, bob).json().getBoolean("endorsedByMe")).isTrue();
    assertThat(s.get("/api/posts/" + id, alice).json().getBoolean("endorsedByMe")).isFalse();
    assertThat(s.get("/api/posts/" + id, alice).json().getInteger("endorsements")).isEqualTo(1);
    assertThat(s.delete("/api/posts/" + id + "/endorsement", bob).json().getInteger("endorsements")).isZero();
    assertThat(s.delete("/api/posts/" + id + "/endorsement", bob).json().getBoolean("endorsed")).isFalse();
  }

  @Test
  void endorse_ownPost_is422_unknownPost_is404() {
    String id = s.publish(alice, "mine");
    assertProblem(s.put("/api/posts/" + id + "/endorsement", alice, null), 422, "id", "not-own-post");
    assertThat(s.put("/api/posts/0000000000000000007/endorsement", bob, null).status()).isEqualTo(404);
    assertThat(s.delete("/api/posts/0000000000000000007/endorsement", bob).status()).isEqualTo(404);
  }

  @Test
  void manyConcurrentEndorsements_ofOnePost_allSucceedWithoutConflict() throws Exception {
    String id = s.publish(alice, "popular");
    List<CompletableFuture<Response>> all = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String token = s.token("fan" + i);
      all.add(CompletableFuture.supplyAsync(() -> s.put("/api/posts/" + id + "/endorsement", token, null)));
    }
    for (var f : all) assertThat(f.get().status()).isEqualTo(200);
    assertThat(s.get("/api/posts/" + id, alice).json().getInteger("endorsements")).isEqualTo(60);
  }
}
