package no.deling.load.suite;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.sqlite.SqliteEventStore;
import no.deling.load.org.Org;
import no.deling.load.org.OrgFiles;
import no.deling.load.org.OrgGenerator;
import no.deling.load.org.OrgSpec;
import no.deling.load.replay.OfflineImport;
import org.HdrHistogram.Histogram;

/**
 * The pulse on the load generator's organisation (2,000 people in 12 departments over the last
 * three days, imported into an embedded log):
 *
 * <ol>
 *   <li>what leaders see of it, printed as Markdown for docs/features.md ("The pulse of a generated organisation");
 *   <li>the live stream's lag: posts at a fixed rate, a leader watching the pulse, the time from a
 *       post's acknowledgement to the first pulse message reflecting its position; against the
 *       same posts' delivery on an ordinary topic stream of the same socket;
 *   <li>what the pulse costs posts/s: the server with the pulse on and a leader watching, against
 *       the same server with {@code DELING_PULSE=false}, alternating.
 * </ol>
 *
 * Prints {@code ROW|…} lines for the suite. Run: {@code mvn -q -B test-compile exec:java
 * -Dexec.mainClass=no.deling.load.suite.PulseBenchmark}.
 */
public final class PulseBenchmark {
  private static final String SECRET = "pulse-benchmark-secret-0123456789abcdef";

  private PulseBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Path dir = Files.createTempDirectory("deling-pulse");
    Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(3));
    Org org = OrgGenerator.generate(new OrgSpec(47, 2_000, 12, 5, 150, 3, 3.0, 2.0, start));
    List<OrgFiles.EventLine> events = OrgFiles.events(org, 1);
    Vertx vertx = Vertx.vertx();
    try {
      EventStore store = SqliteEventStore.open(vertx, dir.resolve("data")).toCompletionStage().toCompletableFuture().get();
      OfflineImport.Imported imported = OfflineImport.append(vertx, store, events);
      store.close().toCompletionStage().toCompletableFuture().get();
      System.out.printf("imported %,d events of %,d people over 3 days in %.1f s%n", imported.events(), org.people().size(), imported.seconds());
      JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(SECRET))));
      String leader = jwt.generateToken(new JsonObject().put("sub", "pulse-bench-leader").put("name", "A Leader").put("roles", List.of("leader")),
          new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(60));
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        var p = org.people().get(i * (org.people().size() / 200));
        tokens.add(jwt.generateToken(new JsonObject().put("sub", p.id()).put("name", p.name()).put("department", p.department())
            .put("location", p.location()), new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(60)));
      }

      // "cost" alone: only the posts/s comparison; "cost unwatched": the pulse on but nobody watching it
      boolean costOnly = argv.length > 0 && argv[0].equals("cost");
      boolean watched = !(argv.length > 1 && argv[1].equals("unwatched"));
      if (!costOnly) {
        try (Child deling = Child.start("no.deling.Main", env(dir, true), List.of(), "/health", dir.resolve("deling-pulse.log"))) {
          WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(deling.port));
          describe(http, leader);
          lag(vertx, http, deling.port, leader, tokens);
        }
      }
      cost(vertx, dir, leader, tokens, watched);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
      TempDirs.delete(dir);
    }
  }

  private static Map<String, String> env(Path dir, boolean pulse) {
    Map<String, String> env = Child.delingEnv(dir.resolve("data"), SECRET);
    env.put("DELING_PULSE", Boolean.toString(pulse));
    return env;
  }

  private static JsonObject get(WebClient http, String path, String token) throws Exception {
    var r = http.request(HttpMethod.GET, path).bearerTokenAuthentication(token).send().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    if (r.statusCode() != 200) throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  /** What a leader sees of the generated organisation, as Markdown. */
  private static void describe(WebClient http, String leader) throws Exception {
    JsonObject network = null;
    for (int i = 0; i < 600 && (network == null || network.getValue("refreshedAt") == null); i++) {
      if (network != null) Thread.sleep(100);
      network = get(http, "/api/pulse/network", leader);
    }
    StringBuilder md = new StringBuilder("\n#### Relationship figures per department (28 days; k = " + network.getInteger("k") + ")\n\n");
    md.append("| department | people | reciprocity | E-I index | share with a tie outside |\n| --- | ---: | ---: | ---: | ---: |\n");
    for (Object o : network.getJsonArray("departments")) {
      JsonObject u = (JsonObject) o;
      md.append("| ").append(u.getString("name")).append(" | ").append(u.getInteger("people")).append(" | ").append(fig(u.getValue("reciprocity")))
          .append(" | ").append(fig(u.getValue("eiIndex"))).append(" | ").append(fig(u.getValue("shareWithOutsideTie"))).append(" |\n");
    }
    JsonArray ties = network.getJsonObject("matrix").getJsonArray("ties");
    int cells = 0, withheld = 0;
    for (Object row : ties) for (Object c : (JsonArray) row) {
      cells++;
      if (c == null) withheld++;
    }
    md.append(String.format("%nOrganisation-wide: reciprocity %s, Gini of interactions received %s; department × department matrix: %d cells, %d withheld.%n",
        fig(network.getValue("reciprocity")), fig(network.getValue("giniOfInteractionsReceived")), cells, withheld));
    JsonObject days = get(http, "/api/pulse/activity?per=day&from=" + Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(3)), leader);
    md.append("\n#### Activity per day\n\n| day | posts | questions | ideas | replies | answers | endorsements | shares | active people | hours withheld |\n"
        + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Object o : days.getJsonArray("items")) {
      JsonObject d = (JsonObject) o;
      if (d.containsKey("withheld")) {
        md.append("| ").append(d.getString("day"), 0, 10).append(" | withheld |||||||||\n");
        continue;
      }
      md.append(String.format("| %s | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %d |%n", d.getString("day").substring(0, 10), d.getInteger("posts"),
          d.getInteger("questions"), d.getInteger("ideas"), d.getInteger("replies"), d.getInteger("answers"), d.getInteger("endorsements"),
          d.getInteger("shares"), d.getInteger("activePeople"), d.getInteger("withheldHours")));
    }
    JsonObject trends = get(http, "/api/pulse/trends?limit=5&at=" + Instant.now().minus(Duration.ofHours(23)), leader);
    md.append("\n#### Trending topics a day ago\n\n| topic | score | authors in peak hour | baseline |\n| --- | ---: | ---: | ---: |\n");
    for (Object o : trends.getJsonArray("items")) {
      JsonObject t = (JsonObject) o;
      md.append(String.format("| #%s | %.1f | %d | %.1f |%n", t.getString("topic"), t.getDouble("score"), t.getInteger("authorsInPeakHour"),
          t.getDouble("expected")));
    }
    JsonObject questions = get(http, "/api/pulse/questions?weeks=1", leader);
    JsonObject week = questions.getJsonArray("weeks").getJsonObject(0);
    md.append(String.format("%nQuestions this week: %s asked, %s answered, %s accepted, median first answer after %s; %d topics with unanswered questions shown, %d withheld.%n",
        week.getValue("asked"), pct(week.getValue("answeredShare")), pct(week.getValue("acceptedShare")), seconds(week.getValue("medianSecondsToFirstAnswer")),
        questions.getJsonArray("unansweredByTopic").size(), questions.getInteger("withheldTopics")));
    JsonObject ideas = get(http, "/api/pulse/ideas?limit=3", leader);
    md.append("Ideas per status: ").append(ideas.getJsonObject("byStatus").encode()).append("; rising ideas with at least k endorsers: ")
        .append(ideas.getJsonArray("rising").size()).append(".\n");
    JsonObject voices = get(http, "/api/pulse/new-voices?week=" + Instant.now(), leader);
    md.append("New voices this week: ").append(voices.containsKey("withheld") ? "withheld" : voices.getInteger("total")).append(".\n");
    System.out.println("PULSE-MARKDOWN-BEGIN" + md + "PULSE-MARKDOWN-END");
  }

  private static String fig(Object v) {
    return v == null ? "withheld" : String.format("%.2f", ((Number) v).doubleValue());
  }

  private static String pct(Object v) {
    return v == null ? "—" : String.format("%.0f%%", 100 * ((Number) v).doubleValue());
  }

  private static String seconds(Object v) {
    return v == null ? "—" : String.format("%.0f min", ((Number) v).doubleValue() / 60);
  }

  /** Posts at a fixed rate; the lag from each acknowledgement to the first pulse message at or past its position. */
  private static void lag(Vertx vertx, WebClient http, int port, String leader, List<String> tokens) throws Exception {
    int rate = 200;
    Duration duration = Duration.ofSeconds(20);
    ConcurrentLinkedQueue<long[]> pulses = new ConcurrentLinkedQueue<>(); // {position, nanos}
    ConcurrentLinkedQueue<long[]> topicEntries = new ConcurrentLinkedQueue<>();
    CountDownLatch subscribed = new CountDownLatch(2);
    WebSocket ws = connect(vertx, port, leader);
    ws.textMessageHandler(text -> {
      long now = System.nanoTime();
      JsonObject m = new JsonObject(text);
      switch (m.getString("type")) {
        case "pulse" -> pulses.add(new long[] {m.getLong("position"), now});
        case "update" -> topicEntries.add(new long[] {m.getLong("position"), now});
        case "subscribed" -> subscribed.countDown();
        default -> { }
      }
    });
    ws.writeTextMessage(new JsonObject().put("type", "subscribe").put("stream", "pulse").encode());
    ws.writeTextMessage(new JsonObject().put("type", "subscribe").put("stream", "topic").put("tag", "pulselag").encode());
    if (!subscribed.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("not subscribed");
    ConcurrentLinkedQueue<long[]> acks = new ConcurrentLinkedQueue<>(); // {position, nanos}
    AtomicLong failed = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    CountDownLatch done = new CountDownLatch(1);
    long[] n = {0};
    long timer = vertx.setPeriodic(1000 / (rate / 5), t -> { // 5 posts every 25 ms
      if (System.nanoTime() > end) {
        done.countDown();
        return;
      }
      for (int i = 0; i < 5; i++) {
        long seq = n[0]++;
        http.request(HttpMethod.POST, "/api/posts").bearerTokenAuthentication(tokens.get((int) (seq % tokens.size())))
            .sendJsonObject(new JsonObject().put("text", "Lag probe " + seq + " #pulselag")).onComplete(r -> {
              if (r.succeeded() && r.result().statusCode() == 201) acks.add(new long[] {r.result().bodyAsJsonObject().getLong("position"), System.nanoTime()});
              else failed.incrementAndGet();
            });
      }
    });
    done.await();
    vertx.cancelTimer(timer);
    Thread.sleep(3_000);
    ws.close();
    Histogram pulseLag = new Histogram(3);
    Histogram topicLag = new Histogram(3);
    List<long[]> pulseList = new ArrayList<>(pulses);
    Map<Long, Long> topicAt = new HashMap<>();
    for (long[] e : topicEntries) topicAt.put(e[0], e[1]);
    long missing = 0;
    for (long[] ack : acks) {
      long first = Long.MAX_VALUE;
      for (long[] p : pulseList) if (p[0] >= ack[0] && p[1] < first) first = p[1];
      if (first == Long.MAX_VALUE) {
        missing++;
        continue;
      }
      pulseLag.recordValue(Math.max(0, first - ack[1]) / 1_000);
      Long entry = topicAt.get(ack[0]);
      if (entry != null) topicLag.recordValue(Math.max(0, entry - ack[1]) / 1_000);
    }
    System.out.printf("pulse lag over %,d posts at %d/s: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d pulse messages, %d posts never reflected, %d failed);"
        + " topic-stream delivery of the same posts: p50 %.1f ms, p99 %.1f ms%n", acks.size(), rate, pulseLag.getValueAtPercentile(50) / 1000.0,
        pulseLag.getValueAtPercentile(99) / 1000.0, pulseLag.getMaxValue() / 1000.0, pulseList.size(), missing, failed.get(),
        topicLag.getValueAtPercentile(50) / 1000.0, topicLag.getValueAtPercentile(99) / 1000.0);
    KnowledgeBenchmark.row("pulse stream lag, post acknowledged → figure on the leader's socket (" + rate + " posts/s, DELING_PULSE_LIVE_MS 1000)",
        String.format("p50 %.0f ms, p99 %.0f ms", pulseLag.getValueAtPercentile(50) / 1000.0, pulseLag.getValueAtPercentile(99) / 1000.0),
        String.format("p50 %.1f ms, p99 %.1f ms (the same posts on a topic stream)", topicLag.getValueAtPercentile(50) / 1000.0,
            topicLag.getValueAtPercentile(99) / 1000.0), "—", "≤ live interval + compute", null);
  }

  /** A leader's socket; retried, because a handshake right after start-up was once closed unanswered (see the session note). */
  private static WebSocket connect(Vertx vertx, int port, String token) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return vertx.createWebSocketClient().connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/api/stream")
            .addHeader("Authorization", "Bearer " + token)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        if (attempt == 5) throw e;
        System.out.println("socket handshake failed (" + e.getCause() + "), retrying");
        Thread.sleep(500);
      }
    }
  }

  /** Posts/s with the pulse on and a leader watching, against the pulse off, alternating on the same log. */
  private static void cost(Vertx vertx, Path dir, String leader, List<String> tokens, boolean watched) throws Exception {
    List<Double> on = new ArrayList<>();
    List<Double> off = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (boolean pulse : round % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
        try (Child deling = Child.start("no.deling.Main", env(dir, pulse), List.of(), "/health", dir.resolve("deling-cost.log"))) {
          WebSocket ws = null;
          if (pulse && watched) {
            ws = connect(vertx, deling.port, leader);
            ws.textMessageHandler(t -> { });
            ws.writeTextMessage(new JsonObject().put("type", "subscribe").put("stream", "pulse").encode());
            // the start-up refresh of the network figures (daily after that) is not what this measures
            WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(deling.port));
            for (int i = 0; i < 600 && get(http, "/api/pulse/network", leader).getValue("refreshedAt") == null; i++) Thread.sleep(100);
          }
          HttpLoad.Result r = HttpLoad.run(vertx, deling.port, 64, Duration.ofSeconds(5), Duration.ofSeconds(10),
              (c, i) -> c.request(HttpMethod.POST, "/api/posts").bearerTokenAuthentication(tokens.get((int) (i % tokens.size())))
                  .sendJsonObject(new JsonObject().put("text", "Cost probe " + i + " #topic" + (i % 40))));
          (pulse ? on : off).add(r.perSecond());
          System.out.printf("posts/s with the pulse %s: %,.0f%s%n", pulse ? watched ? "on, a leader watching" : "on, nobody watching" : "off", r.perSecond(),
              r.errorCount() > 0 ? " (" + r.errors() + ")" : "");
          if (ws != null) ws.close();
        }
      }
    }
    List<Double> ratios = pairedRatios(on, off);
    on.sort(null);
    off.sort(null);
    KnowledgeBenchmark.row("durable posts/s with the pulse on and a leader watching (64 in flight, 3 alternating pairs; ratio: median of the pairs' ratios)",
        String.format("%,.0f", on.get(1)), String.format("%,.0f (DELING_PULSE=false, same log)", off.get(1)),
        String.format("%.0f%% (pairs %s)", 100 * ratios.get(ratios.size() / 2),
            ratios.stream().map(r -> String.format("%.0f%%", 100 * r)).collect(Collectors.joining(", "))), "—", null);
  }

  /**
   * Each round's pulse-on rate over its pulse-off rate, sorted. Rates drift from round to round (the
   * log grows by every round's posts, and this machine's speed wanders), so a ratio is taken only
   * within a round, where the two ran back to back: the ratio of the two medians once read 84% from
   * pairs of 95%, 84% and 115%.
   */
  static List<Double> pairedRatios(List<Double> on, List<Double> off) {
    if (on.size() != off.size()) throw new IllegalArgumentException("every round has one run of each: " + on.size() + " against " + off.size());
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < on.size(); i++) ratios.add(on.get(i) / off.get(i));
    ratios.sort(null);
    return ratios;
  }
}
