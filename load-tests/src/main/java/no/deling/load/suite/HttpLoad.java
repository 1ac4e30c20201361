package no.deling.load.suite;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop HTTP load: {@code connections} requests always in flight for a warm-up plus a
 * measured duration; counts completions in the measured window. Used the same way against the
 * plain endpoint (the ceiling) and against Deling.
 */
public final class HttpLoad {
  public record Result(double perSecond, long ok, Map<String, Long> errors, Histogram latencyMicros) {
    public long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private HttpLoad() {}

  /** @param request makes the i-th request with the client */
  public static Result run(Vertx vertx, int port, int connections, Duration warmup, Duration duration,
      BiFunction<WebClient, Long, Future<HttpResponse<Buffer>>> request) throws InterruptedException {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(connections));
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long end = measureFrom + duration.toNanos();
    AtomicLong ok = new AtomicLong();
    AtomicLong seq = new AtomicLong();
    Map<String, Long> errors = new ConcurrentHashMap<>();
    ConcurrentHistogram latency = new ConcurrentHistogram(3);
    CountDownLatch done = new CountDownLatch(connections);
    Runnable[] loop = new Runnable[1];
    loop[0] = () -> {
      long sent = System.nanoTime();
      if (sent >= end) {
        done.countDown();
        return;
      }
      request.apply(client, seq.getAndIncrement()).onComplete(ar -> {
        long now = System.nanoTime();
        boolean measured = sent >= measureFrom && now <= end;
        if (ar.succeeded() && ar.result().statusCode() < 300) {
          if (measured) {
            ok.incrementAndGet();
            latency.recordValue((now - sent) / 1_000);
          }
        } else if (measured) {
          errors.merge(ar.succeeded() ? "HTTP " + ar.result().statusCode() : ar.cause().getClass().getSimpleName(), 1L, Long::sum);
        }
        loop[0].run();
      });
    };
    for (int i = 0; i < connections; i++) vertx.runOnContext(v -> loop[0].run());
    done.await();
    client.close();
    return new Result(ok.get() / (duration.toNanos() / 1e9), ok.get(), Map.copyOf(errors), latency);
  }
}
