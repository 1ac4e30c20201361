package no.deling.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** {@code load-tests/thread-time.sh} names the thread that worked, by kind, and counts per request. */
@EnabledOnOs(OS.LINUX) // it reads /proc
class ThreadTimeScriptTest {

  @Test
  void aSpinningThreadShowsAsRunningMostOfTheLoad() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    // two of a kind: "spinner-1" and "spinner-2" add up under "spinner"
    Thread first = spinner("spinner-1", stop);
    Thread second = new Thread(() -> sleepUntil(stop), "spinner-2");
    first.start();
    second.start();
    try {
      long pid = ProcessHandle.current().pid();
      // the "load": a second, and a line as wrk prints its count of requests
      String out = run("bash", "load-tests/thread-time.sh", Long.toString(pid), "bash", "-c", "sleep 1; echo '2000 requests in 1.00s, 1MB read'");
      String row = out.lines().filter(l -> l.startsWith("spinner ")).findFirst().orElseThrow(() -> new AssertionError(out));
      String[] cells = row.trim().split("\\s+");
      // thread, run, wait, sleeps/s, µs/req, sleeps/req
      assertThat(cells).hasSize(6);
      double run = Double.parseDouble(cells[1].replace("%", ""));
      assertThat(run).as(out).isGreaterThan(40.0);
      // about one second of CPU over 2,000 requests: hundreds of µs each
      assertThat(Double.parseDouble(cells[4])).as(out).isGreaterThan(200.0);
      assertThat(out).contains("machine: user ").contains("idle ").contains("iowait ");
    } finally {
      stop.set(true);
      first.join();
      second.join();
    }
  }

  @Test
  void refusesAProcessThatIsNotThere() throws Exception {
    Process p = new ProcessBuilder("bash", "load-tests/thread-time.sh", "999999999", "true").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isNotZero();
    assertThat(out).contains("no process 999999999");
  }

  private static Thread spinner(String name, AtomicBoolean stop) {
    return new Thread(() -> {
      long x = 0;
      while (!stop.get()) x += System.nanoTime() & 1;
      if (x == 42) System.out.print(""); // keeps the loop from being optimised away
    }, name);
  }

  private static void sleepUntil(AtomicBoolean stop) {
    while (!stop.get()) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    assertThat(Files.isRegularFile(Path.of(command[1]))).isTrue();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
