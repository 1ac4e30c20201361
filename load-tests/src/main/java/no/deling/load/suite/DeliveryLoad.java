package no.deling.load.suite;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Live delivery under load: N WebSockets listen, messages are posted over HTTP at a fixed rate
 * (open model), and each arrival is timed from its message's intended send time. The same code
 * drives the plain broadcast ceiling and Deling; only the {@link Target} differs.
 */
final class DeliveryLoad {
  static final String FILLER = "x".repeat(300);
  private static final String MARK = "seq-";

  /** What message i carries so that a socket can tell which one arrived. */
  static String marker(int i) {
    return MARK + i + " ";
  }

  /**
   * @param wsPath where sockets connect
   * @param token bearer token for the sockets (null for the plain server)
   * @param postToken bearer token for the posts (null for the plain server)
   * @param subscribe first message each socket sends (null: none)
   * @param postPath where message i is posted
   * @param body the HTTP body for message i; it must carry the marker {@link #marker}{@code (i)}
   */
  record Target(int port, String wsPath, String token, String subscribe, String postPath, String postToken,
      java.util.function.IntFunction<String> body) {}

  record Result(int sockets, int rate, double deliveriesPerSecond, Histogram latencyMicros, long expected, long received,
      long failedPosts, long closedSockets) {
    long missing() {
      return expected - received;
    }
  }

  private DeliveryLoad() {}

  static Result run(Vertx vertx, Target t, int sockets, int rate, int seconds) throws Exception {
    int total = rate * seconds;
    long[] intended = new long[total];
    ConcurrentHistogram h = new ConcurrentHistogram(3);
    AtomicLong received = new AtomicLong();
    AtomicLong closed = new AtomicLong();
    AtomicLong subscribed = new AtomicLong();
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(sockets + 10).setConnectTimeout(60_000));
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(t.port()).setURI(t.wsPath());
    if (t.token() != null) options.addHeader("Authorization", "Bearer " + t.token());
    List<WebSocket> open = new ArrayList<>();
    List<Future<WebSocket>> batch = new ArrayList<>();
    for (int i = 0; i < sockets; i++) {
      batch.add(client.connect(options).onSuccess(ws -> {
        ws.textMessageHandler(text -> {
          int at = text.indexOf(MARK);
          if (at < 0) {
            if (text.contains("\"subscribed\"")) subscribed.incrementAndGet();
            return;
          }
          long now = System.nanoTime();
          int i2 = Integer.parseInt(text.substring(at + MARK.length(), text.indexOf(' ', at)));
          h.recordValue(Math.max(0, (now - intended[i2]) / 1_000));
          received.incrementAndGet();
        });
        ws.closeHandler(v -> closed.incrementAndGet());
        if (t.subscribe() != null) ws.writeTextMessage(t.subscribe());
        synchronized (open) {
          open.add(ws);
        }
      }));
      if (batch.size() == 200) {
        Future.all(batch).toCompletionStage().toCompletableFuture().get();
        batch.clear();
      }
    }
    Future.all(batch).toCompletionStage().toCompletableFuture().get();
    long waitUntil = System.nanoTime() + 60_000_000_000L;
    while (t.subscribe() != null && subscribed.get() < sockets && System.nanoTime() < waitUntil) Thread.sleep(10);
    Thread.sleep(500); // let the last registrations settle on the server

    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(t.port()),
        new PoolOptions().setHttp1MaxSize(64));
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime() + 50_000_000L;
    for (int i = 0; i < total; i++) {
      intended[i] = start + (long) (i * 1e9 / rate);
      long wait = intended[i] - System.nanoTime();
      if (wait > 0) LockSupport.parkNanos(wait);
      String body = t.body().apply(i);
      vertx.runOnContext(v -> {
        var req = http.post(t.postPath()).putHeader("Content-Type", "application/json");
        if (t.postToken() != null) req.putHeader("Authorization", "Bearer " + t.postToken());
        req.sendBuffer(Buffer.buffer(body)).onComplete(ar -> {
          if (ar.failed() || ar.result().statusCode() >= 300) failed.incrementAndGet();
        });
      });
    }
    long expected = (long) total * sockets;
    long deadline = System.nanoTime() + 60_000_000_000L;
    long last = -1;
    long stableSince = System.nanoTime();
    while (received.get() < expected && System.nanoTime() < deadline) {
      if (received.get() != last) {
        last = received.get();
        stableSince = System.nanoTime();
      } else if (System.nanoTime() - stableSince > 5_000_000_000L) {
        break;
      }
      Thread.sleep(20);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long closedDuringRun = closed.get();
    synchronized (open) {
      for (WebSocket ws : open) ws.close();
    }
    client.close().toCompletionStage().toCompletableFuture().get();
    http.close();
    return new Result(sockets, rate, received.get() / elapsed, h, expected, received.get(), failed.get(), closedDuringRun);
  }
}
