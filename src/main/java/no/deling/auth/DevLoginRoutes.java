package no.deling.auth;

import static no.deling.core.http.Requests.body;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.HashSet;
import java.util.Set;
import no.deling.Wiring;
import no.deling.core.command.Rejection;
import no.deling.core.http.Problems;

/**
 * {@code POST /api/dev/login}: a token for anyone, mounted only when DELING_DEV_LOGIN=true. The
 * person is recorded before the token is handed out, so colleagues can follow, mention and
 * endorse them at once, as they could anyone the directory knows. A deactivated person gets 401.
 */
public final class DevLoginRoutes {
  private final TokenVerifier verifier;
  private final RecordPersonClaims people;

  public DevLoginRoutes(TokenVerifier verifier, Wiring wiring) {
    this.verifier = verifier;
    this.people = new RecordPersonClaims(wiring);
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("devLogin").addHandler(this::login);
  }

  private void login(RoutingContext rc) {
    JsonObject body = body(rc);
    String user = body.getString("user");
    if (no.deling.integrations.Integrations.reservedForNonPersons(user)) {
      Problems.invalid(rc, "user", "not-reserved", "user id " + user + " is reserved: \"deling\" and \"scim\" name the server and the directory, ids starting app. groups' integrations");
      return;
    }
    for (String k : new String[] {"name", "department", "location", "title"}) {
      if (body.getString(k) != null && !no.deling.core.text.Printable.isPrintable(body.getString(k))) {
        Problems.invalid(rc, k, "printable", k + " may not hold control or bidirectional-override characters");
        return;
      }
    }
    // only what the body says becomes a claim: a login without a name must not rename someone the directory named
    JsonObject claims = new JsonObject().put("sub", user);
    for (String k : new String[] {"name", "department", "location", "title"}) {
      if (body.getString(k) != null) claims.put(k, body.getString(k));
    }
    JsonArray roles = body.getJsonArray("roles", new JsonArray());
    putAt(claims, verifier.rolesClaim(), roles);
    Set<String> granted = new HashSet<>(Set.of(Actor.EMPLOYEE));
    for (Object r : roles) granted.add((String) r);
    String email = body.getString("email");
    if (email != null) {
      if (no.deling.auth.EmailAddresses.valid(email) == null) {
        Problems.invalid(rc, "email", "email", "one email address, such as alice@example.org");
        return;
      }
      claims.put("email", email);
    }
    long issuedAt = System.currentTimeMillis() / 1000;
    claims.put("iat", issuedAt);
    Actor actor = new Actor(user, claims.getString("name"), claims.getString("department"), claims.getString("location"),
        claims.getString("title"), granted, email, issuedAt);
    people.admit(actor).onComplete(recorded -> {
      if (recorded.failed()) {
        if (recorded.cause() instanceof Rejection.Forbidden) Problems.unauthorized(rc);
        else Problems.fail(rc, recorded.cause());
        return;
      }
      String token = verifier.sign(claims, 12 * 60);
      rc.json(new JsonObject().put("token", token).put("user", user).put("roles", new JsonArray(granted.stream().sorted().toList())));
    });
  }

  /** Writes {@code value} at a dotted claim path, making the objects on the way. */
  private static void putAt(JsonObject claims, String path, Object value) {
    String[] steps = path.split("\\.");
    JsonObject at = claims;
    for (int i = 0; i < steps.length - 1; i++) {
      JsonObject next = at.getJsonObject(steps[i]);
      if (next == null) at.put(steps[i], next = new JsonObject());
      at = next;
    }
    at.put(steps[steps.length - 1], value);
  }
}
