package no.deling.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import no.deling.support.ServerPerClass;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A text in the query string reaches the server as it was typed. The contract library read each one
 * as JSON and decoded it twice: a search for "50%" or for a quote was refused, a number was no
 * text, and quotes around a phrase were dropped.
 */
class QueryTextTest {
  @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();
  static TestServer s;

  @Test
  void peopleSearch_takesTheTextAsTyped() {
    String token = s.token("qt-reader");
    s.token("qt-2027", "Team 2027", "Ops");
    s.get("/api/me", s.token("qt-2027", "Team 2027", "Ops"));
    for (String typed : List.of("2027", "50%", "\"quoted", "C:\\temp", "true", "a+b", "{\"x\":1}", "100% \"sure\"")) {
      TestServer.Response r = s.get("/api/people?q=" + URLEncoder.encode(typed, StandardCharsets.UTF_8), token);
      assertThat(r.status()).as("q=%s: %s", typed, r.body()).isEqualTo(200);
    }
    JsonObject found = s.get("/api/people?q=2027", token).json();
    assertThat(found.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList()).contains("qt-2027");
  }
}
