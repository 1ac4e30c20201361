package no.deling.load.suite;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

/**
 * Uploads and reads of files attached to posts, against a server on a fresh embedded log: a phone
 * photo (12 megapixels, stored with its thumbnail) and a screenshot, uploaded four at a time,
 * against the plainest durable write of the same bytes in this JVM (a file written and forced to
 * disk, four at a time); and thumbnails read by colleagues against home-timeline reads in the same
 * run; and a page of posts gzipped, as browsers ask for it, against the same page as it is. Prints
 * {@code ROW|…} lines for the suite.
 */
public final class FilesBenchmark {
  private static final String SECRET = "files-benchmark-secret-0123456789";
  private static final int IN_FLIGHT = 4;

  private FilesBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Path dir = Files.createTempDirectory("deling-files");
    byte[] photo = jpeg(4000, 3000);
    byte[] screenshot = png(1920, 1080);
    System.out.printf("photo %,d bytes (4000 x 3000 JPEG), screenshot %,d bytes (1920 x 1080 PNG)%n", photo.length, screenshot.length);
    Vertx vertx = Vertx.vertx();
    Map<String, String> env = Child.delingEnv(dir.resolve("data"), SECRET);
    try (Child deling = Child.start("no.deling.Main", env, List.of(), "/health", dir.resolve("deling.log"))) {
      JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(SECRET))));
      String author = jwt.generateToken(new JsonObject().put("sub", "photographer").put("name", "Photographer"), new JWTOptions().setExpiresInMinutes(60));
      String reader = jwt.generateToken(new JsonObject().put("sub", "reader").put("name", "Reader"), new JWTOptions().setExpiresInMinutes(60));
      Duration warmup = Duration.ofSeconds(3);
      Duration measured = Duration.ofSeconds(10);
      for (var upload : List.of(Map.entry("photo.jpg", photo), Map.entry("screenshot.png", screenshot))) {
        Buffer body = Buffer.buffer(upload.getValue());
        HttpLoad.Result r = HttpLoad.run(vertx, deling.port, IN_FLIGHT, warmup, measured, (c, i) -> c.request(HttpMethod.POST,
            "/api/files?name=" + upload.getKey()).bearerTokenAuthentication(author).putHeader("Content-Type", "application/octet-stream").sendBuffer(body));
        double plain = plainDurableWrites(dir.resolve("plain"), upload.getValue(), measured);
        row(String.format("upload of a %s (%,d KB, %d in flight): uploads/s, p50, p99", upload.getKey().startsWith("photo") ? "12-megapixel photo" : "screenshot",
            upload.getValue().length / 1024, IN_FLIGHT), load(r),
            String.format("%,.0f writes/s (the same bytes written and forced to disk, %d at a time, same run)", plain, IN_FLIGHT), pct(r.perSecond() / plain));
        if (r.errorCount() > 0) System.out.println("errors: " + r.errors());
      }
      // a post showing a photo, and colleagues reading its thumbnail as their timelines do
      WebClient client = WebClient.create(vertx);
      String file = client.post(deling.port, "127.0.0.1", "/api/files?name=team.jpg").bearerTokenAuthentication(author)
          .putHeader("Content-Type", "application/octet-stream").sendBuffer(Buffer.buffer(photo)).toCompletionStage().toCompletableFuture().get()
          .bodyAsJsonObject().getString("id");
      client.post(deling.port, "127.0.0.1", "/api/posts").bearerTokenAuthentication(author)
          .sendJsonObject(new JsonObject().put("text", "The team").put("attachments", new JsonArray().add(file))).toCompletionStage().toCompletableFuture().get();
      // the reader follows the photographer, so their home shows the post (an empty home would be a cheaper baseline)
      client.request(HttpMethod.PUT, deling.port, "127.0.0.1", "/api/me/following/users/photographer").bearerTokenAuthentication(reader).send()
          .toCompletionStage().toCompletableFuture().get();
      HttpLoad.Result home = HttpLoad.run(vertx, deling.port, 8, warmup, measured,
          (c, i) -> c.request(HttpMethod.GET, "/api/timelines/home?limit=20").bearerTokenAuthentication(reader).send());
      HttpLoad.Result thumbs = HttpLoad.run(vertx, deling.port, 8, warmup, measured,
          (c, i) -> c.request(HttpMethod.GET, "/api/files/" + file + "/thumbnail").bearerTokenAuthentication(reader).send());
      row("a photo's thumbnail read by a colleague (8 in flight): req/s, p50, p99", load(thumbs),
          String.format("%,.0f req/s (home-timeline reads, same run)", home.perSecond()), pct(thumbs.perSecond() / home.perSecond()));
      for (var r : List.of(home, thumbs)) if (r.errorCount() > 0) System.out.println("errors: " + r.errors());

      // what gzip costs: a page of 20 posts read as a browser asks for it, against the same page as it is
      for (int i = 0; i < 19; i++) {
        client.post(deling.port, "127.0.0.1", "/api/posts").bearerTokenAuthentication(author)
            .sendJsonObject(new JsonObject().put("text", "Release notes for the pricing service, part " + i + ": faster quotes, #releases"))
            .toCompletionStage().toCompletableFuture().get();
      }
      int plainBytes = client.get(deling.port, "127.0.0.1", "/api/timelines/home?limit=20").bearerTokenAuthentication(reader).send()
          .toCompletionStage().toCompletableFuture().get().body().length();
      int gzipBytes = client.get(deling.port, "127.0.0.1", "/api/timelines/home?limit=20").bearerTokenAuthentication(reader)
          .putHeader("Accept-Encoding", "gzip").send().toCompletionStage().toCompletableFuture().get().body().length();
      HttpLoad.Result page = HttpLoad.run(vertx, deling.port, 8, warmup, measured,
          (c, i) -> c.request(HttpMethod.GET, "/api/timelines/home?limit=20").bearerTokenAuthentication(reader).send());
      HttpLoad.Result gzipped = HttpLoad.run(vertx, deling.port, 8, warmup, measured,
          (c, i) -> c.request(HttpMethod.GET, "/api/timelines/home?limit=20").bearerTokenAuthentication(reader).putHeader("Accept-Encoding", "gzip").send());
      row(String.format("a home page of 20 posts, gzipped as a browser asks (%,d bytes sent of %,d; 8 in flight): req/s, p50, p99", gzipBytes, plainBytes),
          load(gzipped), String.format("%,.0f req/s (the same page as it is, same run)", page.perSecond()), pct(gzipped.perSecond() / page.perSecond()));
      for (var r : List.of(page, gzipped)) if (r.errorCount() > 0) System.out.println("errors: " + r.errors());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
      TempDirs.delete(dir);
    }
  }

  /** Files of {@code bytes} written and forced to disk, {@link #IN_FLIGHT} at a time, for {@code measured}: per second. */
  private static double plainDurableWrites(Path dir, byte[] bytes, Duration measured) throws Exception {
    Files.createDirectories(dir);
    ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + measured.toNanos();
    try {
      List<Future<?>> running = new java.util.ArrayList<>();
      for (int t = 0; t < IN_FLIGHT; t++) {
        int thread = t;
        running.add(pool.submit(() -> {
          long n = 0;
          while (System.nanoTime() < end) {
            Path f = dir.resolve(thread + "-" + n++);
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
              ByteBuffer b = ByteBuffer.wrap(bytes);
              while (b.hasRemaining()) ch.write(b);
              ch.force(true);
            }
            Files.delete(f);
            done.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> f : running) f.get();
    } finally {
      pool.shutdown();
    }
    return done.get() / (measured.toNanos() / 1e9);
  }

  /** A photo-like JPEG: noise over gradients, so it compresses as a camera's would (a flat image would be a few KB). */
  private static byte[] jpeg(int width, int height) throws Exception {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int n = random.nextInt(64);
        image.setRGB(x, y, new Color((x * 255 / width + n) % 256, (y * 255 / height + n) % 256, (128 + n) % 256).getRGB());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }

  /** A screenshot-like PNG: flat panels and lines of "text". */
  private static byte[] png(int width, int height) throws Exception {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(0x2a6f97));
    g.fillRect(0, 0, width, 60);
    g.setColor(Color.DARK_GRAY);
    for (int y = 100; y < height; y += 24) g.drawString("Build 1234 of the pricing service failed at step " + y + ": connection refused", 40, y);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static String load(HttpLoad.Result r) {
    return String.format("%,.1f /s, p50 %.1f ms, p99 %.1f ms%s", r.perSecond(), r.latencyMicros().getValueAtPercentile(50) / 1000.0,
        r.latencyMicros().getValueAtPercentile(99) / 1000.0, r.errorCount() > 0 ? ", " + r.errorCount() + " errors" : "");
  }

  private static void row(String measure, String deling, String ceiling, String ratio) {
    System.out.println("ROW|" + String.join("|", measure, deling, ceiling, ratio, "—", ""));
  }

  private static String pct(double v) {
    return String.format("%.0f%%", 100 * v);
  }
}
