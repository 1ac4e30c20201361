package no.deling;

/**
 * The KurrentDB client chains {@code CompletableFuture} *Async stages. With fewer than three
 * cores the JDK's common pool has parallelism 1, and then every async stage runs on a brand-new
 * thread (measured: 1.5k appends/s through the adapter instead of 8.6k on 2 cores). Giving the
 * common pool a few threads avoids that; it must happen before anything touches the pool.
 */
public final class CommonPool {
  static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private CommonPool() {}

  /**
   * Whether the common pool really has more than one thread: it is sized once, when something first
   * uses it, so a host JVM (such as Maven's, under exec:java) may have fixed it before we could.
   */
  public static boolean hasParallelism() {
    return java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() > 1;
  }

  public static void ensureParallelism() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, Integer.toString(Math.max(4, Runtime.getRuntime().availableProcessors())));
    }
  }
}
