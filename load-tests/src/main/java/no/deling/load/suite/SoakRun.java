package no.deling.load.suite;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded soak: a freshly started server under steady load for {@code --minutes} (default 20),
 * not part of the test suite. Alongside 50 posts/s and 50 home reads/s from 500 people:
 *
 * <ul>
 *   <li>100 sockets on their home streams, a random five of them dropped and resumed with
 *       {@code since} every two seconds;
 *   <li>a slow consumer that subscribes to a busy topic and never reads (the server must close it
 *       with 4008 and let it go), again every 20 seconds;
 *   <li>one person posting 60 times a second, over the 20/s limit (429s expected, nothing else).
 * </ul>
 *
 * Every 2 s it samples the server's heap, open file descriptors, live threads and socket
 * subscriptions from {@code /metrics}; per 30-second window it prints the heap's floor (the lowest
 * sample, near what is live after a collection), the most files and threads, and the outcomes. Flat
 * means: file descriptors and threads back where they were, the heap floor growing no faster
 * than the data does, and no errors but the flooder's 429s.
 * {@code mvn -q -B test-compile exec:java -Dexec.mainClass=no.deling.load.suite.SoakRun -Dexec.args="--minutes 20 [--retention 20000] [--heap 300m]"}.
 */
public final class SoakRun {
  private static final String SECRET = "soak-run-secret-0123456789abcdef0123456789";
  private static final String METRICS = "soak-metrics";

  private SoakRun() {}

  public static void main(String[] argv) throws Exception {
    int minutes = 20;
    String retention = null; // the server's default: 100,000 entries kept for resuming
    // with this machine's default heap (a quarter of 24 GiB) old garbage is not collected for a long
    // time and the floor rises whatever is live: a small -Xmx makes the collector show the live set
    String heap = null;
    for (int i = 0; i + 1 < argv.length; i += 2) {
      if (argv[i].equals("--minutes")) minutes = Integer.parseInt(argv[i + 1]);
      else if (argv[i].equals("--retention")) retention = argv[i + 1];
      else if (argv[i].equals("--heap")) heap = argv[i + 1];
    }
    Path dir = Files.createTempDirectory("deling-soak");
    Map<String, String> env = new HashMap<>();
    env.put("DELING_HTTP_PORT", "{port}");
    env.put("DELING_HTTP_HOST", "127.0.0.1");
    env.put("DELING_DATA_DIR", dir.resolve("data").toString());
    env.put("DELING_JWT_SECRET", SECRET);
    env.put("DELING_METRICS_TOKEN", METRICS);
    env.put("DELING_STREAM_QUEUE", "200"); // so the slow consumer fills its queue within seconds
    if (retention != null) env.put("DELING_STREAM_RETENTION", retention);
    if (heap != null) env.put("JAVA_TOOL_OPTIONS", "-Xmx" + heap);
    Vertx vertx = Vertx.vertx();
    try (Child deling = Child.start("no.deling.Main", env, List.of(), "/health", dir.resolve("deling-soak.log"))) {
      JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(SECRET))));
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        tokens.add(jwt.generateToken(new JsonObject().put("sub", "soak" + i).put("name", "Soak " + i).put("department", "Dept" + (i % 10)),
            new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(minutes + 30)));
      }
      WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(deling.port),
          new PoolOptions().setHttp1MaxSize(32));
      for (int i = 0; i < tokens.size(); i++) {
        // everyone follows ten colleagues and the busy topic, so home timelines and streams carry traffic
        for (int j = 1; j <= 10; j++) await(http.request(HttpMethod.PUT, "/api/me/following/users/soak" + ((i + j * 37) % 500)).bearerTokenAuthentication(tokens.get(i)).send());
        await(http.request(HttpMethod.PUT, "/api/me/following/topics/soak").bearerTokenAuthentication(tokens.get(i)).send());
      }
      Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
      java.util.function.Consumer<String> inc = k -> counts.computeIfAbsent(k, x -> new AtomicLong()).incrementAndGet();
      long[] seq = {0};
      // steady posts and reads
      List<Long> timers = new ArrayList<>();
      timers.add(vertx.setPeriodic(20, t -> {
        String tok = tokens.get((int) (seq[0]++ % (tokens.size() - 1))); // everyone but the flooder
        http.request(HttpMethod.POST, "/api/posts").bearerTokenAuthentication(tok)
            .sendJsonObject(new JsonObject().put("text", "Soak post " + seq[0] + " #soak")).onComplete(r -> inc.accept(outcome("post", r)));
        http.request(HttpMethod.GET, "/api/timelines/home?limit=20").bearerTokenAuthentication(tokens.get(ThreadLocalRandom.current().nextInt(tokens.size())))
            .send().onComplete(r -> inc.accept(outcome("read", r)));
      }));
      // the flooder: 60 posts a second as one person
      String flooder = tokens.get(499);
      timers.add(vertx.setPeriodic(1000 / 60, t -> http.request(HttpMethod.POST, "/api/posts").bearerTokenAuthentication(flooder)
          .sendJsonObject(new JsonObject().put("text", "Flood")).onComplete(r -> inc.accept(outcome("flood", r)))));
      // reconnecting clients
      WebSocketClient wsc = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(400));
      Map<Integer, WebSocket> sockets = new ConcurrentHashMap<>();
      Map<Integer, Long> since = new ConcurrentHashMap<>();
      for (int i = 0; i < 100; i++) openHome(wsc, deling.port, tokens.get(i), i, sockets, since, inc);
      timers.add(vertx.setPeriodic(2000, t -> {
        for (int k = 0; k < 5; k++) {
          int i = ThreadLocalRandom.current().nextInt(100);
          WebSocket ws = sockets.remove(i);
          if (ws != null) ws.close().onComplete(c -> openHome(wsc, deling.port, tokens.get(i), i, sockets, since, inc));
        }
      }));
      // the slow consumer, with a small receive buffer so that the server's queue, not the kernel's, fills
      WebSocketClient slow = vertx.createWebSocketClient(new WebSocketClientOptions().setReceiveBufferSize(4096));
      timers.add(vertx.setPeriodic(20_000, t -> slow.connect(options(deling.port, tokens.get(300))).onSuccess(ws -> {
        ws.closeHandler(v -> inc.accept("slow consumer closed " + ws.closeStatusCode()));
        ws.writeTextMessage(new JsonObject().put("type", "subscribe").put("stream", "topic").put("tag", "soak").encode());
        vertx.setTimer(200, x -> ws.pause()); // and stops reading; the server should close it with 4008
        // a paused client never reads the close frame: read again after 90 s to see how it was closed
        vertx.setTimer(90_000, x -> {
          ws.handler(b -> { });
          ws.resume();
        });
      }).onFailure(e -> inc.accept("slow consumer connect failed"))));

      WebClient metrics = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(deling.port));
      System.out.println("| minute | heap floor MB | open files | live threads | subscriptions | posts ok | reads ok | flooder 201 / 429 | resumes | slow consumer closed (4008) | other errors |");
      System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
      Map<String, Long> last = new HashMap<>();
      long end = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
      for (int window = 1; System.nanoTime() < end; window++) {
        // over the window: the lowest heap seen (its floor, near what is live after a collection), the most files and threads
        double heapFloor = Double.MAX_VALUE, files = 0, threads = 0, subscriptions = 0;
        for (int sample = 0; sample < 15; sample++) {
          Thread.sleep(2_000);
          String text = await(metrics.get("/metrics").bearerTokenAuthentication(METRICS).send()).bodyAsString();
          heapFloor = Math.min(heapFloor, gauge(text, "jvm_memory_used_bytes{area=\"heap\"", true) / 1024 / 1024);
          files = Math.max(files, gauge(text, "process_files_open_files", false));
          threads = Math.max(threads, gauge(text, "jvm_threads_live_threads", false));
          subscriptions = gauge(text, "deling_stream_subscriptions", false);
        }
        Map<String, Long> now = new HashMap<>();
        counts.forEach((k, v) -> now.put(k, v.get()));
        long other = 0;
        for (var e : now.entrySet()) {
          String k = e.getKey();
          if (k.equals("post 201") || k.equals("read 200") || k.startsWith("flood 201") || k.startsWith("flood 429") || k.equals("resumed")
              || k.startsWith("slow consumer closed")) continue;
          other += e.getValue() - last.getOrDefault(k, 0L);
        }
        System.out.printf("| %.1f | %.0f | %.0f | %.0f | %.0f | %,d | %,d | %,d / %,d | %,d | %,d | %,d |%n", window / 2.0,
            heapFloor, files, threads, subscriptions,
            delta(now, last, "post 201"), delta(now, last, "read 200"), delta(now, last, "flood 201"), delta(now, last, "flood 429"),
            delta(now, last, "resumed"), delta(now, last, "slow consumer closed 4008"), other);
        last = now;
      }
      timers.forEach(vertx::cancelTimer);
      System.out.println("all outcomes: " + new java.util.TreeMap<>(last));
    } finally {
      vertx.close();
    }
  }

  private static long delta(Map<String, Long> now, Map<String, Long> last, String key) {
    return now.getOrDefault(key, 0L) - last.getOrDefault(key, 0L);
  }

  private static WebSocketConnectOptions options(int port, String token) {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/api/stream").addHeader("Authorization", "Bearer " + token);
  }

  private static void openHome(WebSocketClient wsc, int port, String token, int i, Map<Integer, WebSocket> sockets, Map<Integer, Long> since,
      java.util.function.Consumer<String> inc) {
    wsc.connect(options(port, token)).onSuccess(ws -> {
      sockets.put(i, ws);
      ws.textMessageHandler(text -> {
        JsonObject m = new JsonObject(text);
        Long p = m.getLong("position");
        String type = m.getString("type");
        if (p != null && !"subscribed".equals(type)) since.merge(i, p, Math::max);
        if ("error".equals(type) || "outdated_cursor".equals(type)) inc.accept("socket " + type + " " + m.getString("code", ""));
      });
      JsonObject sub = new JsonObject().put("type", "subscribe").put("stream", "home");
      Long from = since.get(i);
      if (from != null) {
        sub.put("since", from);
        inc.accept("resumed");
      }
      ws.writeTextMessage(sub.encode());
    }).onFailure(e -> inc.accept("socket connect failed"));
  }

  private static String outcome(String what, io.vertx.core.AsyncResult<io.vertx.ext.web.client.HttpResponse<Buffer>> r) {
    return r.succeeded() ? what + " " + r.result().statusCode() : what + " failed " + r.cause().getClass().getSimpleName();
  }

  /** A gauge from the Prometheus text; {@code sum} adds every series starting with the name (heap pools). */
  private static double gauge(String text, String prefix, boolean sum) {
    double total = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(prefix)) continue;
      double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      if (!sum) return v;
      total += v;
    }
    return total;
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
  }
}
