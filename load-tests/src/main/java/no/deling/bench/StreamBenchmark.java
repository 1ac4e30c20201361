package no.deling.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import no.deling.Config;
import no.deling.DelingServer;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Live-delivery benchmark: N sockets subscribed to one author's stream, posts at a fixed rate over
 * HTTP, latency from each post's intended send time (the moment its POST should leave the client) to its arrival at every socket (so a stall is
 * not hidden by coordinated omission). The ceiling, measured in the same run with the same sockets
 * and rate: a plain Vert.x server broadcasting a same-sized message to the same number of sockets.
 * Client and server share the machine's cores, as they do for the ceiling.
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.mainClass=no.deling.bench.StreamBenchmark
 * -Dexec.args="--sockets 1000 --rate 30 --seconds 10"}
 */
public final class StreamBenchmark {
  static {
    no.deling.CommonPool.ensureParallelism();
  }

  public static void main(String[] args) throws Exception {
    int sockets = arg(args, "--sockets", 1000);
    int rate = arg(args, "--rate", 30);
    int seconds = arg(args, "--seconds", 10);
    Vertx vertx = Vertx.vertx();
    try {
      Result plain = plainBroadcast(vertx, sockets, rate, seconds);
      Result deling = deling(vertx, sockets, rate, seconds);
      System.out.printf("%nLive delivery — %d sockets, %d posts/s for %d s (offered %,d deliveries/s), %d cores%n", sockets, rate, seconds,
          sockets * rate, Runtime.getRuntime().availableProcessors());
      System.out.printf("%-28s %14s %9s %9s %9s %9s %10s%n", "", "deliveries/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "missing");
      plain.print("plain Vert.x broadcast");
      deling.print("Deling (POST -> socket)");
      System.out.printf("ratio: throughput %.0f%% of ceiling, p99 %.1fx the ceiling's%n", 100.0 * deling.rate / plain.rate,
          deling.histogram.getValueAtPercentile(99) / (double) Math.max(1, plain.histogram.getValueAtPercentile(99)));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  record Result(Histogram histogram, double rate, long missing) {
    void print(String label) {
      System.out.printf("%-28s %,14.0f %9.1f %9.1f %9.1f %9.1f %,10d%n", label, rate, histogram.getValueAtPercentile(50) / 1000.0,
          histogram.getValueAtPercentile(99) / 1000.0, histogram.getValueAtPercentile(99.9) / 1000.0, histogram.getMaxValue() / 1000.0, missing);
    }
  }

  private static final String FILLER = "x".repeat(300);

  /** The ceiling: a bare Vert.x server that writes each message to every socket it holds. */
  private static Result plainBroadcast(Vertx vertx, int sockets, int rate, int seconds) throws Exception {
    List<ServerWebSocket> connected = new CopyOnWriteArrayList<>();
    HttpServer server = await(vertx.createHttpServer().webSocketHandler(connected::add).listen(0, "127.0.0.1"));
    ConcurrentHistogram h = new ConcurrentHistogram(3);
    AtomicLong received = new AtomicLong();
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(sockets * 2));
    connectAll(client, sockets, new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.actualPort()).setURI("/"), text -> {
      int at = text.indexOf("\"t\":") + 4;
      long sent = Long.parseLong(text.substring(at, text.indexOf(',', at)));
      h.recordValue(Math.max(0, (System.nanoTime() / 1000) - sent));
      received.incrementAndGet();
    }, null);
    while (connected.size() < sockets) Thread.sleep(10);
    long start = System.nanoTime();
    long periodNanos = 1_000_000_000L / rate;
    int total = rate * seconds;
    for (int i = 0; i < total; i++) {
      long intended = start + i * periodNanos;
      while (System.nanoTime() < intended) Thread.onSpinWait();
      String message = "{\"type\":\"update\",\"t\":" + (intended / 1000) + ",\"post\":{\"text\":\"" + FILLER + "\"}}";
      vertx.runOnContext(v -> {
        for (ServerWebSocket ws : connected) ws.writeTextMessage(message);
      });
    }
    long expected = (long) total * sockets;
    waitFor(received, expected, 30);
    double elapsed = (System.nanoTime() - start) / 1e9;
    await(client.close());
    await(server.close());
    return new Result(h, received.get() / elapsed, expected - received.get());
  }

  private static Result deling(Vertx vertx, int sockets, int rate, int seconds) throws Exception {
    Path dir = Files.createTempDirectory("deling-stream-bench");
    Map<String, String> env = new HashMap<>();
    env.put("DELING_HTTP_PORT", "0");
    env.put("DELING_HTTP_HOST", "127.0.0.1");
    env.put("DELING_DATA_DIR", dir.toString());
    env.put("DELING_JWT_SECRET", "benchmark-secret-benchmark-secret-0123");
    env.put("DELING_STREAM_QUEUE", "100000");
    DelingServer server = await(DelingServer.start(vertx, Config.fromEnv(env)));
    String authorToken = server.tokens().sign(new JsonObject().put("sub", "author").put("name", "Author"), 60);
    String readerToken = server.tokens().sign(new JsonObject().put("sub", "reader").put("name", "Reader"), 60);
    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port()));
    await(http.get("/api/me").putHeader("Authorization", "Bearer " + authorToken).send());

    Map<String, Long> intendedById = new ConcurrentHashMap<>();
    ConcurrentHistogram h = new ConcurrentHistogram(3);
    AtomicLong received = new AtomicLong();
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(sockets * 2));
    String subscribe = new JsonObject().put("type", "subscribe").put("stream", "user").put("user", "author").encode();
    connectAll(client, sockets, new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port()).setURI("/api/stream")
        .addHeader("Authorization", "Bearer " + readerToken), text -> {
          if (!text.startsWith("{\"type\":\"update\"")) return;
          int at = text.indexOf("bench-") + 6;
          Long intended = intendedById.get(text.substring(at, text.indexOf(' ', at)));
          long now = System.nanoTime();
          if (intended != null) h.recordValue(Math.max(0, (now - intended) / 1000));
          received.incrementAndGet();
        }, subscribe);
    while (server.streams().subscriptions() < sockets) Thread.sleep(10);

    long start = System.nanoTime();
    long periodNanos = 1_000_000_000L / rate;
    int total = rate * seconds;
    AtomicLong failures = new AtomicLong();
    for (int i = 0; i < total; i++) {
      long intended = start + i * periodNanos;
      // the marker lets a socket find the send time even when the delivery beats the 201
      intendedById.put(String.valueOf(i), intended);
      String body = new JsonObject().put("text", "bench-" + i + " " + FILLER).encode();
      while (System.nanoTime() < intended) Thread.onSpinWait();
      vertx.runOnContext(v -> http.post("/api/posts").putHeader("Authorization", "Bearer " + authorToken)
          .putHeader("Content-Type", "application/json").sendBuffer(io.vertx.core.buffer.Buffer.buffer(body))
          .onSuccess(r -> {
            if (r.statusCode() != 201) failures.incrementAndGet();
          }).onFailure(e -> failures.incrementAndGet()));
    }
    long expected = (long) total * sockets;
    waitFor(received, expected, 60);
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (failures.get() > 0) System.out.println("failed posts: " + failures.get());
    await(client.close());
    http.close();
    await(server.close());
    return new Result(h, received.get() / elapsed, expected - received.get());
  }

  private static void connectAll(WebSocketClient client, int sockets, WebSocketConnectOptions options,
      java.util.function.Consumer<String> onText, String firstMessage) throws Exception {
    List<Future<WebSocket>> all = new ArrayList<>();
    for (int i = 0; i < sockets; i++) {
      all.add(client.connect(options).onSuccess(ws -> {
        ws.textMessageHandler(onText::accept);
        if (firstMessage != null) ws.writeTextMessage(firstMessage);
      }));
      if (all.size() % 200 == 0) await(Future.all(new ArrayList<>(all.subList(all.size() - 200, all.size()))));
    }
    await(Future.all(all));
  }

  private static void waitFor(AtomicLong received, long expected, int timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (received.get() < expected && System.nanoTime() < deadline) Thread.sleep(20);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get();
  }

  private static int arg(String[] args, String name, int fallback) {
    for (int i = 0; i < args.length - 1; i++) if (args[i].equals(name)) return Integer.parseInt(args[i + 1]);
    return fallback;
  }
}
