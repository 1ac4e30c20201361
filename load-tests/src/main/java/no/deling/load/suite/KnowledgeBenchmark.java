package no.deling.load.suite;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.sqlite.SqliteEventStore;
import no.deling.load.org.Action;
import no.deling.load.org.Org;
import no.deling.load.org.OrgFiles;
import no.deling.load.org.OrgGenerator;
import no.deling.load.org.OrgSpec;
import no.deling.load.replay.OfflineImport;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.HdrHistogram.Histogram;

/**
 * The knowledge bank under load, on the load generator's organisation (5,000 people, at least
 * 100,000 posts with questions, answers, ideas, skills and bookmarks), imported into an embedded
 * log: how fast a fresh search index catches up with it (against plain Lucene indexing the same
 * texts with the same analysers in this JVM), and search, similar-question and who-knows latency
 * and who-to-follow latency (against home-timeline reads in the same run), each after every read
 * has run in turn until the server's JIT settled. Prints {@code ROW|…} lines for the suite.
 */
public final class KnowledgeBenchmark {
  private static final String SECRET = "knowledge-benchmark-secret-0123456789";
  private static final String METRICS = "knowledge-benchmark-metrics";

  private KnowledgeBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Path dir = Files.createTempDirectory("deling-knowledge");
    int days = argv.length > 0 ? Integer.parseInt(argv[0]) : 2;
    Org org = OrgGenerator.generate(OrgSpec.standard(46).withPeople(5_000).withDays(days).withPostsPerPersonPerDay(10)
        .endingAt(java.time.Instant.now())); // its days are the last ones: what came in since a moment, as a digest asks
    List<OrgFiles.EventLine> events = OrgFiles.events(org, 1);
    long posts = events.stream().filter(e -> e.type().equals("PostPublished.v1")).count();
    Vertx vertx = Vertx.vertx();
    try {
      EventStore store = SqliteEventStore.open(vertx, dir.resolve("data")).toCompletionStage().toCompletableFuture().get();
      OfflineImport.Imported imported = OfflineImport.append(vertx, store, events);
      store.close().toCompletionStage().toCompletableFuture().get();
      System.out.printf("imported %,d events (%,d posts) in %.1f s%n", imported.events(), posts, imported.seconds());

      double rawDocsPerSecond = rawLucene(org, dir.resolve("raw-index"));
      Map<String, String> env = Child.delingEnv(dir.resolve("data"), SECRET);
      env.put("DELING_METRICS_TOKEN", METRICS);
      try (Child deling = Child.start("no.deling.Main", env, List.of(), "/health", dir.resolve("deling.log"))) {
        // the read model is rebuilt before /health answers; from then on the index works through the marks
        long serving = System.nanoTime();
        HttpClient http = HttpClient.newHttpClient();
        long lag;
        do {
          Thread.sleep(100);
          JsonObject health = new JsonObject(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + deling.port + "/health")).build(),
              HttpResponse.BodyHandlers.ofString()).body());
          lag = health.getJsonObject("search").getLong("lag");
        } while (lag > 0 && System.nanoTime() - serving < Duration.ofMinutes(10).toNanos());
        double seconds = (System.nanoTime() - serving) / 1e9;
        double eventsPerSecond = imported.events() / seconds;
        double docsPerSecond = (posts + org.people().size()) / seconds;
        System.out.printf("search index caught up with %,d events in %.1f s: %,.0f events/s, %,.0f documents/s (plain Lucene: %,.0f documents/s)%n",
            imported.events(), seconds, eventsPerSecond, docsPerSecond, rawDocsPerSecond);
        row("search indexing from an empty index (" + String.format("%,d", imported.events()) + " events, " + String.format("%,d", posts) + " posts)",
            String.format("%,.0f events/s (%,.0f documents/s)", eventsPerSecond, docsPerSecond),
            String.format("%,.0f documents/s (plain Lucene, same texts and analysers)", rawDocsPerSecond),
            pct(docsPerSecond / rawDocsPerSecond), "—", null);

        JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(SECRET))));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          var p = org.people().get(i * (org.people().size() / 200));
          tokens.add(jwt.generateToken(new JsonObject().put("sub", p.id()).put("name", p.name()).put("department", p.department())
              .put("location", p.location()).put("title", p.title()), new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(60)));
        }
        String[] words = {"release", "security", "hiring", "kotlin", "roadmap", "incident", "onboarding", "customers", "cloud", "data",
            "shipped", "lessons", "feedback", "wiki", "walk", "Berg", "Ingrid", "Engineering", "sync notes", "quarterly roadmap"};
        List<String> topics = new ArrayList<>();
        for (Action a : org.actions()) if (a instanceof Action.FollowTopic t && topics.size() < 40 && !topics.contains(t.tag())) topics.add(t.tag());
        LongFunction<String> searchPath = i -> {
          String q = URLEncoder.encode(words[(int) (i % words.length)], StandardCharsets.UTF_8);
          String filter = i % 4 == 1 ? "&tag=" + topics.get((int) (i % topics.size())) : i % 4 == 2 ? "&type=person" : "";
          return "/api/search?q=" + q + filter;
        };
        LongFunction<String> similarPath = i -> "/api/search/similar-questions?text="
            + URLEncoder.encode("Who owns the " + words[(int) (i % words.length)] + " process?", StandardCharsets.UTF_8);
        LongFunction<String> expertsPath = i -> "/api/experts?topic=" + topics.get((int) (i % topics.size()));
        LongFunction<String> suggestionsPath = i -> "/api/me/suggestions?limit=6";
        // the generated days end now: from their start is all of them, the longest walk a digest makes (500 posts)
        String since = URLEncoder.encode(java.time.Instant.now().minus(java.time.Duration.ofDays(days)).toString(), StandardCharsets.UTF_8);
        LongFunction<String> digestPath = i -> "/api/me/digest?limit=5&since=" + since;
        // a topic's page counts its waiting questions, as does the directory of who looks after what, for every topic in it
        LongFunction<String> topicPagePath = i -> "/api/topics/" + topics.get((int) (i % topics.size()));
        LongFunction<String> waitingPath = i -> "/api/questions?status=unanswered&topic=" + topics.get((int) (i % topics.size()));
        LongFunction<String> topicQuestionsPath = i -> "/api/questions?topic=" + topics.get((int) (i % topics.size()));
        LongFunction<String> ideasPath = i -> "/api/ideas?limit=20";
        LongFunction<String> lookedAfterPath = i -> "/api/topics?lookedAfter=true";
        // the link library: newest first, one topic's links, and the week's most shared (every link of a post is an entry)
        LongFunction<String> linksPath = i -> "/api/links?limit=20";
        LongFunction<String> linksByTagPath = i -> "/api/links?limit=20&tag=" + topics.get((int) (i % topics.size()));
        LongFunction<String> linksWeekPath = i -> "/api/links?limit=20&sort=week";
        // one's own network figures, on one's profile page
        LongFunction<String> networkPath = i -> "/api/me/network";
        // the baseline last: measured first, it met a server still settling after its catch-up (5–6k req/s against 15–17k
        // a minute later, in one run), which flattered every ratio
        LongFunction<String> homePath = i -> "/api/timelines/home?limit=20";
        // every read below, in turn, until the server's JIT has settled: measured cold, the first rows (search) ran at a
        // third of what the same load did a minute later
        List<LongFunction<String>> all = List.of(searchPath, similarPath, expertsPath, suggestionsPath, digestPath, topicPagePath, waitingPath,
            topicQuestionsPath, ideasPath, lookedAfterPath, linksPath, linksByTagPath, linksWeekPath, networkPath, homePath);
        System.out.println(JitWarmUp.run(deling.port, METRICS, Duration.ofSeconds(120), length -> HttpLoad.run(vertx, deling.port, CONNECTIONS,
            Duration.ZERO, length, (c, i) -> c.request(HttpMethod.GET, all.get((int) (i % all.size())).apply(i / all.size()))
                .bearerTokenAuthentication(tokens.get((int) (i % tokens.size()))).send())));
        HttpLoad.Result search = reads(vertx, deling.port, tokens, searchPath);
        HttpLoad.Result similar = reads(vertx, deling.port, tokens, similarPath);
        HttpLoad.Result experts = reads(vertx, deling.port, tokens, expertsPath);
        HttpLoad.Result suggestions = reads(vertx, deling.port, tokens, suggestionsPath);
        HttpLoad.Result digest = reads(vertx, deling.port, tokens, digestPath);
        HttpLoad.Result topicPage = reads(vertx, deling.port, tokens, topicPagePath);
        HttpLoad.Result waiting = reads(vertx, deling.port, tokens, waitingPath);
        HttpLoad.Result topicQuestions = reads(vertx, deling.port, tokens, topicQuestionsPath);
        HttpLoad.Result ideas = reads(vertx, deling.port, tokens, ideasPath);
        HttpLoad.Result lookedAfter = reads(vertx, deling.port, tokens, lookedAfterPath);
        HttpLoad.Result links = reads(vertx, deling.port, tokens, linksPath);
        HttpLoad.Result linksByTag = reads(vertx, deling.port, tokens, linksByTagPath);
        HttpLoad.Result linksWeek = reads(vertx, deling.port, tokens, linksWeekPath);
        HttpLoad.Result network = reads(vertx, deling.port, tokens, networkPath);
        HttpLoad.Result home = reads(vertx, deling.port, tokens, homePath);
        String baseline = String.format("%,.0f req/s, p99 %s (home-timeline reads, same run)", home.perSecond(), ms(home.latencyMicros(), 99));
        row("full-text search (" + CONNECTIONS + " in flight): req/s, p50, p99", load(search), baseline, pct(search.perSecond() / home.perSecond()),
            "—", null);
        row("similar answered questions while asking: req/s, p50, p99", load(similar), baseline, pct(similar.perSecond() / home.perSecond()), "—", null);
        row("who knows a topic (" + topics.size() + " topics): req/s, p50, p99", load(experts), baseline, pct(experts.perSecond() / home.perSecond()),
            "—", null);
        row("who to follow (200 people): req/s, p50, p99", load(suggestions), baseline, pct(suggestions.perSecond() / home.perSecond()), "—", null);
        row("while you were away, " + days + " days back (200 people): req/s, p50, p99", load(digest), baseline, pct(digest.perSecond() / home.perSecond()),
            "—", null);
        String questions = String.format("%,d questions", org.actions().stream().filter(a -> a instanceof Action.Publish p && p.question()).count());
        row("a topic's page, with its waiting questions counted (" + topics.size() + " topics, " + questions + "): req/s, p50, p99", load(topicPage),
            baseline, pct(topicPage.perSecond() / home.perSecond()), "—", null);
        row("a topic's unanswered questions, newest first (" + questions + "): req/s, p50, p99", load(waiting), baseline,
            pct(waiting.perSecond() / home.perSecond()), "—", null);
        row("a topic's questions, answered or not, newest first (" + questions + "): req/s, p50, p99", load(topicQuestions), baseline,
            pct(topicQuestions.perSecond() / home.perSecond()), "—", null);
        String ideaCount = String.format("%,d ideas", org.actions().stream().filter(a -> a instanceof Action.Publish p && "idea".equals(p.kind())).count());
        row("the ideas board, rising first (" + ideaCount + "): req/s, p50, p99", load(ideas), baseline, pct(ideas.perSecond() / home.perSecond()), "—", null);
        row("who looks after what, each topic's waiting questions counted: req/s, p50, p99", load(lookedAfter), baseline,
            pct(lookedAfter.perSecond() / home.perSecond()), "—", null);
        String linkCount = String.format("%,d links", linkEntries(org));
        row("the link library, newest first, 20 a page (" + linkCount + "): req/s, p50, p99", load(links), baseline,
            pct(links.perSecond() / home.perSecond()), "—", null);
        row("a topic's links, newest first (the same): req/s, p50, p99", load(linksByTag), baseline, pct(linksByTag.perSecond() / home.perSecond()),
            "—", null);
        row("the week's most shared links (the same): req/s, p50, p99", load(linksWeek), baseline, pct(linksWeek.perSecond() / home.perSecond()),
            "—", null);
        row("my own network figures, 28 days (200 people): req/s, p50, p99", load(network), baseline, pct(network.perSecond() / home.perSecond()),
            "—", null);
        for (var r : List.of(home, search, similar, experts, suggestions, digest, topicPage, waiting, topicQuestions, ideas, lookedAfter, links, linksByTag,
            linksWeek, network)) if (r.errorCount() > 0) System.out.println("errors: " + r.errors());
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
      TempDirs.delete(dir);
    }
  }

  /** How many addresses the library holds: each saved page and each address a post links (roughly: as the text has it). */
  private static int linkEntries(Org org) {
    java.util.Set<String> urls = new java.util.HashSet<>();
    java.util.regex.Pattern url = java.util.regex.Pattern.compile("https?://\\S+");
    for (Action a : org.actions()) {
      if (a instanceof Action.Bookmark b) urls.add(b.url());
      else if (a instanceof Action.Publish p) for (var m = url.matcher(p.text()); m.find(); ) urls.add(m.group());
    }
    return urls.size();
  }

  private static final Duration WARMUP = Duration.ofSeconds(3);
  private static final Duration MEASURED = Duration.ofSeconds(10);
  private static final int CONNECTIONS = 8;

  /** GETs of {@code path(i)} by the i-th request, as one of the 200 people in turn, {@value #CONNECTIONS} in flight. */
  private static HttpLoad.Result reads(Vertx vertx, int port, List<String> tokens, LongFunction<String> path)
      throws InterruptedException {
    return HttpLoad.run(vertx, port, CONNECTIONS, WARMUP, MEASURED,
        (c, i) -> c.request(HttpMethod.GET, path.apply(i)).bearerTokenAuthentication(tokens.get((int) (i % tokens.size()))).send());
  }

  private static String load(HttpLoad.Result r) {
    return String.format("%,.0f req/s, p50 %s, p99 %s%s", r.perSecond(), ms(r.latencyMicros(), 50), ms(r.latencyMicros(), 99),
        r.errorCount() > 0 ? ", " + r.errorCount() + " errors" : "");
  }

  /** The same post texts, people excluded, through plain Lucene with the server's analysers: the ceiling for indexing. */
  private static double rawLucene(Org org, Path dir) throws Exception {
    List<String> texts = new ArrayList<>();
    for (Action a : org.actions()) {
      if (a instanceof Action.Publish p) texts.add(p.text());
      else if (a instanceof Action.ToolPost t) texts.add(t.text());
    }
    var analyzer = new PerFieldAnalyzerWrapper(new StandardAnalyzer(), Map.of("text_no", new NorwegianAnalyzer(), "text_en", new EnglishAnalyzer()));
    long start = System.nanoTime();
    try (FSDirectory d = FSDirectory.open(dir); IndexWriter w = new IndexWriter(d, new IndexWriterConfig(analyzer).setRAMBufferSizeMB(32))) {
      int id = 0;
      for (String t : texts) {
        Document doc = new Document();
        doc.add(new StringField("id", Integer.toString(id++), Field.Store.YES));
        doc.add(new TextField("text_no", t, Field.Store.NO));
        doc.add(new TextField("text_en", t, Field.Store.NO));
        w.addDocument(doc);
      }
      w.commit();
    }
    return texts.size() / ((System.nanoTime() - start) / 1e9);
  }

  static void row(String measure, String deling, String ceiling, String ratio, String target, Boolean met) {
    System.out.println("ROW|" + String.join("|", measure, deling, ceiling, ratio, target, met == null ? "" : met.toString()));
  }

  private static String ms(Histogram h, double p) {
    return String.format("%.1f ms", h.getValueAtPercentile(p) / 1000.0);
  }

  private static String pct(double v) {
    return String.format("%.0f%%", 100 * v);
  }
}
