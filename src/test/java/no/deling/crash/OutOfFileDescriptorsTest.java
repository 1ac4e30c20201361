package no.deling.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.deling.Main;
import no.deling.support.TestServer;
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
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  @AfterEach
  void stop() {
    if (process != null) process.destroyForcibly();
  }

  @Test
  void aFloodOfConnectionsPastTheLimit_isAFewLogLines_andTheServerServesOnceTheyAreGone() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = dir.resolve("server.log");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // the limit applies to the server's JVM only: bash lowers it, then becomes that JVM
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", "ulimit -n " + LIMIT + " && exec \"$0\" \"$@\"", java.toString(), "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), Main.class.getName());
    Map<String, String> env = pb.environment();
    env.put("DELING_HTTP_PORT", String.valueOf(port));
    env.put("DELING_HTTP_HOST", "127.0.0.1");
    env.put("DELING_DATA_DIR", dir.resolve("data").toString());
    env.put("DELING_JWT_SECRET", TestServer.SECRET);
    env.put("DELING_DEV_LOGIN", "false");
    process = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    awaitHealth(port, 60);

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
    awaitHealth(port, 20);
  }

  private void awaitHealth(int port, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("server process died: %s", Files.readString(dir.resolve("server.log"))).isTrue();
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("the server did not answer /health within " + seconds + " s");
  }
}
