package no.deling.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import no.deling.Config;
import no.deling.DelingServer;
import no.deling.core.events.EventTypes;
import no.deling.core.eventstore.EventData;
import no.deling.core.eventstore.ExpectedRevision;
import no.deling.core.ids.EventIds;
import no.deling.load.org.Args;
import no.deling.load.suite.HttpLoad;
import no.deling.users.UserEvent;

/**
 * People search for @mention autocomplete, with 10,000 people: is it fast enough to call on every
 * keystroke? Prints, from one run on one machine:
 *
 * <ul>
 *   <li>the search alone, in process, under the read lock, without the answer cache: µs per query
 *       for 1-, 2- and 3-letter prefixes of real name words (one letter matches the most people, so
 *       it is the worst case);
 *   <li>{@code GET /api/people?q=…&limit=10} through HTTP with 64 requests in flight (3,000
 *       different queries, so most repeat as keystrokes do and the answer cache helps), next to
 *       {@code GET /api/me} (authentication and a profile read) as the same run's baseline.
 * </ul>
 *
 * Run: {@code mvn -q -B test-compile exec:java -Dexec.mainClass=no.deling.bench.PeopleSearchBenchmark -Dexec.args="--people 10000"}
 */
public final class PeopleSearchBenchmark {
  private static final String[] FIRST = {"Kari", "Ola", "Ingrid", "Lars", "Sofie", "Jonas", "Emma", "Henrik", "Nora", "Magnus", "Ida", "Erik",
      "Maja", "Anders", "Sara", "Jakob", "Thea", "Martin", "Julie", "Kristian", "Aisha", "José", "Chen", "Priya", "Ahmed", "Marte",
      "Øystein", "Åse", "Bjørn", "Sigrid"};
  private static final String[] LAST = {"Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
      "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen", "Dahl",
      "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen", "Álvarez", "Wang", "Sharma", "Khan", "Solberg"};
  private static final String[] DEPARTMENTS = {"Engineering", "Sales", "Marketing", "Finance", "Legal", "Operations", "Support", "Research",
      "People", "Design"};
  private static final String[] TITLES = {"Engineer", "Manager", "Analyst", "Designer", "Consultant", "Architect", "Advisor", "Lead"};

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int people = args.intValue("--people", 10_000);
    int seconds = args.intValue("--seconds", 10);
    Path dir = Files.createTempDirectory("deling-people");
    Vertx vertx = Vertx.vertx();
    String secret = "people-search-benchmark-secret-0123456789";
    DelingServer server = DelingServer.start(vertx, Config.fromEnv(Map.of("DELING_HTTP_PORT", "0", "DELING_HTTP_HOST", "127.0.0.1",
        "DELING_DATA_DIR", dir.toString(), "DELING_JWT_SECRET", secret))).toCompletionStage().toCompletableFuture().get();
    Random random = new Random(7);
    List<String> words = new ArrayList<>();
    Instant at = Instant.parse("2026-12-01T09:00:00Z");
    for (int i = 0; i < people; i++) {
      String first = FIRST[random.nextInt(FIRST.length)], last = LAST[random.nextInt(LAST.length)];
      String id = (first + "." + last).toLowerCase().replaceAll("[^a-z.]", "") + i;
      var event = new UserEvent.ProfileRecorded(id, first + " " + last, DEPARTMENTS[random.nextInt(DEPARTMENTS.length)], "Oslo",
          TITLES[random.nextInt(TITLES.length)], at);
      server.store().append(UserEvent.stream(id), ExpectedRevision.NO_STREAM,
          List.of(new EventData(EventIds.next(), EventTypes.nameOf(event), EventTypes.encode(event), new byte[0])))
          .toCompletionStage().toCompletableFuture().get();
      words.add(first);
      words.add(last);
    }
    while (server.model().position() < server.store().headPosition()) Thread.sleep(10);
    System.out.printf("%,d people in the directory%n", server.model().read(() -> server.model().people.size()));

    // the query alone
    for (int letters = 1; letters <= 3; letters++) {
      int n = letters == 1 ? 20_000 : 100_000;
      List<String> queries = prefixes(words, letters, random, n);
      long found = 0;
      for (int round = 0; round < 2; round++) { // the first round warms the JIT
        found = 0;
        long start = System.nanoTime();
        for (String q : queries) found += server.model().read(() -> server.model().people.searchUncached(q, 10).size());
        double micros = (System.nanoTime() - start) / 1e3 / n;
        if (round == 1) System.out.printf("query alone, uncached, %d-letter prefixes: %.1f µs per query (%.1f results on average, limit 10)%n", letters, micros, found / (double) n);
      }
    }

    // through HTTP, next to the baseline
    String token = server.tokens().sign(new JsonObject().put("sub", "bench.viewer").put("name", "Bench Viewer"), 60);
    List<String> queries = new ArrayList<>();
    for (int letters = 1; letters <= 3; letters++) queries.addAll(prefixes(words, letters, random, 1_000));
    Duration warmup = Duration.ofSeconds(3), measured = Duration.ofSeconds(seconds);
    HttpLoad.Result me = HttpLoad.run(vertx, server.port(), 64, warmup, measured,
        (c, i) -> c.get("/api/me").putHeader("Authorization", "Bearer " + token).send());
    HttpLoad.Result search = HttpLoad.run(vertx, server.port(), 64, warmup, measured,
        (c, i) -> c.get("/api/people").addQueryParam("q", queries.get((int) (i % queries.size()))).addQueryParam("limit", "10")
            .putHeader("Authorization", "Bearer " + token).send());
    System.out.printf("GET /api/me (baseline): %,.0f req/s, p50 %.1f ms, p99 %.1f ms%n", me.perSecond(),
        me.latencyMicros().getValueAtPercentile(50) / 1e3, me.latencyMicros().getValueAtPercentile(99) / 1e3);
    System.out.printf("GET /api/people?q=…&limit=10: %,.0f req/s (%.0f%% of the baseline), p50 %.1f ms, p99 %.1f ms, %d errors%n",
        search.perSecond(), 100 * search.perSecond() / me.perSecond(), search.latencyMicros().getValueAtPercentile(50) / 1e3,
        search.latencyMicros().getValueAtPercentile(99) / 1e3, search.errorCount());
    server.close().toCompletionStage().toCompletableFuture().get();
    vertx.close().toCompletionStage().toCompletableFuture().get();
    System.exit(0);
  }

  private static List<String> prefixes(List<String> words, int letters, Random random, int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String w = words.get(random.nextInt(words.size()));
      out.add(w.substring(0, Math.min(letters, w.length())).toLowerCase());
    }
    return out;
  }
}
