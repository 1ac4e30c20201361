package no.deling;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;
import no.deling.core.eventstore.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of Netty's transports the sockets run on ({@code DELING_TRANSPORT}): {@code auto} (the
 * default) takes io_uring where the kernel allows it, else epoll, else Java's NIO; {@code io_uring},
 * {@code epoll} and {@code nio} ask for one and refuse to start without it.
 *
 * <p>Why io_uring first: side by side under {@code wrk -t2 -c64} (load-tests/RESULTS.md, "Sockets
 * on io_uring") it took server CPU per post down by 10-15% and posts/s up as much; the plain
 * endpoint did the same on either. Likely why: under a flood the event loop answers a whole commit
 * group at once, and io_uring hands those socket writes to the kernel in one call per pass of the
 * loop instead of a {@code writev} each (a profile did not show it directly). Containers whose
 * seccomp profile forbids io_uring (Docker's default, for one) get epoll under {@code auto}. Epoll in
 * turn had taken posts/s up 8-9% and server CPU per post down 10-12% against NIO, Vert.x's default.
 */
public final class NetworkTransport {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkTransport.class);
  private static final List<String> CHOICES = List.of("auto", "io_uring", "epoll", "nio");
  /** Netty's setting for the size of each event loop's io_uring completion queue, in entries. */
  static final String COMPLETION_QUEUE_PROPERTY = "io.netty.iouring.cqSize";
  /**
   * Ours, unless the JVM is started with the property. A broadcast to 10,000 sockets on two event
   * loops completes more operations in one pass of a loop than Netty's default of 4,096 holds: the
   * kernel keeps the rest aside (nothing is lost) and Netty logged "CompletionQueue overflow
   * detected" 120 times in 10 seconds of the suite's 10,000-socket delivery; with 32,768, not once
   * (delivery latency the same). 16 bytes an entry: 512 KB per event loop. A kernel before 5.12
   * counts it against the locked-memory limit; one that refuses the ring gets epoll under auto.
   */
  static final int COMPLETION_QUEUE_ENTRIES = 32_768;

  /** Netty's setting for one io_uring accept that keeps accepting ("multishot") instead of one per connection. */
  static final String MULTISHOT_ACCEPT_PROPERTY = "io.netty.iouring.acceptMultiShotEnabled";

  static {
    // Netty reads these once, when its io_uring support first loads: every path to a transport passes through here first
    tuneIoUring(System.getProperties());
  }

  private NetworkTransport() {}

  /**
   * Our io_uring settings in {@code properties}, each unless set already: the completion queue's
   * size ({@link #COMPLETION_QUEUE_ENTRIES}), and one accept per connection. Out of file
   * descriptors (a flood of connections past the process's limit), a multishot accept stays armed
   * while Netty pauses accepting for a second: the kernel completed it again at once, failing with
   * "Too many open files", and the acceptor thread logged 3.4 million stack traces in five seconds
   * with a core busy. Accepting one at a time, the pause holds, as on epoll (one line a second).
   * Deling's clients connect once and stay: accepting is not where its time goes.
   */
  static void tuneIoUring(Properties properties) {
    properties.putIfAbsent(COMPLETION_QUEUE_PROPERTY, String.valueOf(COMPLETION_QUEUE_ENTRIES));
    properties.putIfAbsent(MULTISHOT_ACCEPT_PROPERTY, "false");
  }

  /** The setting checked: one of {@link #CHOICES} (case and blanks ignored), else a clear error naming the variable. */
  static String parse(String value) {
    String v = value == null || value.isBlank() ? "auto" : value.trim().toLowerCase(Locale.ROOT);
    if (!CHOICES.contains(v)) throw new IllegalArgumentException("DELING_TRANSPORT must be one of " + CHOICES + ", was '" + value + "'");
    return v;
  }

  /**
   * What a setting may run on, in order: {@code auto} every transport available here, io_uring
   * first and NIO last; an explicit choice only itself, or a failure saying why it is unavailable.
   */
  static List<Transport> candidates(String setting) {
    return switch (parse(setting)) {
      case "io_uring" -> List.of(required(Transport.IO_URING, "io_uring"));
      case "epoll" -> List.of(required(Transport.EPOLL, "epoll"));
      case "nio" -> List.of(Transport.NIO);
      default -> Stream.of(Transport.IO_URING, Transport.EPOLL, Transport.NIO).filter(NetworkTransport::usable).toList();
    };
  }

  /** A Vert.x instance on the transport the setting picks. */
  public static Vertx vertx(String setting) {
    return vertx(setting, t -> Vertx.builder().with(new VertxOptions()).withTransport(t).build());
  }

  /**
   * {@code build} on each candidate in turn until one starts. A kernel can report io_uring available
   * and still refuse the event loops' rings (a low locked-memory limit on kernels before 5.12), so
   * {@code auto} goes on to the next transport; an explicit choice fails.
   */
  static Vertx vertx(String setting, Function<Transport, Vertx> build) {
    List<Transport> candidates = candidates(setting);
    for (int i = 0; ; i++) {
      Transport t = candidates.get(i);
      try {
        Vertx vertx = build.apply(t);
        LOG.info("sockets on {} (DELING_TRANSPORT={})", t.name(), parse(setting));
        return vertx;
      } catch (RuntimeException | LinkageError e) {
        if (i + 1 == candidates.size()) throw e;
        LOG.warn("sockets: {} could not start ({}); trying {}", t.name(), e.toString(), candidates.get(i + 1).name());
      }
    }
  }

  private static boolean usable(Transport t) {
    return t != null && t.available();
  }

  private static Transport required(Transport t, String name) {
    if (usable(t)) return t;
    Throwable why = t == null ? null : t.unavailabilityCause();
    throw new StartupException("DELING_TRANSPORT=" + name + " but " + name + " is unavailable here"
        + (why == null ? "" : ": " + why.getMessage()) + " (auto falls back to what is available)");
  }
}
