package no.deling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API requests skip the outer router only where it could not have answered them itself. */
class ApiPathsTest {
  @TempDir Path dir;

  @Test
  void onlyPlainApiPaths_goStraightToTheApi() {
    assertThat(ApiPaths.straightToApi("/api/posts")).isTrue();
    assertThat(ApiPaths.straightToApi("/api/posts/0384058530618933270/thread")).isTrue();
    assertThat(ApiPaths.straightToApi("/api/timelines/home/")).isTrue();
    // the outer router's own routes, and spellings it would normalise first
    for (String path : List.of("/api/stream", "/api/stream/", "/api/./stream", "/api//stream", "/api/%73tream", "/api/a/../stream",
        "/api\\stream", "/health", "/metrics", "/", "/app/app.js", "/scim/v2/Users", "/apis", "/api")) {
      assertThat(ApiPaths.straightToApi(path)).as(path).isFalse();
    }
    assertThat(ApiPaths.straightToApi(null)).isFalse();
  }

  @Test
  void everySpellingOfAPath_reachesWhatItReachedBefore() {
    try (TestServer s = TestServer.start(dir)) {
      String alice = s.token("alice");
      for (String path : List.of("/api/stream", "/api/stream/", "/api/./stream", "/api//stream", "/api/%73tream")) {
        TestServer.Response r = s.get(path, alice);
        assertThat(r.status()).as(path).isEqualTo(400);
        assertThat(r.json().getString("type")).as(path).endsWith("/not-websocket");
      }
      for (String path : List.of("/api/timelines/home", "/api/./timelines/home", "/api//timelines/home", "/api/timelines/home/", "/api/%74imelines/home")) {
        assertThat(s.get(path, alice).status()).as(path).isEqualTo(200);
      }
      assertThat(s.get("/api/timelines/home", null).status()).as("no token").isEqualTo(401);
      assertThat(s.get("/api/nope", alice).status()).isEqualTo(404);
      assertThat(s.get("/nope", alice).status()).isEqualTo(404);
      assertThat(s.get("/health", null).status()).isEqualTo(200);
    }
  }
}
