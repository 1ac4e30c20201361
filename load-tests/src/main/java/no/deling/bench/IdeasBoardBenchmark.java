package no.deling.bench;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import no.deling.core.ids.PostIds;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.ideas.IdeaQueries;
import no.deling.load.org.Args;
import no.deling.posts.PostDecider;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.readmodel.ReadModel;

/**
 * The ideas board's first page, rising first, read in process: right after an idea was endorsed
 * (its order changed) against a read when nothing changed since the last (the baseline, the same
 * run). A busy board is endorsed between most reads, so the first figure is the one people get.
 * Prints µs per read, medians of rounds.
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexec.mainClass=no.deling.bench.IdeasBoardBenchmark -Dexec.args="--ideas 4000"}
 */
public final class IdeasBoardBenchmark {
  private IdeasBoardBenchmark() {}

  public static void main(String[] argv) {
    Args args = new Args(argv);
    int ideas = args.intValue("--ideas", 4_000);
    int rounds = args.intValue("--rounds", 7);
    int reads = args.intValue("--reads", 2_000);
    Random random = new Random(11);
    ReadModel m = new ReadModel(100, 1_000);
    IdeaQueries board = new IdeaQueries(m, m.ideas, m.posts, m.endorsements, m.groups, m.people, m);
    long now = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    long position = 0;
    int endorsements = 0;
    for (int i = 1; i <= ideas; i++) { // four days of ideas, each endorsed by up to 14 people over the days after it
      long at = now - 4 * 86_400_000L + i * (4 * 86_400_000L / ideas);
      m.applyDecoded(new PostPublished(PostIds.format(i), "author" + (i % 500), "Idea " + i, null, PostIds.format(i), List.of(), List.of(),
          List.of(), Instant.ofEpochMilli(at), null, PostDecider.IDEA), ++position, null);
      for (int k = random.nextInt(15); k > 0; k--) {
        m.applyDecoded(new PostEndorsed(PostIds.format(i), "author" + (i % 500), "person" + random.nextInt(5_000),
            Instant.ofEpochMilli(at + random.nextInt(3_600_000))), ++position, null);
        endorsements++;
      }
    }
    now += 86_400_000L;
    IdeaQueries.Board firstPage = new IdeaQueries.Board(null, null, null, false, 0, 20);
    double[] changed = new double[rounds];
    double[] unchanged = new double[rounds];
    int endorser = 0;
    for (int round = 0; round < rounds; round++) {
      long changedNanos = 0;
      long unchangedNanos = 0;
      for (int r = 0; r < reads; r++) {
        long idea = 1 + random.nextInt(ideas);
        m.applyDecoded(new PostEndorsed(PostIds.format(idea), "author", "reader" + endorser++, Instant.ofEpochMilli(now + r)), ++position, null);
        long start = System.nanoTime();
        board.board("reader", firstPage, now + r);
        long between = System.nanoTime();
        board.board("reader", firstPage, now + r);
        unchangedNanos += System.nanoTime() - between;
        changedNanos += between - start;
      }
      changed[round] = changedNanos / 1e3 / reads;
      unchanged[round] = unchangedNanos / 1e3 / reads;
      System.out.printf("round %d: right after an endorsement %.1f µs a read, nothing changed %.1f µs%n", round + 1, changed[round], unchanged[round]);
    }
    Arrays.sort(changed);
    Arrays.sort(unchanged);
    System.out.printf("%,d ideas, %,d endorsements: the board's first page right after an endorsement %.1f µs, nothing changed %.1f µs "
        + "(medians of %d rounds of %,d reads): %.0f%%%n", ideas, endorsements, changed[rounds / 2], unchanged[rounds / 2], rounds, reads,
        100 * unchanged[rounds / 2] / changed[rounds / 2]);
  }
}
