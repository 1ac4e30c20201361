package no.deling.core.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.List;
import no.deling.core.command.Rejection;
import no.deling.core.eventstore.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** RFC 9457 problem responses: every refusal names what was wrong, and nothing else leaks. */
public final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  private static final String BASE = "https://deling.no/problems/";

  public record FieldError(String field, String rule, String message) {}

  private Problems() {}

  public static void send(RoutingContext rc, int status, String type, String title, String detail, List<FieldError> errors) {
    send(rc.response(), status, type, title, detail, errors);
  }

  public static void send(io.vertx.core.http.HttpServerResponse response, int status, String type, String title, String detail,
      List<FieldError> errors) {
    if (response.ended() || response.headWritten()) return;
    JsonObject body = new JsonObject().put("type", BASE + type).put("title", title).put("status", status);
    String request = response.headers().get(RequestIds.HEADER);
    if (request != null) body.put("requestId", request);
    if (detail != null) body.put("detail", detail);
    if (!errors.isEmpty()) {
      JsonArray list = new JsonArray();
      for (FieldError e : errors) list.add(new JsonObject().put("field", e.field()).put("rule", e.rule()).put("message", e.message()));
      body.put("errors", list);
    }
    response.setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(body.encode());
  }

  public static void invalid(RoutingContext rc, String field, String rule, String message) {
    send(rc, 400, "invalid-request", "Invalid request", message, List.of(new FieldError(field, rule, message)));
  }

  public static void unauthorized(RoutingContext rc) {
    rc.response().putHeader("WWW-Authenticate", "Bearer");
    send(rc, 401, "unauthorized", "Unauthorized", "a valid bearer token is required", List.of());
  }

  /** Maps any failure of a handler to its response; unexpected ones are logged and become 500. */
  public static void fail(RoutingContext rc, Throwable failure) {
    if ((rc.request().decoderResult() != null && rc.request().decoderResult().isFailure()) || fromHttpDecoder(failure)) {
      // the bytes were not HTTP (a bad chunk size, say): the client's fault, and the connection cannot go on
      rc.response().putHeader("Connection", "close");
      send(rc, 400, "invalid-request", "Invalid request", "the request is not well-formed HTTP", List.of());
      return;
    }
    if (failure instanceof io.vertx.core.http.HttpClosedException) {
      return; // the client went away before its body arrived (an upload cancelled): nobody to answer, nothing failed here
    }
    if (failure instanceof HttpException h) {
      if (h.getCause() != null) {
        fail(rc, h.getCause());
      } else {
        int status = h.getStatusCode();
        send(rc, status, status >= 500 ? "internal" : "http-" + status, h.getPayload() != null ? h.getPayload() : "Error", null, List.of());
      }
    } else if (failure instanceof Rejection r) {
      rejection(rc, r);
    } else if (failure instanceof SchemaValidationException v) {
      schema(rc, v);
    } else if (failure instanceof ValidatorException v) {
      send(rc, 400, "invalid-request", "Invalid request", v.getMessage(),
          List.of(new FieldError(parameterName(v.getMessage()), rule(v), v.getMessage())));
    } else if (failure instanceof StoreUnavailableException) {
      send(rc, 503, "unavailable", "Service unavailable", "the event log is unavailable; nothing was changed, retry later", List.of());
    } else {
      LOG.error("unhandled failure on {} {} (request {})", rc.request().method(), rc.request().path(), rc.response().headers().get(RequestIds.HEADER),
          failure);
      no.deling.core.log.UnhandledFailures.answered500(rc.vertx());
      send(rc, 500, "internal", "Internal error", "the server failed; nothing was acknowledged", List.of());
    }
  }

  private static boolean fromHttpDecoder(Throwable failure) {
    if (failure instanceof io.netty.handler.codec.DecoderException) return true;
    StackTraceElement[] at = failure.getStackTrace();
    return at.length > 0 && at[0].getClassName().startsWith("io.netty.handler.codec.");
  }

  private static void rejection(RoutingContext rc, Rejection r) {
    if (r instanceof Rejection.NotFound) {
      send(rc, 404, "not-found", "Not found", r.getMessage(), List.of());
    } else if (r instanceof Rejection.Forbidden) {
      send(rc, 403, "forbidden", "Forbidden", r.getMessage(), List.of());
    } else if (r instanceof Rejection.Invalid i) {
      send(rc, 422, "rule-violated", "Rule violated", r.getMessage(), List.of(new FieldError(i.field(), i.rule(), r.getMessage())));
    } else if (r instanceof Rejection.Duplicate) {
      send(rc, 409, "duplicate", "Already exists", r.getMessage(), List.of());
    } else {
      send(rc, 409, "conflict", "Conflict", r.getMessage(), List.of());
    }
  }

  private static final java.util.Set<String> WRAPPERS = java.util.Set.of("properties", "additionalProperties", "$ref", "allOf", "anyOf", "oneOf", "items", "schema");

  private static void schema(RoutingContext rc, SchemaValidationException v) {
    String message = v.getMessage() == null ? "" : v.getMessage();
    // Parameters are validated one by one; their errors point at "" inside the parameter.
    String base = message.contains(" parameter ") ? parameterName(message) : "";
    List<FieldError> all = new ArrayList<>();
    collect(v.getOutputUnit(), base, all);
    List<FieldError> errors = new ArrayList<>();
    for (FieldError e : all) {
      boolean wrapper = WRAPPERS.contains(e.rule())
          && all.stream().anyMatch(o -> o.field().equals(e.field()) && !WRAPPERS.contains(o.rule()));
      if (!wrapper && !errors.contains(e)) errors.add(e);
    }
    if (errors.isEmpty()) errors.add(new FieldError(base.isEmpty() ? "body" : base, rule(v), message));
    String detail = String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList());
    send(rc, 400, "invalid-request", "Invalid request", detail, errors);
  }

  private static final java.util.regex.Pattern REQUIRED = java.util.regex.Pattern.compile("required property \"([^\"]+)\"");

  private static void collect(OutputUnit unit, String base, List<FieldError> out) {
    if (unit == null) return;
    if (unit.getErrors() != null && !unit.getErrors().isEmpty()) {
      for (OutputUnit u : unit.getErrors()) collect(u, base, out);
      return;
    }
    if (unit.getError() == null) return;
    String location = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation();
    String field = location.replaceFirst("^#?/?", "").replace('/', '.');
    String keyword = unit.getKeywordLocation() == null ? "" : unit.getKeywordLocation();
    String rule = keyword.substring(keyword.lastIndexOf('/') + 1);
    var missing = REQUIRED.matcher(unit.getError());
    if (rule.equals("required") && missing.find()) field = field.isEmpty() ? missing.group(1) : field + "." + missing.group(1);
    String name = base.isEmpty() ? field : field.isEmpty() ? base : base + "." + field;
    out.add(new FieldError(name.isEmpty() ? "body" : name, rule.isEmpty() ? "schema" : rule, unit.getError()));
  }

  private static String rule(ValidatorException v) {
    return v.type().name().toLowerCase().replace('_', '-');
  }

  private static final java.util.regex.Pattern PARAMETER = java.util.regex.Pattern.compile("parameter (\\S+)");

  /** The library names the parameter in its message ("... parameter limit ..."); fall back to "request". */
  private static String parameterName(String message) {
    if (message == null) return "request";
    var m = PARAMETER.matcher(message);
    return m.find() ? m.group(1) : "request";
  }
}
