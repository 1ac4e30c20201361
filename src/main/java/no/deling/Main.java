package no.deling;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java @jvm.options -jar target/deling.jar}: JVM flags from {@code jvm.options}, configuration from the environment (see README).
 * {@code ... deling.jar backup <directory>} copies a running server's log and keys instead ({@link no.deling.backup.BackupCommand}).
 */
public final class Main {
  /** What a shutdown allows the read-model snapshot beyond the requests in flight (ten million events take about 20 s here). */
  private static final long SNAPSHOT_ALLOWANCE_MS = 60_000;

  static {
    CommonPool.ensureParallelism();
  }

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  /**
   * The JSON Schema library checks every request body in one method of 9,290 bytes of bytecode,
   * and HotSpot leaves methods over 8,000 bytes to the interpreter unless told otherwise: that cost
   * a tenth of the CPU of every post. The README's command and the Dockerfile pass it ({@code jvm.options}).
   */
  private static void adviseOnHugeMethods() {
    try {
      var diagnostics = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      if ("true".equals(diagnostics.getVMOption("DontCompileHugeMethods").getValue())) {
        LOG.warn("the JVM runs without -XX:-DontCompileHugeMethods: request validation stays interpreted and costs about a tenth of the "
            + "CPU of every write (run it with java @jvm.options, as the README's command does)");
      }
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("could not read the JVM's DontCompileHugeMethods flag", e);
    }
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("backup")) {
      System.exit(no.deling.backup.BackupCommand.run(args, System.getenv(), System.out, System.err));
      return;
    }
    Config config;
    try {
      config = Config.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    adviseOnHugeMethods();
    Vertx vertx;
    try {
      vertx = NetworkTransport.vertx(config.transport());
    } catch (no.deling.core.eventstore.StartupException e) {
      LOG.error("Deling failed to start: {}", e.getMessage());
      System.exit(1);
      return;
    }
    DelingServer.start(vertx, config).onComplete(r -> {
      if (r.failed()) {
        if (r.cause() instanceof no.deling.core.eventstore.StartupException clear) LOG.error("Deling failed to start: {}", clear.getMessage());
        else LOG.error("Deling failed to start: {}", r.cause().getMessage(), r.cause());
        vertx.close().onComplete(v -> System.exit(1));
        return;
      }
      DelingServer server = r.result();
      // SIGTERM: close sockets (1001), finish requests in flight, write a read-model snapshot, sync the log, exit; bounded
      // (a snapshot takes seconds per million events; one cut short is never used, and the next start replays more)
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        LOG.info("shutting down: finishing requests in flight (at most {} ms)", config.shutdownGraceMs());
        try {
          server.close().compose(v -> vertx.close()).toCompletionStage().toCompletableFuture()
              .get(config.shutdownGraceMs() + 10_000 + SNAPSHOT_ALLOWANCE_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
          LOG.info("shut down cleanly");
        } catch (Exception e) {
          LOG.warn("unclean shutdown", e);
        }
      }, "deling-shutdown"));
    });
  }
}
