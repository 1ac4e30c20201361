package no.deling.webclient;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import no.deling.Config;

/**
 * The web client: static files from the classpath ({@code webroot/}), served at {@code /} with no
 * CDN and no build step, and the one public route it needs before anyone is logged in —
 * {@code GET /api/client-config}, saying how to log in. Everything else the client does goes
 * through the public API and the WebSocket, as a third-party client would.
 */
public final class WebClientRoutes {
  private final Config config;
  /** With push on, the key browsers subscribe with. */
  private final String pushKey;
  /** Scripts, styles and connections from this origin only (and the token issuer, for logging in); no inline script, no framing. */
  private final String csp;
  private ClientFiles files;

  public WebClientRoutes(Config config, no.deling.push.WebPushKeys pushKeys) {
    this.config = config;
    this.pushKey = pushKeys == null || !config.push().enabled() ? null : pushKeys.publicBase64();
    String issuer = config.oidcClientId() == null ? null : no.deling.core.http.Origins.of(config.jwtIssuer());
    this.csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws: wss:"
        + (issuer == null ? "" : " " + issuer) + "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  }

  /** {@code /} and {@code /app/*}, ahead of the API's catch-all. */
  public void mountStatic(Router router, io.vertx.core.Vertx vertx) {
    ClientFiles files = files(vertx);
    router.get("/").handler(this::headers).handler(rc -> files.serve(rc, "index.html"));
    router.get("/index.html").handler(this::headers).handler(rc -> files.serve(rc, "index.html"));
    // normalised: no "..", no "//"
    router.get("/app/*").handler(this::headers).handler(rc -> files.serve(rc, rc.normalizedPath().substring(1)));
    // the service worker that shows pushed notifications, at the top so that it may serve the whole site; and the
    // manifest that lets a phone install Deling on its home screen (which an iPhone needs before it takes pushes)
    router.get("/sw.js").handler(this::headers).handler(rc -> files.serve(rc, "sw.js"));
    router.get("/manifest.webmanifest").handler(this::headers).handler(rc -> files.serve(rc, "manifest.webmanifest"));
  }

  /** The files this event loop serves: each read and gzipped once. */
  private synchronized ClientFiles files(io.vertx.core.Vertx vertx) {
    if (files == null) files = new ClientFiles(vertx);
    return files;
  }

  private void headers(RoutingContext rc) {
    rc.response().putHeader("Content-Security-Policy", csp).putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer").putHeader("Cache-Control", "no-cache");
    rc.next();
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("getClientConfig").addHandler(this::clientConfig);
  }

  private void clientConfig(RoutingContext rc) {
    JsonObject oidc = config.oidcClientId() == null || config.jwtIssuer() == null ? null
        : new JsonObject().put("issuer", config.jwtIssuer()).put("clientId", config.oidcClientId()).put("scope", config.oidcScope());
    rc.json(new JsonObject().put("devLogin", config.devLogin()).put("oidc", oidc)
        .put("push", pushKey == null ? null : new JsonObject().put("publicKey", pushKey)));
  }
}
