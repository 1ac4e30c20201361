package no.deling.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import no.deling.support.Await;
import no.deling.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A message over the limits closes the socket with 1009 (message too big), whichever way it arrives. */
class StreamMessageSizeTest {
  @TempDir Path dir;
  TestServer s;

  @BeforeEach
  void start() {
    s = TestServer.start(dir);
  }

  @AfterEach
  void stop() {
    s.close();
  }

  private WebSocket connect(boolean compress) {
    var client = s.vertx.createWebSocketClient(new WebSocketClientOptions().setTryUsePerMessageCompression(compress)
        .setMaxFrameSize(1024 * 1024).setMaxMessageSize(4 * 1024 * 1024));
    return Await.await(client.connect(new WebSocketConnectOptions().setHost("localhost").setPort(s.server.port()).setURI("/api/stream")
        .addHeader("Authorization", "Bearer " + s.token("alice"))));
  }

  private static CompletableFuture<Short> closeCode(WebSocket ws) {
    CompletableFuture<Short> code = new CompletableFuture<>();
    ws.closeHandler(v -> code.complete(ws.closeStatusCode()));
    return code;
  }

  @Test
  void aMessageOver256KiB_inFragments_isClosedWith1009() throws Exception {
    WebSocket ws = connect(false);
    var code = closeCode(ws);
    String part = "x".repeat(60 * 1024);
    ws.writeFrame(WebSocketFrame.textFrame("{\"type\":\"" + part, false));
    for (int i = 0; i < 5; i++) ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(part), false));
    ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("\"}"), true));
    assertThat(code.get(10, TimeUnit.SECONDS)).isEqualTo((short) 1009);
  }

  @Test
  void aSingleFrameOver64KiB_isClosedWith1009() throws Exception {
    WebSocket ws = connect(false);
    var code = closeCode(ws);
    ws.writeTextMessage("{\"type\":\"" + "x".repeat(100 * 1024) + "\"}");
    assertThat(code.get(10, TimeUnit.SECONDS)).isEqualTo((short) 1009);
  }

  @Test
  void aCompressedMessage_thatInflatesPastTheLimit_isClosedWith1009() throws Exception {
    WebSocket ws = connect(true);
    var code = closeCode(ws);
    ws.writeTextMessage("{\"type\":\"" + "x".repeat(1024 * 1024) + "\"}");
    assertThat(code.get(10, TimeUnit.SECONDS)).isEqualTo((short) 1009);
  }
}
