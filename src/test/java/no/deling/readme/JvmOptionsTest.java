package no.deling.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The JVM argument file the README's command, the Dockerfile and the benchmarks run the server with. */
class JvmOptionsTest {
  private static final Path FILE = Path.of("jvm.options");

  @Test
  void theJvmTakesEveryFlagInIt() throws Exception {
    String out = javaVersion(List.of("@" + FILE.toAbsolutePath(), "-XX:+PrintFlagsFinal"));
    assertThat(flag(out, "DontCompileHugeMethods")).isEqualTo("false");
    assertThat(flag(out, "MaxTenuringThreshold")).isEqualTo("0");
    assertThat(flag(out, "G1UseAdaptiveIHOP")).isEqualTo("false");
    assertThat(flag(out, "InitiatingHeapOccupancyPercent")).isEqualTo("75");
    assertThat(flag(out, "MetaspaceSize")).isEqualTo(Long.toString(256L << 20));
    assertThat(flag(out, "SharedArchiveFile")).isEqualTo("target/deling.jsa");
    assertThat(flag(out, "ExitOnOutOfMemoryError")).isEqualTo("true");
    // the JVM turns it off where the kernel has huge pages off
    assertThat(flag(out, "UseTransparentHugePages")).isEqualTo(Boolean.toString(!kernelHasHugePagesOff()));
  }

  /** {@code -XX:+IgnoreUnrecognizedVMOptions} is there for other systems; on this one, every flag must be one the JVM knows. */
  @Test
  void everyFlagInItIsOneTheJvmKnows() throws Exception {
    List<String> flags = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(FILE)) {
      String l = line.trim();
      if (l.startsWith("-XX:") && !l.equals("-XX:+IgnoreUnrecognizedVMOptions")) flags.add(l);
    }
    assertThat(flags).isNotEmpty();
    assertThat(javaVersion(flags)).doesNotContain("Unrecognized VM option");
  }

  /** One thread runs out of memory while the main thread waits, as a server's would: the process ends. */
  @Test
  void outOfMemoryOnAnyThread_endsTheProcess() throws Exception {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + FILE.toAbsolutePath(), "-Xmx32m",
        "-cp", System.getProperty("java.class.path"), FillsTheHeap.class.getName());
    Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean ended = java.waitFor(30, TimeUnit.SECONDS);
    if (!ended) java.destroyForcibly().waitFor(); // its output ends with it
    String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ended).as("ended on its own: %s", out).isTrue();
    assertThat(java.exitValue()).as(out).isEqualTo(3);
    assertThat(out).contains("Terminating due to java.lang.OutOfMemoryError");
  }

  /** A thread that keeps what it allocates until the heap is full; the main thread waits for ever. */
  public static final class FillsTheHeap {
    public static void main(String[] args) throws InterruptedException {
      Thread filler = new Thread(() -> {
        List<long[]> kept = new java.util.ArrayList<>();
        while (true) kept.add(new long[64 * 1024]);
      }, "filler");
      filler.start();
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  /** What {@code java <options> -version} prints, once it has exited with 0. */
  private static String javaVersion(List<String> options) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(options);
    command.add("-version");
    Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(java.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void theReadmesCommandAndTheDockerfileUseIt() throws Exception {
    List<String> readme = Files.readAllLines(Path.of("README.md"));
    assertThat(readme.subList(0, 6)).anySatisfy(l -> assertThat(l).contains("java @jvm.options -jar target/deling.jar"));
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    assertThat(dockerfile).contains("COPY jvm.options /app/jvm.options").contains("\"@/app/jvm.options\"");
  }

  private static boolean kernelHasHugePagesOff() throws Exception {
    Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    return !Files.exists(thp) || Files.readString(thp).contains("[never]");
  }

  private static String flag(String printed, String name) {
    for (String line : printed.split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length >= 4 && parts[1].equals(name)) return parts[3];
    }
    throw new AssertionError("no flag " + name + " in the JVM's output");
  }
}
