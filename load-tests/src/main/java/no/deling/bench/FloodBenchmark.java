package no.deling.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import no.deling.Config;
import no.deling.DelingServer;
import no.deling.load.org.Args;
import no.deling.load.suite.HttpLoad;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Does one person flooding the server move everyone else? Twenty people post at a fixed rate
 * (open model: latency from each post's intended send time), first alone, then while one person
 * hammers POST /api/posts with 64 requests in flight. With the per-person write limit on (the
 * default), the flooder mostly gets 429s; with it off ({@code --limit-off}), the same flood is
 * accepted, for comparison. Prints the others' p50/p99 in each phase.
 *
 * <pre>mvn -q -B test-compile exec:java -Dexec.mainClass=no.deling.bench.FloodBenchmark</pre>
 */
public final class FloodBenchmark {
  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int seconds = args.intValue("--seconds", 10);
    int rate = args.intValue("--rate", 100);
    Path dir = Files.createTempDirectory("deling-flood");
    Vertx vertx = Vertx.vertx();
    String limit = args.flag("--limit-off") ? "0" : "20";
    DelingServer server = DelingServer.start(vertx, Config.fromEnv(Map.of("DELING_HTTP_PORT", "0", "DELING_HTTP_HOST", "127.0.0.1",
        "DELING_DATA_DIR", dir.toString(), "DELING_JWT_SECRET", "flood-benchmark-secret-0123456789abcdef", "DELING_WRITE_RATE", limit)))
        .toCompletionStage().toCompletableFuture().get();
    String[] people = new String[20];
    for (int i = 0; i < people.length; i++) people[i] = server.tokens().sign(new JsonObject().put("sub", "person" + i).put("name", "Person " + i), 60);
    String flooder = server.tokens().sign(new JsonObject().put("sub", "flooder").put("name", "Flooder"), 60);
    Buffer body = new JsonObject().put("text", "An ordinary post about #work").toBuffer();

    Histogram warm = others(vertx, server.port(), people, body, rate, 5);
    Histogram alone = others(vertx, server.port(), people, body, rate, seconds);
    AtomicLong[] flood = new AtomicLong[] {new AtomicLong(), new AtomicLong()};
    Thread flooding = new Thread(() -> {
      try {
        HttpLoad.Result r = HttpLoad.run(vertx, server.port(), 64, Duration.ZERO, Duration.ofSeconds(seconds + 2), (c, i) -> c.post("/api/posts")
            .putHeader("Authorization", "Bearer " + flooder).putHeader("Content-Type", "application/json").sendBuffer(body));
        flood[0].set(r.ok());
        flood[1].set(r.errorCount());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    flooding.start();
    Thread.sleep(1_000);
    Histogram during = others(vertx, server.port(), people, body, rate, seconds);
    flooding.join();
    System.out.printf("write limit per person: %s%n", limit.equals("0") ? "off" : limit + "/s");
    System.out.printf("others alone:        p50 %.1f ms, p99 %.1f ms (%d posts)%n", ms(alone, 50), ms(alone, 99), alone.getTotalCount());
    System.out.printf("others under flood:  p50 %.1f ms, p99 %.1f ms (%d posts)%n", ms(during, 50), ms(during, 99), during.getTotalCount());
    System.out.printf("flooder: %,d posts accepted, %,d refused (429) in %d s%n", flood[0].get(), flood[1].get(), seconds + 2);
    server.close().toCompletionStage().toCompletableFuture().get();
    vertx.close().toCompletionStage().toCompletableFuture().get();
    System.exit(0);
  }

  private static double ms(Histogram h, double p) {
    return h.getValueAtPercentile(p) / 1000.0;
  }

  /** {@code rate} posts/s spread over the people, each timed from its intended send time. */
  private static Histogram others(Vertx vertx, int port, String[] people, Buffer body, int rate, int seconds) throws InterruptedException {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port), new PoolOptions().setHttp1MaxSize(32));
    ConcurrentHistogram latency = new ConcurrentHistogram(3);
    long start = System.nanoTime();
    long intervalNanos = 1_000_000_000L / rate;
    int total = rate * seconds;
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(total);
    for (int i = 0; i < total; i++) {
      long intended = start + i * intervalNanos;
      long wait = intended - System.nanoTime();
      if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      String token = people[i % people.length];
      vertx.runOnContext(v -> client.post("/api/posts").putHeader("Authorization", "Bearer " + token)
          .putHeader("Content-Type", "application/json").sendBuffer(body).onComplete(r -> {
            latency.recordValue(Math.max(0, (System.nanoTime() - intended) / 1_000));
            done.countDown();
          }));
    }
    done.await();
    client.close();
    return latency;
  }
}
