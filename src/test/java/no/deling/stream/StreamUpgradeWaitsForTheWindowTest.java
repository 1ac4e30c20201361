package no.deling.stream;

import static no.deling.support.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import no.deling.Config;
import no.deling.auth.TokenVerifier;
import no.deling.readmodel.ModelState;
import no.deling.readmodel.ReadModel;
import no.deling.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Right after a start from a snapshot, while the resume window still gets its entries from before
 * it, a WebSocket upgrade is held, not refused: the connection stays open with no answer, and the
 * upgrade goes through once the entries are in. Spoken over a plain socket, so that what is
 * checked is the server's answer and nothing a client library does.
 */
class StreamUpgradeWaitsForTheWindowTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  @Test
  void anUpgradeWhileTheWindowIsFilled_isHeld_andAnsweredOnceItIsIn() throws Exception {
    Config config = Config.fromEnv(Map.of("DELING_JWT_SECRET", TestServer.SECRET));
    TokenVerifier verifier = await(TokenVerifier.create(vertx, config));
    ReadModel model = new ReadModel(ModelState.empty(100, 1000, false), 100);
    StreamHub hub = new StreamHub(model, 100, 100, 40);
    hub.awaitEarlier(60); // a snapshot at 60: the entries after 40 up to it are still to come
    Router router = Router.router(vertx);
    router.get("/api/stream").handler(new StreamRoutes(verifier, hub, model, config)::handle);
    HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0));

    try (Socket socket = new Socket("localhost", server.actualPort())) {
      socket.getOutputStream().write(("GET /api/stream HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
          + "Authorization: Bearer " + verifier.sign(new JsonObject().put("sub", "carol"), 5) + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      socket.setSoTimeout(700);
      String early = null;
      try {
        early = in.readLine();
      } catch (SocketTimeoutException held) {
        // the answer waits for the window
      }
      assertThat(early).as("no answer while the window is filled (and the connection still open)").isNull();

      hub.addEarlier(List.of(StreamEntry.forAudience(50, "announcement", "carol"::equals, () -> "\"n\":50")));
      hub.earlierDone(null);
      socket.setSoTimeout(10_000);
      assertThat(in.readLine()).as("answered once the entries are in").startsWith("HTTP/1.1 101");
    }
  }
}
