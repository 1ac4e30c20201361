package no.deling.auth;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import no.deling.core.command.CommandExecutor;
import no.deling.core.command.CommandMeta;
import no.deling.core.http.Problems;
import no.deling.readmodel.ReadModel;
import no.deling.users.ProfileDecider;
import no.deling.users.Profiles.Profile;
import no.deling.users.UserEvent;

/**
 * Guards every /api route: a valid bearer token or 401 (with nothing else revealed). On the way
 * in, a user whose token claims differ from their recorded profile gets a new profile event, so
 * the identity provider stays the source of profile truth.
 */
public final class AuthenticationHandler implements Handler<RoutingContext> {
  private static final Set<String> PUBLIC = Set.of("/api/dev/login", "/api/stream");
  private static final ProfileDecider PROFILES = new ProfileDecider();

  private final Vertx vertx;
  private final TokenVerifier verifier;
  private final CommandExecutor commands;
  private final ReadModel model;
  private final Clock clock;
  private final long readYourWritesMs;

  public AuthenticationHandler(Vertx vertx, TokenVerifier verifier, CommandExecutor commands, ReadModel model, Clock clock,
      long readYourWritesMs) {
    this.vertx = vertx;
    this.verifier = verifier;
    this.commands = commands;
    this.model = model;
    this.clock = clock;
    this.readYourWritesMs = readYourWritesMs;
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
      recordProfileIfChanged(actor).onComplete(recorded -> {
        if (recorded.failed()) {
          Problems.fail(rc, recorded.cause());
          return;
        }
        rc.put(Actor.KEY, actor);
        rc.next();
      });
    });
  }

  static String bearer(String header) {
    if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
    String token = header.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  private io.vertx.core.Future<Void> recordProfileIfChanged(Actor a) {
    Profile known = model.read(() -> model.profiles.get(a.id()));
    if (known != null
        && Objects.equals(known.displayName(), a.displayName())
        && Objects.equals(known.department(), a.department())
        && Objects.equals(known.location(), a.location())
        && Objects.equals(known.title(), a.title())) {
      return io.vertx.core.Future.succeededFuture();
    }
    var command = new ProfileDecider.RecordProfile(a.id(), a.displayName(), a.department(), a.location(), a.title(), clock.instant());
    return commands.execute(UserEvent.stream(a.id()), PROFILES, command, CommandMeta.of(a.id()))
        .compose(r -> model.awaitPosition(vertx, r.position(), readYourWritesMs).otherwiseEmpty());
  }
}
