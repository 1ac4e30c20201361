package no.deling.webclient;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
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

  public WebClientRoutes(Config config, no.deling.push.WebPushKeys pushKeys) {
    this.config = config;
    this.pushKey = pushKeys == null || !config.push().enabled() ? null : pushKeys.publicBase64();
    String issuer = config.oidcClientId() == null ? null : no.deling.core.http.Origins.of(config.jwtIssuer());
    this.csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws: wss:"
        + (issuer == null ? "" : " " + issuer) + "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  }

  /** {@code /} and {@code /app/*}, ahead of the API's catch-all. */
  public void mountStatic(Router router) {
    StaticHandler page = StaticHandler.create("webroot").setCachingEnabled(true).setMaxAgeSeconds(0).setIndexPage("index.html")
        .setDirectoryListing(false);
    // a route's wildcard prefix is stripped before the file is looked up: /app/x is webroot/app/x
    StaticHandler app = StaticHandler.create("webroot/app").setCachingEnabled(true).setMaxAgeSeconds(0).setDirectoryListing(false);
    router.get("/").handler(this::headers).handler(page);
    router.get("/index.html").handler(this::headers).handler(page);
    router.get("/app/*").handler(this::headers).handler(app);
    // the service worker that shows pushed notifications, at the top so that it may serve the whole site; and the
    // manifest that lets a phone install Deling on its home screen (which an iPhone needs before it takes pushes)
    router.get("/sw.js").handler(this::headers).handler(rc -> file(rc, "webroot/sw.js", "text/javascript; charset=utf-8"));
    router.get("/manifest.webmanifest").handler(this::headers).handler(rc -> file(rc, "webroot/manifest.webmanifest", "application/manifest+json"));
  }

  /** One file at the top of the site (a static handler on an exact route looks for a folder, and redirects). */
  private static void file(RoutingContext rc, String resource, String contentType) {
    rc.response().putHeader("Content-Type", contentType).sendFile(resource).onFailure(e -> {
      if (!rc.response().ended()) rc.fail(404);
    });
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
