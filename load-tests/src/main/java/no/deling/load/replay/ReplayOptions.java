package no.deling.load.replay;

import java.net.URI;
import java.time.Duration;

/**
 * How to play a command stream against a server.
 *
 * @param target the server; loopback unless the operator names another address explicitly
 * @param jwtSecret the server's HS256 secret, to sign a token per simulated person
 * @param rate commands per second (open model: arrivals at fixed intervals, latency measured from
 *     the intended send time); 0 = as fast as possible with {@code concurrency} in flight
 * @param concurrency requests in flight for setup and for the as-fast-as-possible mode
 * @param warmup sent but not measured
 * @param duration measured time after the warm-up; the run never lasts longer than warm-up + duration + drain
 * @param maxCommands upper bound on activity commands sent
 * @param sockets WebSocket followers to connect (home stream), for delivery latency
 * @param drain how long to wait for outstanding deliveries after the last command
 * @param metricsToken bearer token for the server's /metrics (CPU and heap); null = not sampled
 */
public record ReplayOptions(
    URI target,
    String jwtSecret,
    double rate,
    int concurrency,
    Duration warmup,
    Duration duration,
    long maxCommands,
    int sockets,
    Duration drain,
    String metricsToken) {

  public static final Duration MAX_DURATION = Duration.ofHours(1);

  public ReplayOptions {
    if (target == null || target.getHost() == null || target.getPort() <= 0) {
      throw new IllegalArgumentException("target must be http://host:port");
    }
    if (jwtSecret == null || jwtSecret.isBlank()) throw new IllegalArgumentException("jwtSecret is required to act as each person");
    if (rate < 0 || concurrency < 1 || sockets < 0 || maxCommands < 0) throw new IllegalArgumentException("rate, concurrency, sockets, maxCommands must be positive");
    if (warmup.plus(duration).compareTo(MAX_DURATION) > 0) throw new IllegalArgumentException("a run is bounded to " + MAX_DURATION);
  }

  public static ReplayOptions loopback(int port, String secret) {
    return new ReplayOptions(URI.create("http://127.0.0.1:" + port), secret, 100, 64, Duration.ofSeconds(2),
        Duration.ofSeconds(10), Long.MAX_VALUE, 0, Duration.ofSeconds(10), null);
  }

  public ReplayOptions withRate(double r) {
    return new ReplayOptions(target, jwtSecret, r, concurrency, warmup, duration, maxCommands, sockets, drain, metricsToken);
  }

  public ReplayOptions withTiming(Duration w, Duration d) {
    return new ReplayOptions(target, jwtSecret, rate, concurrency, w, d, maxCommands, sockets, drain, metricsToken);
  }

  public ReplayOptions withSockets(int n) {
    return new ReplayOptions(target, jwtSecret, rate, concurrency, warmup, duration, maxCommands, n, drain, metricsToken);
  }

  public ReplayOptions withConcurrency(int n) {
    return new ReplayOptions(target, jwtSecret, rate, n, warmup, duration, maxCommands, sockets, drain, metricsToken);
  }

  public ReplayOptions withMaxCommands(long n) {
    return new ReplayOptions(target, jwtSecret, rate, concurrency, warmup, duration, n, sockets, drain, metricsToken);
  }

  public ReplayOptions withMetricsToken(String t) {
    return new ReplayOptions(target, jwtSecret, rate, concurrency, warmup, duration, maxCommands, sockets, drain, t);
  }
}
