package no.deling.load.suite;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A server under test in its own JVM on a loopback port, so that its CPU, heap and open files are
 * its own and the load generator's sockets do not count against it.
 */
final class Child implements AutoCloseable {
  final int port;
  final Process process;

  private Child(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /**
   * The settings of a benchmark's Deling on a free port of this host, its log in {@code dataDir},
   * tokens signed with {@code secret}, and no per-person write limit; mutable, for more.
   */
  static Map<String, String> delingEnv(Path dataDir, String secret) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("DELING_HTTP_PORT", "{port}");
    env.put("DELING_HTTP_HOST", "127.0.0.1");
    env.put("DELING_DATA_DIR", dataDir.toString());
    env.put("DELING_JWT_SECRET", secret);
    env.put("DELING_WRITE_RATE", "0");
    return env;
  }

  static Child start(String mainClass, Map<String, String> env, List<String> args, String healthPath, Path log) throws Exception {
    int port = freePort();
    List<String> command = command(mainClass, args.stream().map(a -> a.replace("{port}", Integer.toString(port))).toList());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    env.forEach((k, v) -> pb.environment().put(k, v.replace("{port}", Integer.toString(port))));
    Child child = new Child(port, pb.start());
    child.awaitHttp(healthPath, Duration.ofSeconds(120));
    return child;
  }

  /** Runs {@code mainClass} in its own JVM, with the JVM's defaults as the server gets them, until it exits; its output goes to {@code log}. */
  static List<String> runToEnd(String mainClass, List<String> args, Path log, Duration timeout) throws Exception {
    Process p = new ProcessBuilder(command(mainClass, args)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(timeout.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new IllegalStateException(mainClass + " did not finish within " + timeout);
    }
    if (p.exitValue() != 0) throw new IllegalStateException(mainClass + " exited with " + p.exitValue() + "; see " + log);
    return java.nio.file.Files.readAllLines(log);
  }

  /** The JVM flags the README runs the server with: its argument file, {@code jvm.options} at the repository's root. */
  static final List<String> README_JVM_FLAGS = List.of("@" + jvmOptions());

  /** {@code jvm.options}, looked for from the working directory upwards (benchmarks run from the root or from load-tests). */
  static Path jvmOptions() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve("jvm.options");
      if (java.nio.file.Files.isRegularFile(file)) return file;
    }
    throw new IllegalStateException("no jvm.options in " + Path.of("").toAbsolutePath() + " or above: run from the repository");
  }

  /**
   * {@code java <the README's flags> -cp <this JVM's classpath> mainClass args…} with this JVM's
   * java, for every child alike.
   */
  private static List<String> command(String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(README_JVM_FLAGS);
    command.add("-cp");
    command.add(classpath());
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  private void awaitHttp(String path, Duration timeout) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("child exited with " + process.exitValue());
      try {
        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) return;
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("child did not answer " + path + " within " + timeout);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** This JVM's classpath, also when run by exec:java (which loads the project in a URLClassLoader). */
  static String classpath() {
    Set<String> entries = new LinkedHashSet<>();
    for (ClassLoader cl = Thread.currentThread().getContextClassLoader(); cl != null; cl = cl.getParent()) {
      if (cl instanceof URLClassLoader u) {
        for (URL url : u.getURLs()) {
          try {
            entries.add(new File(url.toURI()).getPath());
          } catch (Exception ignored) {
            // not a file URL
          }
        }
      }
    }
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) if (!e.isBlank()) entries.add(e);
    return String.join(File.pathSeparator, entries);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
  }
}
