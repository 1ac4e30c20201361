package no.deling.load.suite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A suite run with {@code --write-results} replaces its own part of RESULTS.md and keeps the rest. */
class ResultsFileTest {
  private static final String RUN = "# Benchmark results\n\nLatest run, new.\n\n## Replays\n\n```\nnew table\n```\n";

  @Test
  void aFirstRun_writesTheSuitesPartAndTheEnd() {
    assertThat(ResultsFile.merge(RUN, null)).isEqualTo(RUN + "\n" + ResultsFile.END + "\n");
  }

  @Test
  void aFileFromBeforeTheEndLine_keepsEverySectionAfterTheReplays() {
    String old = "# Benchmark results\n\nLatest run, old.\n\n## Replays\n\n```\nold table\n```\n\n## Soak, 2026-12-03\n\nflat\n\n### Restarts\n\nfast\n";
    String merged = ResultsFile.merge(RUN, old);
    assertThat(merged).startsWith(RUN).contains(ResultsFile.END).endsWith("## Soak, 2026-12-03\n\nflat\n\n### Restarts\n\nfast\n")
        .doesNotContain("old table").doesNotContain("Latest run, old.");
  }

  @Test
  void aFileWithTheEndLine_keepsWhatFollowsIt_runAfterRun() {
    String once = ResultsFile.merge(RUN, "# Benchmark results\n\nold\n\n## Replays\n\nx\n\n## Soak\n\nkept\n");
    String twice = ResultsFile.merge(RUN.replace("new", "newer"), once);
    assertThat(twice).contains("newer table").doesNotContain("new table").endsWith(ResultsFile.END + "\n\n## Soak\n\nkept\n");
    assertThat(twice.split(java.util.regex.Pattern.quote(ResultsFile.END), -1)).hasSize(2);
  }
}
