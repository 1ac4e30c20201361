package no.deling.core.log;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadEvent;
import io.vertx.core.shareddata.Shareable;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures that nothing handled: an exception that reached the top of an event loop's task, a
 * request answered 500, or an event loop held up past Vert.x's limit (blocking work on it). Each is
 * a bug (client input never causes one), so each is logged and counted per server
 * ({@code deling_unhandled_failures_total{where=…}}): operators alert on the count, and the tests'
 * servers fail the test that caused one. Kept in the Vert.x instance's local
 * map, so the one place that answers 500 ({@code Problems}) finds its server's count without
 * anything on the path of requests that succeed.
 */
public final class UnhandledFailures implements Shareable {
  private static final Logger LOG = LoggerFactory.getLogger(UnhandledFailures.class);
  private static final String MAP = "deling";
  private static final String KEY = "unhandled-failures";

  private final LongAdder onEventLoops = new LongAdder();
  private final LongAdder answered500 = new LongAdder();
  private final LongAdder blockedEventLoops = new LongAdder();

  private UnhandledFailures() {}

  /** The count for {@code vertx}'s server, made and hooked to its event loops on first use. */
  public static UnhandledFailures of(Vertx vertx) {
    var map = vertx.sharedData().<String, UnhandledFailures>getLocalMap(MAP);
    UnhandledFailures made = new UnhandledFailures();
    UnhandledFailures had = map.putIfAbsent(KEY, made);
    if (had != null) return had;
    vertx.exceptionHandler(failure -> {
      made.onEventLoops.increment();
      LOG.error("unhandled failure on {}", Thread.currentThread().getName(), failure);
    });
    if (vertx instanceof VertxInternal internal) internal.blockedThreadChecker().setThreadBlockedHandler(made::blocked);
    return made;
  }

  /** Vert.x's checker found a thread past its limit: logged as Vert.x logs it; counted when it is an event loop. */
  private void blocked(BlockedThreadEvent event) {
    String name = event.thread().getName();
    boolean eventLoop = name.startsWith("vert.x-eventloop-thread-");
    if (eventLoop) blockedEventLoops.increment();
    String message = String.format("thread %s has been blocked for %d ms, time limit is %d ms", name, event.duration() / 1_000_000,
        event.maxExecTime() / 1_000_000);
    if (event.duration() <= event.warningExceptionTime()) {
      LOG.warn(message);
    } else {
      Exception where = new Exception("where " + name + " is");
      where.setStackTrace(event.thread().getStackTrace());
      LOG.warn(message, where);
    }
  }

  /** A request was answered 500 (logged by the caller, with its route). */
  public static void answered500(Vertx vertx) {
    of(vertx).answered500.increment();
  }

  public long onEventLoops() {
    return onEventLoops.sum();
  }

  public long answered500() {
    return answered500.sum();
  }

  /** Times an event loop was found held up past Vert.x's limit (2 s by default). */
  public long blockedEventLoops() {
    return blockedEventLoops.sum();
  }
}
