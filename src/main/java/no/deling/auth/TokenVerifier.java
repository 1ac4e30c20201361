package no.deling.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import no.deling.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies bearer tokens with vertx-auth-jwt: an HS256 shared secret and/or the keys published at
 * an OIDC issuer's JWKS URL (fetched once at start-up), with optional issuer and audience checks.
 * Turns a verified token into an {@link Actor}; the subject is the user id.
 */
public final class TokenVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);
  static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int MAX_CLAIM = 200;

  private static final long CACHE_TTL_MILLIS = 5 * 60_000;
  private static final int CACHE_MAX = 100_000;
  private final java.util.Map<String, Verified> verified = new java.util.concurrent.ConcurrentHashMap<>();
  private final JWTAuth jwt;
  private final boolean canSign;
  private final String[] rolesClaim;

  private TokenVerifier(JWTAuth jwt, boolean canSign, String rolesClaim) {
    this.jwt = jwt;
    this.canSign = canSign;
    this.rolesClaim = rolesClaim.split("\\.");
  }

  /** The claim (a dotted path for nested claims) that carries roles; dev login writes roles there. */
  public String rolesClaim() {
    return String.join(".", rolesClaim);
  }

  public static Future<TokenVerifier> create(Vertx vertx, Config config) {
    String secret = config.jwtSecret();
    if (secret == null && config.jwksUrl() == null) {
      if (!config.devLogin()) {
        return Future.failedFuture(new IllegalStateException(
            "no token verification configured: set DELING_JWT_SECRET or DELING_JWT_JWKS_URL (or DELING_DEV_LOGIN=true for development)"));
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      secret = Base64.getEncoder().encodeToString(random);
      LOG.warn("DELING_JWT_SECRET is not set: dev-login tokens are signed with a random secret and die with this process");
    }
    JWTOptions checks = new JWTOptions();
    if (config.jwtIssuer() != null) checks.setIssuer(config.jwtIssuer());
    if (config.jwtAudience() != null) checks.addAudience(config.jwtAudience());
    JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(checks);
    if (secret != null) options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(secret)));
    boolean canSign = secret != null;
    if (config.jwksUrl() == null) return Future.succeededFuture(new TokenVerifier(JWTAuth.create(vertx, options), canSign, config.rolesClaim()));
    WebClient client = WebClient.create(vertx);
    return client.getAbs(config.jwksUrl()).send()
        .map(response -> {
          if (response.statusCode() != 200) throw new IllegalStateException("JWKS " + config.jwksUrl() + " answered " + response.statusCode());
          response.bodyAsJsonObject().getJsonArray("keys").forEach(k -> options.addJwk((JsonObject) k));
          return new TokenVerifier(JWTAuth.create(vertx, options), canSign, config.rolesClaim());
        })
        .onComplete(r -> client.close());
  }

  /** Fails for any token that is not valid, expired, for another issuer/audience, or without a usable subject. */
  public Future<Actor> verify(String token) {
    long now = System.currentTimeMillis();
    Verified hit = verified.get(token);
    if (hit != null && now < hit.validUntilMillis()) return Future.succeededFuture(hit.actor());
    Future<io.vertx.ext.auth.User> authenticated;
    try {
      authenticated = jwt.authenticate(new TokenCredentials(token));
    } catch (RuntimeException malformed) { // the library throws on some malformed claims instead of failing
      return Future.failedFuture(malformed);
    }
    return authenticated.map(user -> {
      JsonObject claims = user.principal();
      // a token that never expires is a key that cannot be taken back: refuse it
      // (vertx-auth moves exp into the user's attributes)
      if (!(user.attributes().getValue("exp", claims.getValue("exp")) instanceof Number)) {
        throw new IllegalArgumentException("token has no numeric exp");
      }
      // a JSON string, as RFC 7519 has it: Vert.x's getString would turn a number 0 into the user "0"
      if (!(claims.getValue("sub") instanceof String sub) || !USER_ID.matcher(sub).matches()) {
        throw new IllegalArgumentException("token subject is not a valid user id");
      }
      // nobody acts as a group's integration (its posts are its own), nor as the server
      if (no.deling.integrations.Integrations.reservedForNonPersons(sub)) throw new IllegalArgumentException("user id " + sub + " is reserved (the server's, the directory's, or an integration's)");
      // a claim the token does not make is null: it must not overwrite what the directory says
      Object iat = user.attributes().getValue("iat", claims.getValue("iat"));
      Actor actor = new Actor(sub, claim(claims, "name"), claim(claims, "department"), claim(claims, "location"),
          claim(claims, "title"), roles(claims), email(claims), iat instanceof Number n ? Math.max(0, n.longValue()) : 0);
      // vertx-auth moves exp into the user's attributes; fall back to the raw claims
      Object exp = user.attributes().getValue("exp", claims.getValue("exp"));
      remember(token, actor, exp, now);
      return actor;
    });
  }

  /**
   * A token is immutable, so once its signature and claims checked out it stays good until it
   * expires: the same client sends the same token many times, and re-verifying (HMAC or RSA,
   * claims parsing) was a visible share of a request's CPU. Entries live at most a few minutes
   * and never past the token's own expiry; the table is bounded.
   */
  private void remember(String token, Actor actor, Object exp, long now) {
    long until = now + CACHE_TTL_MILLIS;
    if (exp instanceof Number n) until = Math.min(until, n.longValue() * 1000);
    if (until <= now) return;
    if (verified.size() >= CACHE_MAX) verified.clear();
    verified.put(token, new Verified(actor, until));
  }

  private record Verified(Actor actor, long validUntilMillis) {}

  /** A profile claim, or null when absent, blank, or holding control or bidi-override characters (as post text may not). */
  private static String claim(JsonObject claims, String name) {
    Object v = claims.getValue(name);
    if (!(v instanceof String s) || s.isBlank() || !no.deling.core.text.Printable.isPrintable(s)) return null;
    return s.length() > MAX_CLAIM ? s.substring(0, MAX_CLAIM) : s;
  }

  /** The {@code email} claim when it looks like an address and the token does not say it is unverified (OpenID Connect's {@code email_verified}). */
  static String email(JsonObject claims) {
    if (Boolean.FALSE.equals(claims.getValue("email_verified"))) return null;
    return EmailAddresses.valid(claims.getValue("email") instanceof String s ? s.strip() : null);
  }


  /**
   * Roles from the configured claim: a JSON array of strings, or one string of names separated by
   * spaces or commas (both shapes occur among identity providers). Everyone is an employee; names
   * Deling does not know are ignored, and matching ignores case.
   */
  java.util.Set<String> roles(JsonObject claims) {
    String whole = rolesClaim();
    Object v = claims;
    if (claims.containsKey(whole)) v = claims.getValue(whole); // namespaced claims such as https://example.com/roles hold dots
    else for (String step : rolesClaim) v = v instanceof JsonObject o ? o.getValue(step) : null;
    java.util.Set<String> roles = new java.util.HashSet<>();
    roles.add(Actor.EMPLOYEE);
    java.util.List<Object> names = v instanceof io.vertx.core.json.JsonArray a ? a.getList()
        : v instanceof String s ? java.util.List.of((Object[]) s.split("[\\s,]+")) : java.util.List.of();
    for (Object n : names) {
      if (n instanceof String s && Actor.KNOWN_ROLES.contains(s.toLowerCase(java.util.Locale.ROOT))) roles.add(s.toLowerCase(java.util.Locale.ROOT));
    }
    return roles;
  }

  /** Signs a token with the HS256 secret (dev login and tests). */
  public String sign(JsonObject claims, int expiresInMinutes) {
    if (!canSign) throw new IllegalStateException("no HS256 secret to sign with");
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(expiresInMinutes));
  }
}
