package no.deling.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;

/** {@code POST /api/dev/login}: a token for anyone. Mounted only when DELING_DEV_LOGIN=true. */
public final class DevLoginRoutes {
  private final TokenVerifier verifier;

  public DevLoginRoutes(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("devLogin").addHandler(this::login);
  }

  private void login(RoutingContext rc) {
    ValidatedRequest req = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    JsonObject body = req.getBody().getJsonObject();
    JsonObject claims = new JsonObject().put("sub", body.getString("user")).put("name", body.getString("name", body.getString("user")));
    for (String k : new String[] {"department", "location", "title"}) {
      if (body.getString(k) != null) claims.put(k, body.getString(k));
    }
    String token = verifier.sign(claims, 12 * 60);
    rc.json(new JsonObject().put("token", token).put("user", body.getString("user")));
  }
}
