package no.deling.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import no.deling.load.org.Args;
import no.deling.push.PushDecider;
import no.deling.push.PushTestDevice;
import no.deling.push.WebPushKeys;
import no.deling.push.WebPushSender;
import no.deling.support.TestServer;

/**
 * What pushing notifications to devices costs, against a push service on loopback:
 *
 * <ul>
 *   <li>the sender: messages encrypted for their device (RFC 8291), signed (RFC 8292) and posted,
 *       per second, {@code --concurrency} at a time; baseline: the same number of plain posts of
 *       as many bytes from the same Vert.x web client, in the same run;
 *   <li>from a mention's 201 to its push reaching the push service, through a whole server on a
 *       store on disk, for {@code --people} people with a device each, at the default look
 *       interval (1000 ms).
 * </ul>
 *
 * Run: {@code mvn -q -B test-compile exec:java -Dexec.mainClass=no.deling.bench.PushBenchmark}
 */
public final class PushBenchmark {
  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int messages = args.intValue("--messages", 5_000);
    int concurrency = args.intValue("--concurrency", 64);
    int people = args.intValue("--people", 40);
    Vertx vertx = Vertx.vertx();
    Map<String, Long> arrived = new ConcurrentHashMap<>();
    HttpServer service = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      arrived.putIfAbsent(req.path(), System.nanoTime());
      req.response().setStatusCode(201).end();
    })).listen(0, "127.0.0.1").await();
    String base = "http://127.0.0.1:" + service.actualPort();
    try {
      PushTestDevice phone = PushTestDevice.create();
      PushDecider.Device device = new PushDecider.Device("d", base + "/bench", phone.p256dh(), phone.auth(), null, null, Instant.now());
      WebPushSender sender = new WebPushSender(vertx, WebPushKeys.generate(), "mailto:bench@example.org");
      JsonObject message = new JsonObject().put("title", "Bob Berg mentioned you").put("body", "and 2 more notifications")
          .put("url", "/#/post/0388131212373262336").put("tag", "deling-notifications").put("count", 3);
      int bytes = WebPushSender.encrypt(device, message.toBuffer().getBytes()).length;
      // the same pool as the sender's: 32 connections to the push service
      WebClient plain = WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions(), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32));
      for (int round = 0; round < 3; round++) {
        double pushed = rate(messages, concurrency, () -> sender.send(device, message, "deling-notifications", false).mapEmpty());
        double posted = rate(messages, concurrency, () -> plain.postAbs(base + "/plain").sendBuffer(Buffer.buffer(new byte[bytes])).mapEmpty());
        System.out.printf("round %d: %,.0f pushes/s (encrypted, signed, posted) vs %,.0f plain posts/s of %d bytes: %.0f%%%n", round, pushed, posted,
            bytes, 100 * pushed / posted);
      }
      sender.close();
      plain.close();
      latency(base, arrived, people);
    } finally {
      vertx.close().await();
    }
  }

  /** Messages per second, {@code concurrency} in flight. */
  private static double rate(int messages, int concurrency, java.util.function.Supplier<Future<Void>> send) throws Exception {
    AtomicInteger started = new AtomicInteger(), done = new AtomicInteger();
    java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(1);
    long t0 = System.nanoTime();
    Runnable[] next = new Runnable[1];
    next[0] = () -> {
      if (started.incrementAndGet() > messages) return;
      send.get().onComplete(r -> {
        if (r.failed()) throw new IllegalStateException(r.cause());
        if (done.incrementAndGet() == messages) all.countDown();
        else next[0].run();
      });
    };
    for (int i = 0; i < concurrency; i++) next[0].run();
    all.await();
    return messages / ((System.nanoTime() - t0) / 1e9);
  }

  /** From each mention's 201 to its push at the push service, through a whole server. */
  private static void latency(String base, Map<String, Long> arrived, int people) throws Exception {
    Path dir = Files.createTempDirectory("deling-push-bench");
    try (TestServer s = TestServer.start(dir, Map.of("DELING_PUSH_SERVICES", base, "DELING_WRITE_RATE", "0"))) {
      String bob = s.token("bench-bob", "Bob Berg", "Sales");
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < people; i++) {
        String t = s.token("bench-p" + i, "Person " + i, "Sales");
        PushTestDevice d = PushTestDevice.create();
        s.post("/api/me/push-subscriptions", t, new JsonObject().put("endpoint", base + "/p" + i)
            .put("keys", new JsonObject().put("p256dh", d.p256dh()).put("auth", d.auth())));
        tokens.add(t);
      }
      List<Double> ms = new ArrayList<>();
      java.util.Random random = new java.util.Random(7);
      for (int i = 0; i < people; i++) {
        long sent = System.nanoTime();
        s.post("/api/posts", bob, new JsonObject().put("text", "@bench-p" + i + " a question for you"));
        for (int w = 0; w < 400 && !arrived.containsKey("/p" + i); w++) Thread.sleep(5);
        Long at = arrived.get("/p" + i);
        if (at != null) ms.add((at - sent) / 1e6);
        Thread.sleep(random.nextInt(1000)); // mentions at random moments of the look interval
      }
      ms.sort(Double::compare);
      System.out.printf("mention to push at the push service (look every 1000 ms), %d people: median %.0f ms, p90 %.0f ms, max %.0f ms, %d of %d arrived%n",
          people, ms.get(ms.size() / 2), ms.get((int) (ms.size() * 0.9)), ms.get(ms.size() - 1), ms.size(), people);
    }
  }
}
