package no.deling.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code load-tests/ladder.sh} measures the server with {@code load-tests/ladder.patch} applied:
 * the patch must still apply to the code as it is, or the ladder stops measuring what it says.
 */
class LadderPatchTest {
  private static final Path PATCH = Path.of("load-tests/ladder.patch");
  private static final Path SCRIPT = Path.of("load-tests/ladder.sh");

  @Test
  void thePatchStillAppliesToTheServerAsItIs() throws Exception {
    assumeTrue(Files.isDirectory(Path.of(".git")) || Files.isRegularFile(Path.of(".git")), "not a git checkout");
    Process p;
    try {
      p = new ProcessBuilder("git", "apply", "--check", PATCH.toString()).redirectErrorStream(true).start();
    } catch (java.io.IOException noGit) {
      throw new org.opentest4j.TestAbortedException("git is not installed", noGit);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("git apply --check load-tests/ladder.patch: %s", out).isZero();
  }

  @Test
  void everyStageTheScriptRunsIsOneThePatchCutsAt() throws Exception {
    String script = Files.readString(SCRIPT);
    String patch = Files.readString(PATCH);
    assertThat(script).contains("STAGES=(answer checked decided stored full)").contains("DELING_LADDER=$stage");
    assertThat(patch).contains("System.getenv(\"DELING_LADDER\")");
    // "full" is the server as it ships; every other stage is a cut the patch makes
    for (String stage : List.of("answer", "checked", "decided", "stored")) {
      assertThat(patch).as(stage).containsPattern("\\+.*(\"" + stage + "\"\\.equals\\(|equals\\(\"" + stage + "\"\\))");
    }
  }
}
