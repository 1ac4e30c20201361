package no.deling.core.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import no.deling.auth.Actor;

/** Reading a request that the OpenAPI router has already validated, and answering it. */
public final class Requests {
  private Requests() {}

  public static Actor actor(RoutingContext rc) {
    return rc.get(Actor.KEY);
  }

  public static ValidatedRequest validated(RoutingContext rc) {
    return rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }

  public static String path(RoutingContext rc, String name) {
    return validated(rc).getPathParameters().get(name).getString();
  }

  public static JsonObject body(RoutingContext rc) {
    return validated(rc).getBody().getJsonObject();
  }

  /** The JSON body of a request whose body is optional; an empty object when there is none. */
  public static JsonObject optionalBody(RoutingContext rc) {
    var b = validated(rc).getBody();
    JsonObject json = b == null || b.isNull() ? null : b.getJsonObject();
    return json == null ? new JsonObject() : json;
  }

  /** A query parameter as text, or null when absent. */
  public static String query(RoutingContext rc, String name) {
    RequestParameter p = validated(rc).getQuery().get(name);
    return p == null || p.isNull() ? null : p.getString();
  }

  /** The {@code next} cursor of a list paged by position in its order (the contract limits it to digits); 0 for the first page. */
  public static int offset(RoutingContext rc) {
    String next = query(rc, "next");
    return next == null ? 0 : Integer.parseInt(next);
  }

  public static int limit(RoutingContext rc) {
    RequestParameter p = validated(rc).getQuery().get("limit");
    return p == null || p.isNull() ? 20 : p.getInteger();
  }

  /**
   * The {@code before} cursor (a post or notification id), or Long.MAX_VALUE for the first page. The
   * contract lets through up to 19 digits; one above the largest id is "before everything", the first
   * page, rather than a failure.
   */
  public static long before(RoutingContext rc) {
    RequestParameter p = validated(rc).getQuery().get("before");
    if (p == null || p.isNull()) return Long.MAX_VALUE;
    try {
      return Long.parseLong(p.getString());
    } catch (NumberFormatException aboveTheLargestId) {
      return Long.MAX_VALUE;
    }
  }

  /** Sends the future's JSON with {@code status}, or maps its failure to a problem. */
  public static void respond(RoutingContext rc, int status, Future<JsonObject> result) {
    result.onComplete(r -> {
      if (r.failed()) {
        Problems.fail(rc, r.cause());
      } else if (!rc.response().ended()) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(r.result().encode());
      }
    });
  }
}
