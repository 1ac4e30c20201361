package no.deling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's training run for the class-data archive goes both ways a start goes, and every request it makes is served. */
class ClassDataTrainingTest {
  @Test
  void bothStartsServeEveryRequest_theSecondFromTheFirstsSnapshot(@TempDir Path dir) throws Exception {
    assertThat(ClassDataTraining.train(dir)).isEmpty();
    // the first start's close left a snapshot, which the second read (and, with nothing new, kept)
    assertThat(dir.resolve("readmodel.snapshot")).exists();
  }
}
