package no.deling.stream;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import no.deling.Config;
import no.deling.auth.TokenVerifier;
import no.deling.core.http.Problems;
import no.deling.readmodel.ReadModel;

/**
 * {@code GET /api/stream}: authenticates, then upgrades to the multiplexed WebSocket. Browsers
 * cannot set headers on a WebSocket, so the token may also come as a {@code Sec-WebSocket-Protocol}
 * entry (echoed back, as browsers require) or an {@code access_token} query parameter.
 */
public final class StreamRoutes {
  private final TokenVerifier verifier;
  private final StreamHub hub;
  private final ReadModel model;
  private final Config config;
  private final no.deling.pulse.PulseFeed pulse;

  public StreamRoutes(TokenVerifier verifier, StreamHub hub, ReadModel model, Config config) {
    this(verifier, hub, model, config, null);
  }

  /** @param pulse the live pulse for leaders, null when it is off */
  public StreamRoutes(TokenVerifier verifier, StreamHub hub, ReadModel model, Config config, no.deling.pulse.PulseFeed pulse) {
    this.pulse = pulse;
    this.verifier = verifier;
    this.hub = hub;
    this.model = model;
    this.config = config;
  }

  public StreamHub hub() {
    return hub;
  }

  public void handle(RoutingContext rc) {
    HttpServerRequest req = rc.request();
    String upgrade = req.getHeader("Upgrade");
    if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
      Problems.send(rc, 400, "not-websocket", "WebSocket upgrade required",
          "GET /api/stream is the live WebSocket: connect with a WebSocket client", List.of());
      return;
    }
    String token = token(req);
    if (token == null) {
      Problems.unauthorized(rc);
      return;
    }
    req.pause();
    Context context = rc.vertx().getOrCreateContext();
    verifier.verify(token).onComplete(verified -> {
      if (verified.failed() || !model.read(() -> model.people.mayLogIn(verified.result().id()))) {
        req.resume();
        Problems.unauthorized(rc);
        return;
      }
      String user = verified.result().id();
      if (hub.openSockets(user) >= config.streamMaxSocketsPerUser()) {
        req.resume();
        rc.response().putHeader("Retry-After", "60");
        Problems.send(rc, 429, "too-many-sockets", "Too many open sockets",
            "a person may hold " + config.streamMaxSocketsPerUser() + " sockets at once; one socket carries every stream", List.of());
        return;
      }
      boolean leader = verified.result().is(no.deling.auth.Actor.LEADER);
      // right after a start from a snapshot the resume window is still being filled: the upgrade waits for it
      Future<Void> filled = hub.filled();
      if (filled.isComplete()) upgrade(rc, user, leader);
      else filled.onComplete(done -> context.runOnContext(v -> upgrade(rc, user, leader)));
    });
  }

  private void upgrade(RoutingContext rc, String user, boolean leader) {
    rc.request().toWebSocket()
        .onSuccess(ws -> new StreamConnection(rc.vertx(), ws, user, leader, hub, pulse, model, config.streamQueue(),
            config.streamPingMs(), config.streamIdleTimeoutMs(), config.streamMaxSubscriptions(), config.streamMessageRate()))
        .onFailure(e -> {
          if (!rc.response().ended()) Problems.send(rc, 400, "not-websocket", "WebSocket upgrade required", e.getMessage(), List.of());
        });
  }

  static String token(HttpServerRequest req) {
    String header = req.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) return header.substring(7).trim();
    String protocols = req.getHeader("Sec-WebSocket-Protocol");
    if (protocols != null) {
      for (String p : protocols.split(",")) {
        String candidate = p.trim();
        if (candidate.chars().filter(c -> c == '.').count() == 2) return candidate; // a JWT: header.payload.signature
      }
    }
    String query = req.getParam("access_token");
    return query == null || query.isBlank() ? null : query;
  }
}
