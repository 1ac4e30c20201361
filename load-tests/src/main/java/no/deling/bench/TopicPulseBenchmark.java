package no.deling.bench;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import no.deling.core.ids.PostIds;
import no.deling.load.org.Args;
import no.deling.pulse.PulseQueries;
import no.deling.readmodel.ReadModel;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.users.UserEvent.ProfileRecorded;

/**
 * What a look at a topic's pulse costs ({@code GET /api/topics/{tag}/pulse}: on a worker, holding
 * the read model's read lock, which the projection waits for): one topic of {@code --posts} public
 * posts over {@code --weeks} weeks by {@code --people} people in ten departments, one post in ten a
 * question with two answers; in process.
 *
 * <ul>
 *   <li>the topic's pulse over 8 and over 26 weeks;
 *   <li>baseline: walking the same posts and summing their times, which any answer about all of
 *       the topic's posts pays at least.
 * </ul>
 *
 * Run: {@code mvn -q -B test-compile exec:java -Dexec.mainClass=no.deling.bench.TopicPulseBenchmark -Dexec.classpathScope=test}
 */
public final class TopicPulseBenchmark {
  public static void main(String[] argv) {
    Args args = new Args(argv);
    int posts = args.intValue("--posts", 100_000);
    int people = args.intValue("--people", 2_000);
    int weeks = args.intValue("--weeks", 26);
    long now = Instant.parse("2026-12-09T12:00:00Z").toEpochMilli();
    long span = weeks * 7L * 86_400_000L;
    Random random = new Random(42);
    ReadModel m = new ReadModel(800, 2000);
    long position = 0;
    for (int p = 0; p < people; p++) {
      m.applyDecoded(new ProfileRecorded("u" + p, "Person " + p, "Dept" + p % 10, null, null, Instant.ofEpochMilli(now - span)), ++position, null);
    }
    PostIds ids = new PostIds(1);
    long step = span / posts;
    int written = 0;
    for (long at = now - span; written < posts; at += step) {
      String id = PostIds.format(ids.next(at));
      boolean question = written % 10 == 0;
      String author = "u" + random.nextInt(people);
      m.applyDecoded(new PostPublished(id, author, "About #bench " + written, null, id, List.of("bench"), List.of(), List.of(),
          Instant.ofEpochMilli(at), null, question ? "question" : null), ++position, null);
      written++;
      if (!question) continue;
      for (int a = 0; a < 2; a++) {
        String answer = PostIds.format(ids.next(at + 1 + a));
        m.applyDecoded(new PostPublished(answer, "u" + random.nextInt(people), "An answer", id, id, List.of(), List.of(), List.of(),
            Instant.ofEpochMilli(at + 60_000L * (a + 1))), ++position, null);
      }
    }
    PulseQueries q = new PulseQueries(m);
    long sink = 0;
    double[] eight = new double[20], all = new double[20], baseline = new double[20];
    for (int round = 0; round < 40; round++) {
      long t0 = System.nanoTime();
      sink += q.topic("bench", now, 8, 5).encode().length();
      long t1 = System.nanoTime();
      sink += q.topic("bench", now, 26, 5).encode().length();
      long t2 = System.nanoTime();
      sink += m.read(() -> {
        long sum = 0;
        var list = m.timelines.postsOf("bench", null, null);
        for (int i = 0; i < list.size(); i++) sum += m.posts.get(list.get(i)).publishedAt;
        return sum;
      });
      long t3 = System.nanoTime();
      if (round >= 20) { // the first twenty warm the JIT
        eight[round - 20] = (t1 - t0) / 1e6;
        all[round - 20] = (t2 - t1) / 1e6;
        baseline[round - 20] = (t3 - t2) / 1e6;
      }
    }
    System.out.printf("topic of %,d posts (%,d questions with 2 answers each) by %,d people over %d weeks; medians of 20 warm rounds (sink %d)%n",
        posts, posts / 10, people, weeks, sink % 10);
    System.out.printf("| look | ms | of the baseline |%n| --- | ---: | ---: |%n");
    double base = median(baseline);
    System.out.printf("| the topic's pulse, 8 weeks | %.1f | %.0fx |%n", median(eight), median(eight) / base);
    System.out.printf("| the topic's pulse, 26 weeks | %.1f | %.0fx |%n", median(all), median(all) / base);
    System.out.printf("| baseline: walking its posts | %.2f | 1x |%n", base);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
