package no.deling.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import no.deling.Wiring;
import no.deling.core.command.Rejection;
import no.deling.core.eventstore.StoreUnavailableException;
import no.deling.core.http.Problems;

/**
 * Guards every /api route: a valid bearer token of a person who may log in, or 401 (with nothing
 * else revealed). A deactivated person's still-valid token is refused too. On the way in, claims
 * that differ from the person's profile are recorded through the command path ({@link
 * RecordPersonClaims}), so the identity provider stays a source of profile truth.
 */
public final class AuthenticationHandler implements Handler<RoutingContext> {
  private static final Set<String> PUBLIC = Set.of("/api/dev/login", "/api/stream", "/api/client-config");

  private final TokenVerifier verifier;
  private final RecordPersonClaims claims;

  public AuthenticationHandler(TokenVerifier verifier, Wiring wiring) {
    this.verifier = verifier;
    this.claims = new RecordPersonClaims(wiring);
  }

  @Override
  public void handle(RoutingContext rc) {
    String path = rc.normalizedPath();
    if (!path.startsWith("/api/") || PUBLIC.contains(path)) {
      rc.next();
      return;
    }
    String token = bearer(rc.request().getHeader("Authorization"));
    if (token == null) {
      Problems.unauthorized(rc);
      return;
    }
    verifier.verify(token).onComplete(verified -> {
      if (verified.failed()) {
        Problems.unauthorized(rc);
        return;
      }
      Actor actor = verified.result();
      claims.admit(actor).onComplete(recorded -> {
        if (recorded.failed()) {
          // deactivated: a refused login
          if (recorded.cause() instanceof Rejection.Forbidden) {
            Problems.unauthorized(rc);
            return;
          }
          // the log takes no writes (a full disk): a read needs no profile written first, and the claims are recorded at a
          // later request; anything else, and every write, is answered as it is
          if (!(recorded.cause() instanceof StoreUnavailableException) || !isRead(rc.request().method())) {
            Problems.fail(rc, recorded.cause());
            return;
          }
        }
        rc.put(Actor.KEY, actor);
        rc.next();
      });
    });
  }

  private static boolean isRead(HttpMethod method) {
    return method == HttpMethod.GET || method == HttpMethod.HEAD;
  }

  /** The token of an {@code Authorization: Bearer …} header, or null. */
  public static String bearer(String header) {
    if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
    String token = header.substring(7).trim();
    return token.isEmpty() ? null : token;
  }
}
