package no.deling.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import no.deling.core.http.Problems;
import no.deling.core.limits.RateLimiter;

/**
 * Per-person limits on writes and per-address limits on logins, answered with 429, a
 * {@code Retry-After} in whole seconds and a problem naming the limit. Runs after authentication,
 * so a write is counted against the person who makes it.
 */
public final class RateLimits implements Handler<RoutingContext> {
  private final RateLimiter writes;
  private final RateLimiter logins;

  public RateLimits(RateLimiter writes, RateLimiter logins) {
    this.writes = writes;
    this.logins = logins;
  }

  @Override
  public void handle(RoutingContext rc) {
    HttpMethod m = rc.request().method();
    boolean write = m != HttpMethod.GET && m != HttpMethod.HEAD && m != HttpMethod.OPTIONS;
    String path = rc.normalizedPath();
    long now = System.nanoTime();
    if (write && path.equals("/api/dev/login")) {
      String address = rc.request().remoteAddress() == null ? "?" : rc.request().remoteAddress().hostAddress();
      if (refused(rc, logins.take(address, now), "logins", "logins from one address")) return;
    } else if (write && rc.get(Actor.KEY) != null) {
      Actor actor = rc.get(Actor.KEY);
      if (refused(rc, writes.take(actor.id(), now), "writes", "writes by one person")) return;
    }
    rc.next();
  }

  /** Answers 429 (and true) when the limit made the caller wait; {@code limit} names it in the problem. */
  public static boolean refused(RoutingContext rc, long waitNanos, String limit, String what) {
    if (waitNanos == 0) return false;
    long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    rc.response().putHeader("Retry-After", Long.toString(seconds));
    Problems.send(rc, 429, "rate-limited", "Too many requests", "too many " + what + "; retry after " + seconds + " s",
        List.of(new Problems.FieldError(limit, "rate", "the limit on " + what + " was reached")));
    return true;
  }
}
