package no.deling.load.suite;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.deling.load.org.Args;

/**
 * How long the server takes to be ready on a big log, with and without a read-model snapshot: on
 * the log {@code RebuildBenchmark} keeps on disk, start the server cold with no snapshot (it
 * replays the whole log), stop it with SIGTERM (it writes a snapshot on the way out), and start it
 * again (it reads the snapshot and replays nothing). Then a crash: a start that is posted to
 * ({@code --crash-tail} posts, by default the 100,000 events {@code DELING_SNAPSHOT_EVERY} leaves
 * at most at ordinary rates, with no periodic snapshot meanwhile) is killed with SIGKILL, and the
 * next start reads the snapshot and replays that tail. Ready means {@code /health} answers 200 and a
 * home timeline is served. Prints each start's time, the server's own figures from its log, and
 * the shutdown's, and before and after them what memory touched for the first time costs the
 * machine at that moment (see {@link #freshMemory}).
 *
 * <p>The server runs as the README runs it, {@code java @jvm.options -jar target/deling.jar}: build
 * the jar first ({@code mvn -q -B package -DskipTests}); a jar older than the compiled classes is
 * refused. {@code --classpath} runs it from the compiled classes and this JVM's classpath instead,
 * which measured about a second slower on ten million events (two seconds more CPU: some 170
 * classpath entries searched for every class the start loads).
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.mainClass=no.deling.load.suite.StartupBenchmark
 * -Dexec.args="--events 1000000 --restarts 2 [--crash-tail 100000] [--log DIR] [--jvm '-Xms4g'] [--no-search-wait] [--classpath]"} (first {@code RebuildBenchmark --events …} to make the log).
 */
public final class StartupBenchmark {
  private static final String SECRET = "startup-benchmark-secret-long-enough-for-hs256";
  /** JVM options beyond the README's ({@code --jvm "-Xms4g …"}). */
  private static List<String> jvmOptions = List.of();
  /** Whether each run waits for the search index to catch up before it is stopped ({@code --no-search-wait}: not). */
  private static boolean searchCaughtUp = true;
  /** The README's jar, or null to run from the compiled classes ({@code --classpath}). */
  private static Path jar;

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String jvm = args.string("--jvm", "").trim();
    if (!jvm.isEmpty()) jvmOptions = List.of(jvm.split("\\s+"));
    searchCaughtUp = !args.flag("--no-search-wait");
    jar = args.flag("--classpath") ? null : readmeJar();
    System.out.println(jar == null ? "server: from the compiled classes (--classpath)" : "server: java @jvm.options -jar " + jar);
    if (jar != null) System.out.println("class-data archive: " + archiveState(jar));
    int events = args.intValue("--events", 1_000_000);
    int restarts = Math.max(1, args.intValue("--restarts", 2));
    Path dir = Path.of(args.string("--log", System.getProperty("java.io.tmpdir") + "/deling-rebuild-sealed-" + events));
    if (!Files.exists(dir.resolve("events.db"))) throw new IllegalStateException("no log at " + dir + ": run RebuildBenchmark --events " + events);
    Files.deleteIfExists(dir.resolve("readmodel.snapshot"));
    Path out = Files.createTempDirectory("deling-startup");
    List<String> lines = new ArrayList<>();
    lines.add(freshMemory());
    lines.add(start(dir, out, "no snapshot: replays the whole log", 0));
    for (int i = 1; i <= restarts; i++) lines.add(start(dir, out, "from the snapshot written at shutdown", i));
    int tail = args.intValue("--crash-tail", 100_000);
    if (tail > 0) {
      lines.add(start(dir, out, "posted " + tail + " times, then SIGKILL", restarts + 1, tail));
      lines.add(start(dir, out, "after the SIGKILL: snapshot and tail", restarts + 2));
    }
    lines.add(freshMemory());
    System.out.println();
    for (String l : lines) System.out.println(l);
  }

  /** One start to ready, then SIGTERM to exit. */
  private static String start(Path dir, Path out, String what, int n) throws Exception {
    return start(dir, out, what, n, 0);
  }

  /** One start to ready; then, with {@code posts} over 0, that many posts and SIGKILL, else SIGTERM to exit. */
  private static String start(Path dir, Path out, String what, int n, int posts) throws Exception {
    int port = Child.freePort();
    Path log = out.resolve("server-" + n + ".log");
    // the README's command (its JVM flags), plus any --jvm options being tried
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(Child.README_JVM_FLAGS);
    command.addAll(jvmOptions);
    // from the repository's root, the jar by its relative path, as the README types it: the class-data
    // archive that jvm.options names is found, and matches, only so
    Path root = Child.jvmOptions().getParent();
    if (jar == null) command.addAll(List.of("-cp", Child.classpath(), "no.deling.Main"));
    else command.addAll(List.of("-jar", root.relativize(jar).toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).directory(root.toFile());
    pb.environment().putAll(Map.of("DELING_DATA_DIR", dir.toString(), "DELING_HTTP_PORT", Integer.toString(port), "DELING_HTTP_HOST", "127.0.0.1",
        "DELING_JWT_SECRET", SECRET, "DELING_DEV_LOGIN", "true", "DELING_LOGIN_RATE", "0", "DELING_WRITE_RATE", "0"));
    // the tail is exactly what is posted: no periodic snapshot takes part of it
    if (posts > 0) pb.environment().put("DELING_SNAPSHOT_EVERY", Long.toString(Long.MAX_VALUE));
    long t0 = System.nanoTime();
    Process p = pb.start();
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + port;
    while (true) {
      if (!p.isAlive()) throw new IllegalStateException("server exited; see " + log);
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) break;
      } catch (java.io.IOException notYet) {
        // starting
      }
      Thread.sleep(20);
    }
    double healthy = (System.nanoTime() - t0) / 1e9;
    String token = new io.vertx.core.json.JsonObject(http.send(HttpRequest.newBuilder(URI.create(base + "/api/dev/login"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"p00001\"}")).build(),
        HttpResponse.BodyHandlers.ofString()).body()).getString("token");
    int status = http.send(HttpRequest.newBuilder(URI.create(base + "/api/timelines/home")).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
    double ready = (System.nanoTime() - t0) / 1e9;
    if (status != 200) throw new IllegalStateException("home timeline: " + status);
    // as a server that ran a while: its search index caught up with the log before it is stopped
    // (else every restart also indexes what the last run had no time for, beside reading its snapshot)
    double caughtUp = searchCaughtUp ? waitForSearch(http, base, p) - (t0 / 1e9) : -1;
    String posted = "";
    if (posts > 0) {
      long p0 = System.nanoTime();
      post(http, base, posts);
      posted = String.format("; %d posts in %.1f s", posts, (System.nanoTime() - p0) / 1e9);
    }
    long t1 = System.nanoTime();
    if (posts > 0) p.destroyForcibly(); // SIGKILL: no snapshot on the way out
    else p.destroy(); // SIGTERM: the server writes a snapshot on its way out
    if (!p.waitFor(20, java.util.concurrent.TimeUnit.MINUTES)) throw new IllegalStateException("no exit after SIGTERM");
    double shutdown = (System.nanoTime() - t1) / 1e9;
    String serverLog = Files.readString(log);
    // the JVM falls back to loading every class when the archive does not match: say so beside the figure
    if (serverLog.contains("Unable to use shared archive")) what += " (no class data)";
    String line = String.format("%-40s ready in %6.2f s (health %6.2f s); server: %s; search caught up at %s; shutdown %.2f s%s", what, ready,
        healthy,
        figure(serverLog, "read model rebuilt: (\\d+) events in ([0-9.]+) s", "replayed %s events in %s s") + ", "
            + figure(serverLog, "read-model snapshot read: position (\\d+), (\\d+) MB in ([0-9.]+) s", "snapshot at %s (%s MB) read in %s s"),
        caughtUp < 0 ? "(not waited for)" : String.format("%.1f s", caughtUp) + posted, shutdown, figure(serverLog, "read-model snapshot written: position (\\d+), (\\d+) MB in ([0-9.]+) s", ", snapshot at %s (%s MB) written in %s s"));
    System.out.println(line);
    return line;
  }

  /**
   * {@code count} posts by 32 people of the log's organisation (their followers' home timelines
   * take each), each naming a colleague and a topic, 64 in flight (as the suite's wrk rounds post),
   * each answered 201 before the next of its slot is sent: what a crash right after leaves after
   * the snapshot.
   */
  private static void post(HttpClient http, String base, int count) throws Exception {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      tokens.add(new io.vertx.core.json.JsonObject(http.send(HttpRequest.newBuilder(URI.create(base + "/api/dev/login"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(String.format("{\"user\":\"emp%05d\"}", i)))
          .build(), HttpResponse.BodyHandlers.ofString()).body()).getString("token"));
    }
    // HTTP/1.1 as wrk posts, a connection per slot (the default would offer every request an h2c upgrade)
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<String> failed = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(64);
    for (int slot = 0; slot < 64; slot++) postNext(http, base, tokens, count, next, failed, done);
    done.await();
    if (failed.get() != null) throw new IllegalStateException("posting the tail: " + failed.get());
  }

  private static void postNext(HttpClient http, String base, List<String> tokens, int count, java.util.concurrent.atomic.AtomicInteger next,
      java.util.concurrent.atomic.AtomicReference<String> failed, java.util.concurrent.CountDownLatch done) {
    int i = next.getAndIncrement();
    if (i >= count || failed.get() != null) {
      done.countDown();
      return;
    }
    String text = String.format("Restart drill note %d: @emp%05d, the snapshot before this was read back and the log after it replayed;"
        + " notes on what we saw in #restarts and #operations go here.", i, 100 + i % 400);
    String body = new io.vertx.core.json.JsonObject().put("text", text).encode();
    http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/posts")).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + tokens.get(i % tokens.size())).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
          if (e != null) failed.compareAndSet(null, e.toString());
          else if (r.statusCode() != 201) failed.compareAndSet(null, "status " + r.statusCode());
          postNext(http, base, tokens, count, next, failed, done);
        });
  }

  /**
   * The machine's price for memory touched the first time, measured in the same run: a start builds
   * gigabytes of read model in heap never touched before, and on these virtual machines that cost
   * swung between runs by more than anything in the server (a JVM pre-touching 2 GB of heap, in
   * 4 KB pages and in huge pages).
   */
  private static String freshMemory() throws Exception {
    double small = preTouch(false);
    double huge = preTouch(true);
    String line = String.format("%-40s %.2f s in 4 KB pages, %.2f s in huge pages", "machine: a JVM pre-touching 2 GB of heap", small, huge);
    System.out.println(line);
    return line;
  }

  private static double preTouch(boolean hugePages) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms2g", "-Xmx2g",
        "-XX:+AlwaysPreTouch", hugePages ? "-XX:+UseTransparentHugePages" : "-XX:-UseTransparentHugePages", "-version"));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES) || p.exitValue() != 0) throw new IllegalStateException("java -version with 2 GB pre-touched failed");
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Whether the class-data archive {@code jvm.options} names was built with this jar (by {@code mvn package}). */
  private static String archiveState(Path jar) {
    Path archive = jar.resolveSibling("deling.jsa");
    if (!Files.isRegularFile(archive)) return "none (built with -Dcds.skip=true?): every start loads its classes";
    if (archive.toFile().lastModified() < jar.toFile().lastModified()) return archive + " is older than the jar: the JVM will not use it";
    return archive.toString();
  }

  /** {@code target/deling.jar} beside {@code jvm.options}, built after the newest compiled class. */
  private static Path readmeJar() throws java.io.IOException {
    Path root = Child.jvmOptions().getParent();
    Path built = root.resolve("target/deling.jar");
    if (!Files.isRegularFile(built)) throw new IllegalStateException("no " + built + ": run mvn -q -B package -DskipTests first (or pass --classpath)");
    Path classes = root.resolve("target/classes");
    if (Files.isDirectory(classes)) {
      try (var files = Files.walk(classes)) {
        long newest = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().lastModified()).max().orElse(0);
        if (newest > built.toFile().lastModified()) {
          throw new IllegalStateException(built + " is older than target/classes: run mvn -q -B package -DskipTests again (or pass --classpath)");
        }
      }
    }
    return built;
  }

  /** Waits until {@code /health} reports no search lag; when, in seconds on {@link System#nanoTime}'s scale. */
  private static double waitForSearch(HttpClient http, String base, Process p) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) throw new IllegalStateException("server exited while indexing");
      String body = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
      if (new io.vertx.core.json.JsonObject(body).getJsonObject("search").getLong("lag") == 0) return System.nanoTime() / 1e9;
      Thread.sleep(500);
    }
    throw new IllegalStateException("the search index did not catch up within 30 minutes");
  }

  private static String figure(String log, String regex, String format) {
    Matcher m = Pattern.compile(regex).matcher(log);
    String found = null;
    while (m.find()) {
      Object[] groups = new Object[m.groupCount()];
      for (int i = 0; i < groups.length; i++) groups[i] = m.group(i + 1);
      found = String.format(format, groups);
    }
    return found == null ? "-" : found;
  }
}
