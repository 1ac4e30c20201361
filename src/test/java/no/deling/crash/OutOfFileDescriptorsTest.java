package no.deling.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.deling.support.ServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * More connections than the process may open files: the server stops accepting for a while,
 * says so a line a second rather than in a loop that fills the disk with stack traces, and serves
 * again once the connections are gone. A server process of its own, started under a low {@code
 * ulimit -n}.
 */
@EnabledOnOs(OS.LINUX)
class OutOfFileDescriptorsTest {
  private static final int LIMIT = 512;
  @TempDir Path dir;
  private Process process;

  @AfterEach
  void stop() throws java.io.IOException {
    if (process != null) process.destroyForcibly();
    ServerProcess.assertNoUnhandledFailures(dir.resolve("server.log"));
  }

  @Test
  void aFloodOfConnectionsPastTheLimit_isAFewLogLines_andTheServerServesOnceTheyAreGone() throws Exception {
    int port = ServerProcess.freePort();
    Path log = dir.resolve("server.log");
    process = ServerProcess.start(dir.resolve("data"), port, Map.of(), log, LIMIT);

    List<Socket> flood = new ArrayList<>();
    try {
      for (int i = 0; i < 2 * LIMIT; i++) {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 2_000); // the kernel's backlog takes them while the server cannot
        flood.add(s);
      }
      Thread.sleep(4_000);
      assertThat(process.isAlive()).isTrue();
    } finally {
      for (Socket s : flood) s.close();
    }
    long lines;
    try (var all = Files.lines(log)) {
      lines = all.filter(l -> l.contains("Too many open files")).count();
    }
    assertThat(lines).as("log lines about it in four seconds out of descriptors").isBetween(1L, 40L);
    ServerProcess.awaitHealth(process, port, log, 20);
  }
}
